import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ApiClient } from '../support/client.js';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, threeStageFile, unique } from '../support/fixtures.js';
import { putFile, templateNames, templateText } from '../support/pipeline-files.js';
import type { FileProblem, FileStage, StoredPipeline } from '../support/pipeline-files.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Pipelines as code over HTTP: the six templates applied from their files and by name,
 * edits re-applied onto live pipelines (stage ids kept), export → apply round trips,
 * and the permission boundary. Line-precise errors have their own suite.
 */
describe.each(dialectsUnderTest())('pipeline files ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  const getPipeline = async (client: ApiClient, id: string) =>
    (await client.get<StoredPipeline>(`/api/v1/pipelines/${id}`)).body;

  /** The stored pipeline says what the file says, stage by stage, gates included. */
  function expectMatchesFile(stored: StoredPipeline, text: string): void {
    const file = parse(text) as { key: string; stages: FileStage[] };
    expect(stored.key).toBe(file.key);
    expect(stored.stages.map((s) => s.key)).toEqual(file.stages.map((s) => s.key));
    file.stages.forEach((stage, index) => {
      const rules = stored.stages[index]?.rules;
      expect(rules?.entry, stage.key).toEqual(stage.entry ?? []);
      expect(rules?.exit, stage.key).toEqual(stage.exit ?? []);
      expect(rules?.actions, stage.key).toEqual(stage.actions ?? []);
      expect(rules?.materials, stage.key).toEqual(stage.materials ?? []);
    });
  }

  it.each(templateNames)('applies the %s template from its file', async (name) => {
    const text = templateText(name);
    const response = await putFile(t.client, name, text);
    // Every tenant already has the B2B standard (it is made from this very file).
    expect(response.status, JSON.stringify(response.body)).toBe(
      name === 'b2b-standard' ? 200 : 201,
    );
    if (name === 'b2b-standard') expect(response.body.version).toBe(1);
    expectMatchesFile(await getPipeline(t.client, response.body.id), text);
  });

  it('lists the templates and applies each by name', async () => {
    const fresh = await createTestTenant(server);
    const list = await fresh.client.get<{ items: { name: string; stages: unknown[] }[] }>(
      '/api/v1/pipeline-templates',
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.name)).toEqual([...templateNames]);
    for (const name of templateNames) {
      const applied = await fresh.client.post<StoredPipeline>(
        `/api/v1/pipeline-templates/${name}/apply`,
      );
      expect(applied.status, name).toBe(name === 'b2b-standard' ? 200 : 201);
      expectMatchesFile(applied.body, templateText(name));
      // Applying it again changes nothing: no new version.
      const again = await fresh.client.post<StoredPipeline>(
        `/api/v1/pipeline-templates/${name}/apply`,
      );
      expect([again.status, again.body.version]).toEqual([200, applied.body.version]);
    }
    const unknown = await fresh.client.post<FileProblem>('/api/v1/pipeline-templates/nope/apply');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    const traversal = await fresh.client.post('/api/v1/pipeline-templates/..%2Fsecret/apply');
    expect(traversal.status).toBe(400);
  });

  it('re-applies an edited file onto the live pipeline, keeping stage ids', async () => {
    const key = unique('saas');
    const file = parse(templateText('saas')) as { key: string; stages: FileStage[] };
    file.key = key;
    const first = await putFile(t.client, key, stringify(file));
    expect(first.status).toBe(201);
    const account = await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: 'A' }));
    const deal = await created<{ id: string; stageId: string }>(
      t.client.post('/api/v1/opportunities', {
        name: 'Deal',
        accountId: account.id,
        pipelineId: first.body.id,
      }),
    );

    const edited = structuredClone(file);
    const [discovery, demo, trial, proposal, won, lost] = edited.stages;
    if (!demo || !trial) throw new Error('the saas template changed shape');
    demo.nameEn = 'Live demo';
    trial.exit = [{ type: 'score', min: 75 }];
    const security: FileStage & Record<string, unknown> = {
      key: 'security',
      nameZh: '安全评审',
      nameEn: 'Security review',
      kind: 'open',
      probability: 60,
      forecastCategory: 'best_case',
    };
    edited.stages = [discovery, demo, trial, security, proposal, won, lost] as FileStage[];
    const second = await putFile(t.client, key, stringify(edited));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.version).toBe(first.body.version + 1);
    const idOf = (p: StoredPipeline, k: string) => p.stages.find((s) => s.key === k)?.id;
    for (const kept of ['discovery', 'demo', 'trial', 'proposal', 'won', 'lost']) {
      expect(idOf(second.body, kept), kept).toBe(idOf(first.body, kept));
    }
    expectMatchesFile(second.body, stringify(edited));
    expect(second.body.stages.find((s) => s.key === 'demo')?.nameEn).toBe('Live demo');
    const reread = await t.client.get<{ stageId: string }>(`/api/v1/opportunities/${deal.id}`);
    expect(reread.body.stageId).toBe(deal.stageId);

    // The stage the deal sits in cannot go; the new, unused one can.
    const withoutDiscovery = { ...edited, stages: edited.stages.slice(1) };
    const refused = await putFile<FileProblem>(t.client, key, stringify(withoutDiscovery));
    expect([refused.status, refused.body.code]).toEqual([409, 'stage_in_use']);
    const withoutSecurity = { ...edited, stages: edited.stages.filter((s) => s !== security) };
    const third = await putFile(t.client, key, stringify(withoutSecurity));
    expect(third.status).toBe(200);
    expect(third.body.stages.map((s) => s.key)).not.toContain('security');
  });

  it('exports a pipeline as YAML and JSON that apply back unchanged', async () => {
    const team = await created<{ id: string }>(t.client.post('/api/v1/teams', { name: 'East' }));
    const key = unique('round');
    const file = { ...(parse(templateText('manufacturing-long-cycle')) as object), key };
    const original = await putFile(t.client, key, stringify({ ...file, teamIds: [team.id] }));
    expect(original.status).toBe(201);

    const yaml = await t.client.get<string>(`/api/v1/pipelines/${original.body.id}/export`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('text/yaml');
    expect(yaml.body).not.toMatch(/\bid:/);
    const json = await t.client.get<object>(
      `/api/v1/pipelines/${original.body.id}/export?format=json`,
    );
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.body).toMatchObject({ key, teamIds: [team.id] });
    expect(json.body).toHaveProperty('scorecard.dimensions');

    for (const [text, type] of [
      [yaml.body, 'text/yaml'],
      [JSON.stringify(json.body), 'application/json'],
    ] as const) {
      const before = await snapshot(server.runtime.store);
      const back = await putFile(t.client, key, text, type);
      expect([back.status, back.body.version], type).toEqual([200, original.body.version]);
      // up to date: no new version, no audit entry, nothing written
      expect(await snapshot(server.runtime.store)).toEqual(before);
    }

    // Into another tenant (without the team, which is this tenant's): the same pipeline.
    const other = await createTestTenant(server);
    const portable = parse(yaml.body) as Record<string, unknown>;
    delete portable.teamIds;
    const copied = await putFile(other.client, key, stringify(portable));
    expect(copied.status).toBe(201);
    const exported = await other.client.get<string>(`/api/v1/pipelines/${copied.body.id}/export`);
    expect(parse(exported.body)).toEqual(portable);
  });

  it('refuses to apply onto an archived pipeline and other media types', async () => {
    const key = unique('archived');
    const made = await putFile(t.client, key, threeStageFile(key));
    expect(made.status).toBe(201);
    expect((await t.client.delete(`/api/v1/pipelines/${made.body.id}`)).status).toBe(204);
    const archived = await putFile<FileProblem>(t.client, key, threeStageFile(key));
    expect([archived.status, archived.body.code]).toEqual([409, 'pipeline_archived']);
    const plain = await putFile<FileProblem>(t.client, key, threeStageFile(key), 'text/plain');
    expect([plain.status, plain.body.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('lets only administrators use pipeline files and templates', async () => {
    const rep = await created<{ id: string; email: string }>(
      t.client.post('/api/v1/users', {
        email: `${unique('rep')}@example.test`,
        name: 'Rep',
        role: 'rep',
        password: TEST_PASSWORD,
      }),
    );
    const client = await new ApiClient(server.url).signIn(rep.email, TEST_PASSWORD);
    const pipelines = await client.get<{ items: StoredPipeline[] }>('/api/v1/pipelines');
    const id = pipelines.body.items[0]?.id ?? '';
    const before = await snapshot(server.runtime.store);
    const key = unique('rep');
    const attempts = [
      await client.get<FileProblem>(`/api/v1/pipelines/${id}/export`),
      await putFile<FileProblem>(client, key, threeStageFile(key)),
      await client.get<FileProblem>('/api/v1/pipeline-templates'),
      await client.post<FileProblem>('/api/v1/pipeline-templates/saas/apply'),
    ];
    expect(attempts.map((a) => [a.status, a.body.code])).toEqual(Array(4).fill([403, 'forbidden']));
    expect(await snapshot(server.runtime.store)).toEqual(before);
  });
});
