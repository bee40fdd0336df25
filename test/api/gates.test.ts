import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, TINY_PDF, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Stage {
  id: string;
  key: string;
}
interface Pipeline {
  id: string;
  version: number;
  stages: Stage[];
}
interface Deal {
  id: string;
  version: number;
  stageId: string;
  status: string;
}
interface Problem {
  code: string;
  errors?: { path: string; code: string; message: string }[];
  unmet?: {
    stageKey: string;
    reason: { code: string; gate?: string; criterion?: { type: string } };
  }[];
}

/**
 * The gate card (门禁卡): a move is refused with every unmet standard at once, and goes
 * through once the rep has met them — filled the fields, identified the decision maker,
 * done the key action, uploaded the proposal.
 */
describe.each(dialectsUnderTest())('stage gates ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let pipeline: Pipeline;
  let accountId: string;
  const stage = (key: string) => pipeline.stages.find((s) => s.key === key)?.id ?? '';

  const definition = (allowSkip: boolean) => ({
    key: unique('gated'),
    nameZh: '门禁流程',
    nameEn: 'Gated',
    allowSkip,
    stages: [
      {
        key: 'qualify',
        nameZh: '需求确认',
        nameEn: 'Qualify',
        kind: 'open',
        probability: 20,
        forecastCategory: 'pipeline',
        actions: [
          { key: 'interview', nameZh: '深度需求访谈', nameEn: 'Needs interview', required: true },
        ],
        exit: [
          { type: 'field', field: 'budget' },
          { type: 'field', field: 'expectedCloseDate' },
          { type: 'contact_role', role: 'decision_maker', min: 1 },
        ],
      },
      {
        key: 'propose',
        nameZh: '方案论证',
        nameEn: 'Propose',
        kind: 'open',
        probability: 50,
        forecastCategory: 'best_case',
        entry: [{ type: 'attachment', attachmentType: 'proposal' }],
      },
      {
        key: 'negotiate',
        nameZh: '商务谈判',
        nameEn: 'Negotiate',
        kind: 'open',
        probability: 80,
        forecastCategory: 'commit',
        entry: [{ type: 'score', min: 60 }],
      },
      {
        key: 'won',
        nameZh: '赢单',
        nameEn: 'Won',
        kind: 'won',
        probability: 100,
        forecastCategory: 'closed',
        entry: [{ type: 'field', field: 'custom.contract_signed' }],
      },
      {
        key: 'lost',
        nameZh: '输单',
        nameEn: 'Lost',
        kind: 'lost',
        probability: 0,
        forecastCategory: 'omitted',
      },
    ],
  });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    await created(
      t.client.post('/api/v1/custom-fields', {
        key: 'contract_signed',
        labelZh: '合同已签署',
        labelEn: 'Contract signed',
        type: 'boolean',
      }),
    );
    pipeline = await created<Pipeline>(t.client.post('/api/v1/pipelines', definition(false)));
    accountId = (await created(t.client.post('/api/v1/accounts', { name: '苏州鼎盛制造' }))).id;
  });
  afterAll(async () => server?.close());

  const newDeal = () =>
    created<Deal>(
      t.client.post('/api/v1/opportunities', {
        name: 'Line 3',
        accountId,
        pipelineId: pipeline.id,
      }),
    );
  const move = (
    deal: Deal,
    to: string,
    extra: Record<string, unknown> = {},
    client: ApiClient = t.client,
  ) =>
    client.post<Deal & Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stage(to),
      ...extra,
    });
  const reload = async (deal: Deal) =>
    (await t.client.get<Deal>(`/api/v1/opportunities/${deal.id}`)).body;

  it('refuses a move with every unmet criterion, then lets it through once they are met', async () => {
    let deal = await newDeal();
    const refused = await move(deal, 'propose');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('gate_failed');
    const unmet = (refused.body.unmet ?? []).map(
      (u) => `${u.stageKey}:${u.reason.gate}:${u.reason.criterion?.type}`,
    );
    expect(unmet.sort()).toEqual(
      [
        'qualify:exit:field',
        'qualify:exit:field',
        'qualify:exit:contact_role',
        'qualify:exit:action',
        'propose:entry:attachment',
      ].sort(),
    );
    expect(refused.body.errors?.map((e) => e.message)).toContain(
      'Propose (to enter): a proposal file must be attached',
    );
    const zh = await new ApiClient(server.url, 'zh-CN').signIn(t.admin.email, TEST_PASSWORD);
    const zhRefused = await move(deal, 'propose', {}, zh);
    expect(zhRefused.body.errors?.map((e) => e.message)).toContain(
      '需求确认（离开条件）：关键动作“深度需求访谈”尚未完成',
    );
    // Refusing writes nothing: the deal is where it was, with the same version.
    expect((await reload(deal)).version).toBe(deal.version);

    const preview = await t.client.get<{ next: { unmet: unknown[] } }>(
      `/api/v1/opportunities/${deal.id}/guidance`,
    );
    expect(preview.body.next.unmet).toHaveLength(5);
    // The preview speaks the reader's language, as the refusal does.
    const zhPreview = await zh.get<{ next: { unmet: { message: string }[] } }>(
      `/api/v1/opportunities/${deal.id}/guidance`,
    );
    expect(zhPreview.body.next.unmet.map((issue) => issue.message)).toContain(
      '需求确认（离开条件）：关键动作“深度需求访谈”尚未完成',
    );

    const patched = await t.client.patch<Deal>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      budget: { amountMinor: 80_000_000, currency: 'CNY' },
      expectedCloseDate: '2027-03-31',
    });
    deal = patched.body;
    await created(
      t.client.post('/api/v1/contacts', {
        accountId,
        name: '陈总',
        decisionRole: 'decision_maker',
      }),
    );
    await created(
      t.client.post(`/api/v1/opportunities/${deal.id}/playbook`, {
        kind: 'action',
        key: 'interview',
        evidence: { note: '2 小时访谈' },
      }),
    );
    const stillMissing = await move(deal, 'propose');
    expect(stillMissing.body.unmet?.map((u) => u.reason.criterion?.type)).toEqual(['attachment']);
    const upload = await t.client.upload(
      `/api/v1/opportunities/${deal.id}/attachments?type=proposal`,
      'proposal.pdf',
      TINY_PDF,
    );
    expect(upload.status).toBe(201);
    const moved = await move(deal, 'propose');
    expect(moved.status).toBe(200);
    expect(moved.body.stageId).toBe(stage('propose'));
    const guidance = await t.client.get<{
      stage: { key: string };
      next: { stage: { key: string }; unmet: unknown[] };
    }>(`/api/v1/opportunities/${deal.id}/guidance`);
    expect(guidance.body.stage.key).toBe('propose');
    expect(guidance.body.next.stage.key).toBe('negotiate');
    expect(guidance.body.next.unmet).toHaveLength(1);
  });

  it('gates on the scorecard and on custom fields', async () => {
    let deal = await newDeal();
    // Straight to negotiate is a skip the pipeline forbids, on top of the unmet standards.
    const skipped = await move(deal, 'negotiate');
    expect(skipped.body.unmet?.map((u) => u.reason.code)).toContain('skip_not_allowed');
    const scores = {
      need: 5,
      budget: 5,
      decision_chain: 5,
      competition: 3,
      value_fit: 4,
      timeline: 4,
      relationship: 3,
      solution_fit: 4,
      commercial: 3,
    };
    const evaluation = await created<{ id: string; weightedScore: number }>(
      t.client.post(`/api/v1/opportunities/${deal.id}/evaluations`, {
        scores,
        notes: '第一次评估',
      }),
    );
    // (75 + 75 + 75 + 30 + 40 + 40 + 30 + 40 + 15) / 500 = 84%
    expect(evaluation.weightedScore).toBe(84);
    const history = await t.client.get<{
      evaluations: { id: string }[];
      scorecard: { dimensions: unknown[] };
    }>(`/api/v1/opportunities/${deal.id}/evaluations`);
    expect(history.body.scorecard.dimensions).toHaveLength(9);
    expect(history.body.evaluations[0]?.id).toBe(evaluation.id);
    const unknownDimension = await t.client.post<Problem>(
      `/api/v1/opportunities/${deal.id}/evaluations`,
      { scores: { charm: 5 } },
    );
    expect(unknownDimension.status).toBe(400);

    const badType = await t.client.patch<Problem>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      customFields: { contract_signed: 'yes' },
    });
    expect(badType.status).toBe(400);
    expect(badType.body.errors?.[0]?.code).toBe('invalid_custom_value');
    const unknownField = await t.client.patch<Problem>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      customFields: { nope: true },
    });
    expect(unknownField.body.errors?.[0]?.code).toBe('unknown_custom_field');
    deal = (
      await t.client.patch<Deal>(`/api/v1/opportunities/${deal.id}`, {
        version: deal.version,
        customFields: { contract_signed: true },
      })
    ).body;
    const stored = await t.client.get<{ customFields: Record<string, unknown> }>(
      `/api/v1/opportunities/${deal.id}`,
    );
    expect(stored.body.customFields).toEqual({ contract_signed: true });
    // A field a gate requires cannot be deleted from under it.
    const fields = await t.client.get<{ id: string; key: string }[]>('/api/v1/custom-fields');
    const field = fields.body.find((f) => f.key === 'contract_signed');
    expect((await t.client.delete<Problem>(`/api/v1/custom-fields/${field?.id}`)).body.code).toBe(
      'has_dependents',
    );
  });

  it('allows skipping only when the pipeline does and every skipped gate passes', async () => {
    const skippable = await created<Pipeline>(t.client.post('/api/v1/pipelines', definition(true)));
    const at = (key: string) => skippable.stages.find((s) => s.key === key)?.id ?? '';
    const deal = await created<Deal>(
      t.client.post('/api/v1/opportunities', { name: 'skip', accountId, pipelineId: skippable.id }),
    );
    const refused = await t.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: at('negotiate'),
    });
    // Skipping passes through "propose", so its entry standard applies too.
    expect(refused.body.unmet?.map((u) => `${u.stageKey}:${u.reason.code}`)).toContain(
      'propose:criterion',
    );
    expect(refused.body.unmet?.map((u) => u.reason.code)).not.toContain('skip_not_allowed');
  });

  it('lets a deal move back only with a reason, without gates', async () => {
    const ungated = await created<Pipeline>(
      t.client.post('/api/v1/pipelines', {
        ...definition(true),
        key: unique('back'),
        stages: definition(true).stages.map((s) => ({ ...s, entry: [], exit: [], actions: [] })),
      }),
    );
    const at = (key: string) => ungated.stages.find((s) => s.key === key)?.id ?? '';
    let deal = await created<Deal>(
      t.client.post('/api/v1/opportunities', {
        name: 'back',
        accountId,
        pipelineId: ungated.id,
        stageId: at('negotiate'),
      }),
    );
    const noReason = await t.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: at('qualify'),
    });
    expect(noReason.body.code).toBe('backward_move_needs_reason');
    deal = (
      await t.client.post<Deal>(`/api/v1/opportunities/${deal.id}/move`, {
        version: deal.version,
        stageId: at('qualify'),
        reason: '预算重审',
      })
    ).body;
    expect(deal.stageId).toBe(at('qualify'));
  });

  it('applies a changed standard to future moves without touching deals already past it', async () => {
    const editable = await created<Pipeline>(
      t.client.post('/api/v1/pipelines', {
        key: unique('edit'),
        nameZh: '可改',
        nameEn: 'Editable',
        stages: [
          {
            key: 'a',
            nameZh: 'A',
            nameEn: 'A',
            kind: 'open',
            probability: 10,
            forecastCategory: 'pipeline',
          },
          {
            key: 'b',
            nameZh: 'B',
            nameEn: 'B',
            kind: 'open',
            probability: 50,
            forecastCategory: 'pipeline',
          },
          {
            key: 'won',
            nameZh: '赢',
            nameEn: 'Won',
            kind: 'won',
            probability: 100,
            forecastCategory: 'closed',
          },
          {
            key: 'lost',
            nameZh: '输',
            nameEn: 'Lost',
            kind: 'lost',
            probability: 0,
            forecastCategory: 'omitted',
          },
        ],
      }),
    );
    const [a, b] = editable.stages;
    const ahead = await created<Deal>(
      t.client.post('/api/v1/opportunities', { name: 'ahead', accountId, pipelineId: editable.id }),
    );
    const movedAhead = await t.client.post<Deal>(`/api/v1/opportunities/${ahead.id}/move`, {
      version: ahead.version,
      stageId: b?.id,
    });
    expect(movedAhead.status).toBe(200);
    const behind = await created<Deal>(
      t.client.post('/api/v1/opportunities', {
        name: 'behind',
        accountId,
        pipelineId: editable.id,
      }),
    );
    const stages = editable.stages.map((s) => ({
      key: s.key,
      nameZh: s.key,
      nameEn: s.key,
      kind: s.key === 'won' ? 'won' : s.key === 'lost' ? 'lost' : 'open',
      probability: s.key === 'won' ? 100 : s.key === 'lost' ? 0 : 20,
      forecastCategory: 'pipeline',
    }));
    const tightened = await t.client.patch<Pipeline>(`/api/v1/pipelines/${editable.id}`, {
      version: editable.version,
      stages: stages.map((s) =>
        s.key === 'b'
          ? { ...s, entry: [{ type: 'field', field: 'nextStep' }] }
          : s.key === 'won'
            ? { ...s, forecastCategory: 'closed' }
            : s.key === 'lost'
              ? { ...s, forecastCategory: 'omitted' }
              : s,
      ),
    });
    expect(tightened.status).toBe(200);
    expect(tightened.body.stages.map((s) => s.id)).toEqual(editable.stages.map((s) => s.id));
    expect((await reload(movedAhead.body)).stageId).toBe(b?.id);
    const refused = await t.client.post<Problem>(`/api/v1/opportunities/${behind.id}/move`, {
      version: behind.version,
      stageId: b?.id,
    });
    expect(refused.body.code).toBe('gate_failed');
    expect((await reload(behind)).stageId).toBe(a?.id);
  });

  it('keeps team-restricted pipelines to their teams', async () => {
    const east = await created(t.client.post('/api/v1/teams', { name: '华东' }));
    const west = await created(t.client.post('/api/v1/teams', { name: '华西' }));
    const restricted = await created<Pipeline>(
      t.client.post('/api/v1/pipelines', {
        ...definition(true),
        key: unique('east'),
        teamIds: [east.id],
      }),
    );
    const email = (who: string) => `${who}-${unique('u')}@example.test`;
    const insider = await created<{ id: string; email: string }>(
      t.client.post('/api/v1/users', {
        email: email('in'),
        name: 'In',
        role: 'rep',
        teamId: east.id,
        password: TEST_PASSWORD,
      }),
    );
    const outsider = await created<{ id: string; email: string }>(
      t.client.post('/api/v1/users', {
        email: email('out'),
        name: 'Out',
        role: 'rep',
        teamId: west.id,
        password: TEST_PASSWORD,
      }),
    );
    const insiderClient = await new ApiClient(server.url).signIn(insider.email, TEST_PASSWORD);
    const outsiderClient = await new ApiClient(server.url).signIn(outsider.email, TEST_PASSWORD);
    const ownAccount = async (client: ApiClient) =>
      (await created(client.post('/api/v1/accounts', { name: 'mine' }))).id;
    const ok = await insiderClient.post('/api/v1/opportunities', {
      name: 'x',
      accountId: await ownAccount(insiderClient),
      pipelineId: restricted.id,
    });
    expect(ok.status).toBe(201);
    const refused = await outsiderClient.post<Problem>('/api/v1/opportunities', {
      name: 'x',
      accountId: await ownAccount(outsiderClient),
      pipelineId: restricted.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('reference_not_found');
  });
});
