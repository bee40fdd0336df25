import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, threeStages } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Stage {
  id: string;
  key: string;
  nameEn: string;
  position: number;
  kind: string;
  probability: number;
  forecastCategory: string;
}
interface Pipeline {
  id: string;
  key: string;
  version: number;
  isDefault: boolean;
  archivedAt: string | null;
  stages: Stage[];
}
interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}

const toInput = ({ id, key, nameEn, kind, probability, forecastCategory }: Stage) => ({
  id,
  key,
  nameZh: nameEn,
  nameEn,
  kind,
  probability,
  forecastCategory,
});

describe.each(dialectsUnderTest())('pipelines ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  it('gives a new tenant the B2B default pipeline', async () => {
    const list = await t.client.get<{ items: Pipeline[] }>('/api/v1/pipelines');
    expect(list.body.items).toHaveLength(1);
    const [pipeline] = list.body.items;
    expect(pipeline?.isDefault).toBe(true);
    expect(pipeline?.stages.map((s) => [s.key, s.kind, s.probability, s.position])).toEqual([
      ['initial-contact', 'open', 10, 0],
      ['needs-confirmed', 'open', 30, 1],
      ['solution', 'open', 50, 2],
      ['negotiation', 'open', 80, 3],
      ['won', 'won', 100, 4],
      ['lost', 'lost', 0, 5],
    ]);
  });

  it('reports every problem of an invalid definition at once', async () => {
    const response = await t.client.post<Problem>('/api/v1/pipelines', {
      key: 'broken',
      nameZh: '坏',
      nameEn: 'Broken',
      stages: [
        {
          key: 'won',
          nameZh: 'W',
          nameEn: 'W',
          kind: 'won',
          probability: 90,
          forecastCategory: 'closed',
        },
        {
          key: 'won',
          nameZh: 'A',
          nameEn: 'A',
          kind: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
        },
        {
          key: 'x',
          nameZh: 'X',
          nameEn: 'X',
          kind: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
        },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('pipeline_invalid');
    expect(response.body.errors?.map((e) => e.code).sort()).toEqual(
      [
        'duplicate_key',
        'missing_lost_stage',
        'open_after_closed',
        'open_after_closed',
        'won_probability',
      ].sort(),
    );
  });

  it('refuses a duplicate key', async () => {
    await created(
      t.client.post('/api/v1/pipelines', {
        key: 'dup',
        nameZh: '一',
        nameEn: 'One',
        stages: threeStages,
      }),
    );
    const again = await t.client.post<Problem>('/api/v1/pipelines', {
      key: 'dup',
      nameZh: '二',
      nameEn: 'Two',
      stages: threeStages,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('duplicate');
  });

  it('edits stages in place, keeping the ids deals point at', async () => {
    const pipeline = await created<Pipeline>(
      t.client.post('/api/v1/pipelines', {
        key: 'edit',
        nameZh: '编辑',
        nameEn: 'Edit',
        stages: threeStages,
      }),
    );
    const account = await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: 'P' }));
    const deal = await created<{ id: string; stageId: string }>(
      t.client.post('/api/v1/opportunities', {
        name: 'd',
        accountId: account.id,
        pipelineId: pipeline.id,
      }),
    );
    const [open, won, lost] = pipeline.stages as [Stage, Stage, Stage];
    const qualify = {
      key: 'qualify',
      nameZh: '资格',
      nameEn: 'Qualify',
      kind: 'open',
      probability: 5,
      forecastCategory: 'pipeline',
    };
    const renamed = { ...toInput(open), nameEn: 'Working', probability: 25 };
    const updated = await t.client.patch<Pipeline>(`/api/v1/pipelines/${pipeline.id}`, {
      version: pipeline.version,
      stages: [qualify, renamed, toInput(won), toInput(lost)],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.stages.map((s) => s.key)).toEqual(['qualify', 'open', 'won', 'lost']);
    const kept = updated.body.stages.find((s) => s.key === 'open');
    expect(kept).toMatchObject({ id: open.id, nameEn: 'Working', probability: 25, position: 1 });
    const reread = await t.client.get<{ stageId: string }>(`/api/v1/opportunities/${deal.id}`);
    expect(reread.body.stageId).toBe(open.id);

    // The stage the deal sits in cannot be removed; an unused one can.
    const removeUsed = await t.client.patch<Problem>(`/api/v1/pipelines/${pipeline.id}`, {
      version: updated.body.version,
      stages: updated.body.stages.filter((s) => s.key !== 'open').map(toInput),
    });
    expect(removeUsed.status).toBe(409);
    expect(removeUsed.body.code).toBe('stage_in_use');
    const removeUnused = await t.client.patch<Pipeline>(`/api/v1/pipelines/${pipeline.id}`, {
      version: updated.body.version,
      stages: updated.body.stages.filter((s) => s.key !== 'qualify').map(toInput),
    });
    expect(removeUnused.status).toBe(200);
    expect(removeUnused.body.stages.map((s) => s.key)).toEqual(['open', 'won', 'lost']);
    const unknownId = await t.client.patch<Problem>(`/api/v1/pipelines/${pipeline.id}`, {
      version: removeUnused.body.version,
      stages: [
        ...removeUnused.body.stages.map(toInput).slice(0, 2),
        { ...toInput(lost), id: deal.id },
      ],
    });
    expect(unknownId.status).toBe(422);
    expect(unknownId.body.errors?.[0]?.code).toBe('unknown_stage');
  });

  it('has exactly one default, which cannot be archived', async () => {
    const list = await t.client.get<{ items: Pipeline[] }>('/api/v1/pipelines');
    const original = list.body.items.find((p) => p.isDefault) as Pipeline;
    const archiveDefault = await t.client.delete<Problem>(`/api/v1/pipelines/${original.id}`);
    expect(archiveDefault.status).toBe(409);
    const next = await created<Pipeline>(
      t.client.post('/api/v1/pipelines', {
        key: 'new-default',
        nameZh: '新',
        nameEn: 'New',
        isDefault: true,
        stages: threeStages,
      }),
    );
    expect(next.isDefault).toBe(true);
    const after = await t.client.get<{ items: Pipeline[] }>('/api/v1/pipelines');
    expect(after.body.items.filter((p) => p.isDefault).map((p) => p.id)).toEqual([next.id]);
    expect((await t.client.delete(`/api/v1/pipelines/${original.id}`)).status).toBe(204);
    const live = await t.client.get<{ items: Pipeline[] }>('/api/v1/pipelines');
    expect(live.body.items.map((p) => p.id)).not.toContain(original.id);
    const all = await t.client.get<{ items: Pipeline[] }>('/api/v1/pipelines?archived=include');
    expect(all.body.items.find((p) => p.id === original.id)?.archivedAt).not.toBeNull();
    // An archived pipeline takes no new deals.
    const account = await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: 'A' }));
    const refused = await t.client.post<Problem>('/api/v1/opportunities', {
      name: 'x',
      accountId: account.id,
      pipelineId: original.id,
    });
    expect(refused.status).toBe(422);
    const restored = await t.client.post<Pipeline>(`/api/v1/pipelines/${original.id}/restore`);
    expect(restored.body.archivedAt).toBeNull();
    const unsetDefault = await t.client.patch<Problem>(`/api/v1/pipelines/${next.id}`, {
      version: next.version,
      isDefault: false,
    });
    expect(unsetDefault.status).toBe(400);
  });
});
