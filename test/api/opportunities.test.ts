import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Stage {
  id: string;
  key: string;
  kind: string;
  probability: number;
}
interface Pipeline {
  id: string;
  isDefault: boolean;
  stages: Stage[];
}
interface Opportunity {
  id: string;
  version: number;
  stageId: string;
  pipelineId: string;
  status: string;
  ownerId: string;
  amount: { amountMinor: number; currency: string };
  products: { amountMinor: number; quantity: number; unitPriceMinor: number }[];
  closedAt: string | null;
  expectedCloseDate: string | null;
  competitors: string[];
}
interface HistoryEntry {
  stageId: string;
  fromStageId: string | null;
  enteredAt: string;
  leftAt: string | null;
  reason: string | null;
  movedBy: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Problem {
  code: string;
}

describe.each(dialectsUnderTest())('opportunities and stage moves ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let pipeline: Pipeline;
  let accountId: string;
  const stage = (key: string) => {
    const found = pipeline.stages.find((s) => s.key === key);
    if (!found) throw new Error(`no stage ${key}`);
    return found;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    pipeline = (await createUngatedDefaultPipeline(t.client)) as Pipeline;
    accountId = (
      await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: '深圳博远科技' }))
    ).id;
  });
  afterAll(async () => server?.close());

  const createDeal = (body: Record<string, unknown> = {}) =>
    created<Opportunity>(
      t.client.post('/api/v1/opportunities', { name: 'Deal', accountId, ...body }),
    );
  const move = (deal: Opportunity, stageId: string, reason?: string) =>
    t.client.post<Opportunity & Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId,
      ...(reason === undefined ? {} : { reason }),
      // Losing a deal needs a review; these tests are about stages, so give the shortest one.
      ...(stageId === stage('lost').id ? { review: { reasons: ['price'] } } : {}),
    });

  it('starts in the default pipeline’s first stage, owned by its creator, priced from its products', async () => {
    const deal = await createDeal({
      products: [
        {
          name: '销售云 企业版',
          productType: 'cornerstone',
          quantity: 3,
          unitPriceMinor: 4_680_000,
        },
        {
          name: 'AI 商机洞察',
          productType: 'lighthouse',
          customisation: 'customised',
          quantity: 1,
          unitPriceMinor: 5_800_000,
        },
      ],
      competitors: ['销售易'],
    });
    expect(deal).toMatchObject({
      pipelineId: pipeline.id,
      stageId: stage('initial-contact').id,
      status: 'open',
      ownerId: t.admin.id,
      amount: { amountMinor: 3 * 4_680_000 + 5_800_000, currency: 'CNY' },
      competitors: ['销售易'],
      closedAt: null,
    });
    expect(deal.products.map((p) => p.amountMinor)).toEqual([14_040_000, 5_800_000]);
    const history = await t.client.get<{ items: HistoryEntry[] }>(
      `/api/v1/opportunities/${deal.id}/history`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({
        stageId: stage('initial-contact').id,
        fromStageId: null,
        leftAt: null,
        movedBy: t.admin.id,
      }),
    ]);
  });

  it('keeps an explicit amount (a discount) and replaces products on update', async () => {
    const deal = await createDeal({
      amount: { amountMinor: 1_000_000, currency: 'CNY' },
      products: [{ name: 'A', productType: 'cornerstone', quantity: 1, unitPriceMinor: 2_000_000 }],
    });
    expect(deal.amount.amountMinor).toBe(1_000_000);
    const updated = await t.client.patch<Opportunity>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      products: [{ name: 'B', productType: 'lighthouse', quantity: 2, unitPriceMinor: 300_000 }],
    });
    expect(updated.body.products).toHaveLength(1);
    expect(updated.body.amount.amountMinor).toBe(600_000);
    const currency = await t.client.patch<Problem>(`/api/v1/opportunities/${deal.id}`, {
      version: updated.body.version,
      amount: { amountMinor: 1, currency: 'USD' },
    });
    expect(currency.status).toBe(422);
    expect(currency.body.code).toBe('currency_mismatch');
  });

  it('records every move as a history interval and closes the deal on won', async () => {
    let deal = await createDeal();
    for (const key of ['needs-confirmed', 'solution', 'negotiation']) {
      const response = await move(deal, stage(key).id);
      expect(response.status).toBe(200);
      deal = response.body;
    }
    const won = await move(deal, stage('won').id);
    expect(won.body).toMatchObject({ status: 'won', stageId: stage('won').id });
    expect(won.body.closedAt).not.toBeNull();
    const history = (
      await t.client.get<{ items: HistoryEntry[] }>(`/api/v1/opportunities/${deal.id}/history`)
    ).body.items;
    expect(history.map((h) => h.stageId)).toEqual(
      ['initial-contact', 'needs-confirmed', 'solution', 'negotiation', 'won'].map(
        (k) => stage(k).id,
      ),
    );
    // Intervals are contiguous: each stage is left exactly when the next is entered.
    history
      .slice(0, -1)
      .forEach((entry, i) => expect(entry.leftAt).toBe(history[i + 1]?.enteredAt));
    expect(history.at(-1)?.leftAt).toBeNull();
    expect(history.slice(1).map((h) => h.fromStageId)).toEqual(
      history.slice(0, -1).map((h) => h.stageId),
    );
  });

  it('needs a reason to go backwards or to reopen, and records it', async () => {
    let deal = await createDeal();
    deal = (await move(deal, stage('solution').id)).body;
    const refused = await move(deal, stage('needs-confirmed').id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('backward_move_needs_reason');
    const blank = await move(deal, stage('needs-confirmed').id, '   ');
    expect(blank.body.code).toBe('backward_move_needs_reason');
    deal = (await move(deal, stage('needs-confirmed').id, '客户预算调整')).body;
    const lost = await move(deal, stage('lost').id);
    expect(lost.body).toMatchObject({ status: 'lost' });
    const reopenRefused = await move(lost.body, stage('solution').id);
    expect(reopenRefused.body.code).toBe('backward_move_needs_reason');
    const reopened = await move(lost.body, stage('solution').id, '客户重新启动采购');
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
    const history = (
      await t.client.get<{ items: HistoryEntry[] }>(`/api/v1/opportunities/${deal.id}/history`)
    ).body.items;
    expect(history.map((h) => h.reason)).toEqual([
      null,
      null,
      '客户预算调整',
      null,
      '客户重新启动采购',
    ]);
  });

  it('treats a move to the current stage as nothing, and refuses stages of other pipelines', async () => {
    const deal = await createDeal();
    const same = await move(deal, deal.stageId);
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(deal.version);
    const other = await created<Pipeline & { version: number }>(
      t.client.post('/api/v1/pipelines', {
        key: 'other',
        nameZh: '其他',
        nameEn: 'Other',
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
            key: 'w',
            nameZh: 'W',
            nameEn: 'W',
            kind: 'won',
            probability: 100,
            forecastCategory: 'closed',
          },
          {
            key: 'l',
            nameZh: 'L',
            nameEn: 'L',
            kind: 'lost',
            probability: 0,
            forecastCategory: 'omitted',
          },
        ],
      }),
    );
    const foreignStage = await move(deal, other.stages[0]?.id ?? '');
    expect(foreignStage.status).toBe(422);
    expect(foreignStage.body.code).toBe('stage_not_in_pipeline');
    const stale = await t.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version + 5,
      stageId: stage('solution').id,
    });
    expect(stale.status).toBe(409);
    // The stage is not a field: it changes only through a move, so history stays complete.
    const patchStage = await t.client.patch<Problem>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      stageId: stage('solution').id,
    });
    expect(patchStage.status).toBe(400);
  });

  it('summarises the pipeline per stage with amounts and weighted amounts', async () => {
    const fresh = await createTestTenant(server);
    const pipelines = await fresh.client.get<Page<Pipeline>>('/api/v1/pipelines');
    const p = pipelines.body.items[0] as Pipeline;
    const account = await created<{ id: string }>(
      fresh.client.post('/api/v1/accounts', { name: 'Sum' }),
    );
    const amounts = [100_00, 250_00, 400_00];
    for (const amountMinor of amounts) {
      await created(
        fresh.client.post('/api/v1/opportunities', {
          name: 'x',
          accountId: account.id,
          amount: { amountMinor, currency: 'CNY' },
        }),
      );
    }
    await created(
      fresh.client.post('/api/v1/opportunities', {
        name: 'usd',
        accountId: account.id,
        amount: { amountMinor: 999, currency: 'USD' },
      }),
    );
    const summary = await fresh.client.get<{
      stages: {
        key: string;
        count: number;
        amounts: { currency: string; amountMinor: number; weightedMinor: number }[];
      }[];
    }>(`/api/v1/pipelines/${p.id}/summary`);
    const first = summary.body.stages[0];
    expect(first?.key).toBe('initial-contact');
    expect(first?.count).toBe(4);
    // Currencies are never added together.
    expect(first?.amounts).toEqual(
      expect.arrayContaining([
        { currency: 'CNY', amountMinor: 750_00, weightedMinor: 75_00 },
        { currency: 'USD', amountMinor: 999, weightedMinor: 100 },
      ]),
    );
    expect(summary.body.stages.slice(1).every((s) => s.count === 0)).toBe(true);
  });

  it('filters and sorts lists by stage, amount and close date', async () => {
    const fresh = await createTestTenant(server);
    const p = (await createUngatedDefaultPipeline(fresh.client)) as Pipeline;
    const account = await created<{ id: string }>(
      fresh.client.post('/api/v1/accounts', { name: 'Filter' }),
    );
    const make = (amountMinor: number, expectedCloseDate: string | null) =>
      created<Opportunity>(
        fresh.client.post('/api/v1/opportunities', {
          name: `d${amountMinor}`,
          accountId: account.id,
          amount: { amountMinor, currency: 'CNY' },
          expectedCloseDate,
        }),
      );
    const small = await make(1_000, '2027-03-01');
    const medium = await make(5_000, null);
    const large = await make(9_000, '2027-01-15');
    const solution = p.stages.find((s) => s.key === 'solution') as Stage;
    await fresh.client.post(`/api/v1/opportunities/${large.id}/move`, {
      version: 1,
      stageId: solution.id,
    });

    const inSolution = await fresh.client.get<Page<Opportunity>>(
      `/api/v1/opportunities?stageId=${solution.id}`,
    );
    expect(inSolution.body.items.map((o) => o.id)).toEqual([large.id]);
    const byAmount = await fresh.client.get<Page<Opportunity>>(
      '/api/v1/opportunities?sort=-amount',
    );
    expect(byAmount.body.items.map((o) => o.id)).toEqual([large.id, medium.id, small.id]);
    const range = await fresh.client.get<Page<Opportunity>>(
      '/api/v1/opportunities?amountMin=2000&amountMax=9000',
    );
    expect(range.body.items.map((o) => o.id).sort()).toEqual([medium.id, large.id].sort());
    // Deals without a close date sort last, and paging over them still works.
    const byClose = await fresh.client.get<Page<Opportunity>>(
      '/api/v1/opportunities?sort=expectedCloseDate&limit=2',
    );
    expect(byClose.body.items.map((o) => o.id)).toEqual([large.id, small.id]);
    const rest = await fresh.client.get<Page<Opportunity>>(
      `/api/v1/opportunities?sort=expectedCloseDate&limit=2&cursor=${byClose.body.nextCursor}`,
    );
    expect(rest.body.items.map((o) => o.id)).toEqual([medium.id]);
    expect(rest.body.nextCursor).toBeNull();
    const closing = await fresh.client.get<Page<Opportunity>>(
      '/api/v1/opportunities?closeFrom=2027-02-01&closeTo=2027-12-31',
    );
    expect(closing.body.items.map((o) => o.id)).toEqual([small.id]);
  });

  it('deletes to the trash and restores', async () => {
    const deal = await createDeal({ name: 'Trash deal' });
    expect((await t.client.delete(`/api/v1/opportunities/${deal.id}`)).status).toBe(204);
    expect((await t.client.get(`/api/v1/opportunities/${deal.id}`)).status).toBe(404);
    expect((await t.client.get(`/api/v1/opportunities/${deal.id}/history`)).status).toBe(404);
    const trash = await t.client.get<Page<Opportunity>>(
      '/api/v1/opportunities?deleted=only&q=Trash',
    );
    expect(trash.body.items.map((o) => o.id)).toEqual([deal.id]);
    const restored = await t.client.post<Opportunity>(`/api/v1/opportunities/${deal.id}/restore`);
    expect(restored.status).toBe(200);
  });

  it('audits creates, updates, moves, deletes and restores with before and after', async () => {
    const deal = await createDeal({ name: 'Audited' });
    const updated = await t.client.patch<Opportunity>(`/api/v1/opportunities/${deal.id}`, {
      version: 1,
      nextStep: '安排演示',
    });
    await move(updated.body, stage('needs-confirmed').id);
    await t.client.delete(`/api/v1/opportunities/${deal.id}`);
    await t.client.post(`/api/v1/opportunities/${deal.id}/restore`);
    const audit = await t.client.get<{
      items: {
        action: string;
        actorId: string;
        before: { nextStep?: string } | null;
        after: { nextStep?: string; stageId?: string } | null;
        requestId: string;
      }[];
    }>(`/api/v1/audit?entityType=opportunity&entityId=${deal.id}&sort=at`);
    expect(audit.body.items.map((e) => e.action)).toEqual([
      'create',
      'update',
      'move_stage',
      'delete',
      'restore',
    ]);
    expect(audit.body.items.every((e) => e.actorId === t.admin.id && e.requestId)).toBe(true);
    const update = audit.body.items[1];
    expect(update?.before?.nextStep).toBeNull();
    expect(update?.after?.nextStep).toBe('安排演示');
    expect(audit.body.items[2]?.after?.stageId).toBe(stage('needs-confirmed').id);
  });
});
