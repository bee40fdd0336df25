import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestApproval } from '../../src/app/approval-requests.js';
import { inTransaction } from '../../src/app/transaction.js';
import type { Principal } from '../../src/domain/tenancy/principal.js';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Step {
  approverId: string | null;
  approverRole: 'admin' | null;
  delegateId: string | null;
  status: string;
  decidedBy: string | null;
  onBehalfOf: string | null;
  comment: string | null;
}
interface Approval {
  id: string;
  kind: string;
  status: string;
  approverId: string | null;
  currentStep: number;
  steps: readonly Step[];
  request: object;
  version: number;
}
interface Person {
  id: string;
  client: ApiClient;
}
interface Stage {
  id: string;
  key: string;
}
interface Deal {
  id: string;
  version: number;
  stageId: string;
}
interface Problem {
  code: string;
}

const YUAN = 100;
const lowChain = 100_000 * YUAN;
const topChain = 1_000_000 * YUAN;

/**
 * Approval chains: one service for stage, discount and rule sign-offs, routed up the
 * management line by amount, handed to a delegate while someone is on leave, with every
 * step's decision kept.
 */
describe.each(dialectsUnderTest())('approval chains ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let director: Person;
  let manager: Person;
  let rep: Person;
  let standIn: Person;
  let stages: Stage[];
  let pipelineId: string;
  let accountId: string;
  const stage = (key: string) => stages.find((s) => s.key === key)?.id ?? '';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const person = async (role: string, teamId: string | null): Promise<Person> => {
      const email = `${role}-${unique('u')}@example.test`;
      const user = await created(
        t.client.post('/api/v1/users', {
          email,
          name: role,
          role,
          teamId,
          password: TEST_PASSWORD,
        }),
      );
      return { id: user.id, client: await new ApiClient(server.url).signIn(email, TEST_PASSWORD) };
    };
    const manage = async (teamId: string, managerId: string) => {
      const team = await t.client.get<{ version: number }>(`/api/v1/teams/${teamId}`);
      await t.client.patch(`/api/v1/teams/${teamId}`, { version: team.body.version, managerId });
    };
    const hq = await created(t.client.post('/api/v1/teams', { name: '华东大区' }));
    const sales = await created(
      t.client.post('/api/v1/teams', { name: '上海销售一部', parentId: hq.id }),
    );
    director = await person('manager', hq.id);
    await manage(hq.id, director.id);
    manager = await person('manager', sales.id);
    await manage(sales.id, manager.id);
    rep = await person('rep', sales.id);
    standIn = await person('manager', hq.id);
    const pipeline = await created<{ id: string; stages: Stage[] }>(
      t.client.post('/api/v1/pipelines', {
        key: unique('chain'),
        nameZh: '审批链',
        nameEn: 'Chains',
        isDefault: true,
        stages: [
          {
            key: 'work',
            nameZh: '推进',
            nameEn: 'Work',
            kind: 'open',
            probability: 30,
            forecastCategory: 'pipeline',
          },
          {
            key: 'quote',
            nameZh: '报价',
            nameEn: 'Quote',
            kind: 'open',
            probability: 60,
            forecastCategory: 'best_case',
          },
          {
            key: 'contract',
            nameZh: '合同',
            nameEn: 'Contract',
            kind: 'open',
            probability: 90,
            forecastCategory: 'commit',
            approval: { approver: 'manager' },
          },
          {
            key: 'won',
            nameZh: '赢单',
            nameEn: 'Won',
            kind: 'won',
            probability: 100,
            forecastCategory: 'closed',
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
      }),
    );
    stages = pipeline.stages;
    pipelineId = pipeline.id;
    accountId = (await created(rep.client.post('/api/v1/accounts', { name: '杭州远景科技' }))).id;
  });
  afterAll(async () => server?.close());

  const newDeal = (extra: Record<string, unknown> = {}) =>
    created<Deal>(
      rep.client.post('/api/v1/opportunities', {
        name: unique('Deal'),
        accountId,
        pipelineId,
        ...extra,
      }),
    );
  const asRep = (): Principal => ({
    tenantId: t.tenant.id,
    userId: rep.id,
    role: 'rep',
    grants: [],
    requestId: 'approval-chains-test',
  });
  const ruleAsk = (dealId: string, amountMinor: number | null, dedupeKey = unique('rule')) =>
    inTransaction(server.runtime.ctx, (trx) =>
      requestApproval(trx, server.runtime.ctx, asRep(), {
        kind: 'rule',
        opportunityId: dealId,
        title: 'Large deal review',
        amountMinor,
        dedupeKey,
      }),
    );
  const load = async (id: string) => (await t.client.get<Approval>(`/api/v1/approvals/${id}`)).body;
  const decide = (
    who: Person | TestTenant,
    approval: Approval,
    verb: 'approve' | 'reject',
    comment?: string,
  ) =>
    who.client.post<{ approval: Approval } & Problem>(`/api/v1/approvals/${approval.id}/${verb}`, {
      version: approval.version,
      ...(comment ? { comment } : {}),
    });
  const setPolicy = async (policy: unknown) => {
    const current = await t.client.get<{ version: number }>('/api/v1/approvals/policy');
    return t.client.put<{ version: number } & Problem>('/api/v1/approvals/policy', {
      policy,
      version: current.body.version,
    });
  };
  const chain = [
    { approver: { type: 'owner_manager' }, minAmountMinor: 0 },
    { approver: { type: 'next_manager' }, minAmountMinor: lowChain },
    { approver: { type: 'admin' }, minAmountMinor: topChain },
  ];

  it('opens a rule sign-off for the owner’s manager and returns it again for the same key', async () => {
    const deal = await newDeal();
    const first = await ruleAsk(deal.id, null, 'renewal-check');
    expect(first).toMatchObject({ kind: 'rule', status: 'pending', approverId: manager.id });
    expect(first.steps).toHaveLength(1);
    const again = await ruleAsk(deal.id, null, 'renewal-check');
    expect(again.id).toBe(first.id);
    const other = await ruleAsk(deal.id, null, 'another-check');
    expect(other.id).not.toBe(first.id);
    const queue = await manager.client.get<{ items: Approval[] }>(
      '/api/v1/approvals?mine=true&kind=rule',
    );
    expect(queue.body.items.map((a) => a.id)).toEqual(expect.arrayContaining([first.id, other.id]));
  });

  it('keeps the default one-step policy until an admin sets chains, and validates the policy', async () => {
    const initial = await t.client.get<{
      version: number;
      policy: { discountThresholdPercent: null };
    }>('/api/v1/approvals/policy');
    expect(initial.body).toMatchObject({ version: 0, policy: { discountThresholdPercent: null } });
    const bad = [
      {
        chains: {
          stage: chain,
          discount: chain,
          rule: [{ approver: { type: 'admin' }, minAmountMinor: 5 }],
        },
        discountThresholdPercent: null,
      },
      {
        chains: { stage: chain, discount: chain, rule: [...chain].reverse() },
        discountThresholdPercent: null,
      },
      { chains: { stage: chain, discount: chain, rule: [] }, discountThresholdPercent: null },
      { chains: { stage: chain, discount: chain, rule: chain }, discountThresholdPercent: 120 },
      { chains: { stage: chain, discount: chain }, discountThresholdPercent: null },
    ];
    for (const policy of bad) {
      const refused = await t.client.put<Problem>('/api/v1/approvals/policy', {
        policy,
        version: 0,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
    }
    const stranger = await createTestTenant(server);
    const foreignUser = [
      { approver: { type: 'user', userId: stranger.admin.id }, minAmountMinor: 0 },
    ];
    const foreign = await t.client.put<Problem>('/api/v1/approvals/policy', {
      policy: {
        chains: { stage: chain, discount: chain, rule: foreignUser },
        discountThresholdPercent: null,
      },
      version: 0,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('reference_not_found');
    const byRep = await rep.client.put<Problem>('/api/v1/approvals/policy', {
      policy: {
        chains: { stage: chain, discount: chain, rule: chain },
        discountThresholdPercent: 15,
      },
      version: 0,
    });
    expect(byRep.status).toBe(403);

    const saved = await setPolicy({
      chains: { stage: chain, discount: chain, rule: chain },
      discountThresholdPercent: 15,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const stale = await t.client.put<Problem>('/api/v1/approvals/policy', {
      policy: {
        chains: { stage: chain, discount: chain, rule: chain },
        discountThresholdPercent: 15,
      },
      version: 0,
    });
    expect(stale.status).toBe(409);
    const audit = await t.client.get<{ items: { action: string }[] }>(
      '/api/v1/audit?entityType=approval_policy',
    );
    expect(audit.body.items.map((entry) => entry.action)).toContain('create');
  });

  it('chains by amount: one step below the first threshold, two above it, three above the top', async () => {
    const deal = await newDeal();
    const small = await ruleAsk(deal.id, lowChain - 1);
    const middle = await ruleAsk(deal.id, lowChain);
    const large = await ruleAsk(deal.id, topChain);
    expect(small.steps.map((s) => s.approverId)).toEqual([manager.id]);
    expect(middle.steps.map((s) => s.approverId)).toEqual([manager.id, director.id]);
    expect(large.steps.map((s) => [s.approverId, s.approverRole])).toEqual([
      [manager.id, null],
      [director.id, null],
      [null, 'admin'],
    ]);

    // The director sees nothing until the manager has signed.
    const before = await director.client.get<{ items: Approval[] }>('/api/v1/approvals?mine=true');
    expect(before.body.items.map((a) => a.id)).not.toContain(large.id);
    const byDirectorTooEarly = await decide(director, await load(large.id), 'approve');
    expect(byDirectorTooEarly.status).toBe(403);

    let current = (await decide(manager, await load(large.id), 'approve', '价格合理')).body
      .approval;
    expect(current).toMatchObject({ status: 'pending', currentStep: 1, approverId: director.id });
    const queued = await director.client.get<{ items: Approval[] }>('/api/v1/approvals?mine=true');
    expect(queued.body.items.map((a) => a.id)).toContain(large.id);
    current = (await decide(director, current, 'approve')).body.approval;
    expect(current).toMatchObject({ status: 'pending', currentStep: 2, approverId: null });
    current = (await decide(t, current, 'approve', '同意')).body.approval;
    expect(current.status).toBe('approved');
    expect(current.steps.map((s) => [s.status, s.decidedBy, s.comment])).toEqual([
      ['approved', manager.id, '价格合理'],
      ['approved', director.id, null],
      ['approved', t.admin.id, '同意'],
    ]);
  });

  it('ends the chain when a step rejects it', async () => {
    const deal = await newDeal();
    const asked = await ruleAsk(deal.id, topChain);
    const signed = (await decide(manager, asked, 'approve')).body.approval;
    const rejected = await decide(director, signed, 'reject', '折扣过大');
    expect(rejected.body.approval).toMatchObject({ status: 'rejected', comment: '折扣过大' });
    expect(rejected.body.approval.steps.map((s) => s.status)).toEqual([
      'approved',
      'rejected',
      'cancelled',
    ]);
    const late = await decide(t, rejected.body.approval, 'approve');
    expect(late.status).toBe(403);
    const history = await rep.client.get<{ items: Approval[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}`,
    );
    expect(history.body.items.find((a) => a.id === asked.id)?.steps[1]?.decidedBy).toBe(
      director.id,
    );
  });

  it('lets one of two concurrent decisions on the same step win; the other gets 409', async () => {
    const deal = await newDeal();
    const asked = await ruleAsk(deal.id, null);
    const [a, b] = await Promise.all([
      decide(manager, asked, 'approve'),
      decide(t, asked, 'reject'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = await load(asked.id);
    expect(stored.version).toBe(asked.version + 1);
    expect(stored.steps[0]?.decidedBy).toBe(a.status === 200 ? manager.id : t.admin.id);
  });

  it('routes a step to the delegate during a leave, shows on whose behalf, and refuses loops', async () => {
    const now = Date.now();
    const period = {
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    };
    const self = await director.client.put<Problem>('/api/v1/approvals/delegation', {
      delegateId: director.id,
      ...period,
      version: 0,
    });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('delegation_to_self');
    const backwards = await director.client.put<Problem>('/api/v1/approvals/delegation', {
      delegateId: standIn.id,
      startsAt: period.endsAt,
      endsAt: period.startsAt,
      version: 0,
    });
    expect(backwards.status).toBe(400);
    const set = await director.client.put<{ delegation: { version: number } }>(
      '/api/v1/approvals/delegation',
      { delegateId: standIn.id, ...period, version: 0 },
    );
    expect(set.status).toBe(200);
    const loop = await standIn.client.put<Problem>('/api/v1/approvals/delegation', {
      delegateId: director.id,
      ...period,
      version: 0,
    });
    expect(loop.status).toBe(422);
    expect(loop.body.code).toBe('delegation_cycle');

    const deal = await newDeal();
    const asked = await ruleAsk(deal.id, lowChain);
    const handed = (await decide(manager, asked, 'approve')).body.approval;
    expect(handed.approverId).toBe(standIn.id);
    expect(handed.steps[1]).toMatchObject({ approverId: director.id, delegateId: standIn.id });
    const queue = await standIn.client.get<{ items: Approval[] }>('/api/v1/approvals?mine=true');
    expect(queue.body.items.map((a) => a.id)).toContain(asked.id);
    const done = await decide(standIn, handed, 'approve', '代批');
    expect(done.body.approval.status).toBe('approved');
    expect(done.body.approval.steps[1]).toMatchObject({
      decidedBy: standIn.id,
      onBehalfOf: director.id,
    });

    const audit = await t.client.get<{ items: { action: string }[] }>(
      `/api/v1/audit?entityType=delegation&entityId=${director.id}`,
    );
    expect(audit.body.items.map((entry) => entry.action)).toContain('create');
    const ended = await director.client.delete('/api/v1/approvals/delegation');
    expect(ended.status).toBe(204);
    const mine = await director.client.get<{ delegation: null }>('/api/v1/approvals/delegation');
    expect(mine.body.delegation).toBeNull();
    const again = await ruleAsk(deal.id, lowChain);
    const back = (await decide(manager, again, 'approve')).body.approval;
    expect(back.approverId).toBe(director.id);
  });

  it('holds a deeply discounted deal back until the discount is approved', async () => {
    const line = (discountPercent: number) => ({
      name: '销售云 企业版',
      productType: 'cornerstone',
      quantity: 10,
      unitPriceMinor: (580_000 * YUAN) / 10,
      discountPercent,
    });
    const deal = await newDeal({ products: [line(20)] });
    const pending = await rep.client.get<{ items: Approval[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}&kind=discount&status=pending`,
    );
    expect(pending.body.items).toHaveLength(1);
    const asked = pending.body.items[0] as Approval;
    expect(asked.request).toMatchObject({ discountBasisPoints: 2000, thresholdPercent: 15 });
    // ¥464,000 net: above the first threshold, so the director signs after the manager.
    expect(asked.steps.map((s) => s.approverId)).toEqual([manager.id, director.id]);

    const refused = await rep.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stage('quote'),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('discount_approval_required');

    const signed = (await decide(manager, asked, 'approve')).body.approval;
    const stillRefused = await rep.client.post<Problem>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stage('quote'),
    });
    expect(stillRefused.body.code).toBe('discount_approval_required');
    await decide(director, signed, 'approve');
    const moved = await rep.client.post<Deal>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stage('quote'),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.stageId).toBe(stage('quote'));

    // A smaller discount stays covered; a deeper one asks again, and withdrawing it cancels.
    const smaller = await rep.client.patch<Deal>(`/api/v1/opportunities/${deal.id}`, {
      version: moved.body.version,
      products: [line(18)],
    });
    const none = await rep.client.get<{ items: Approval[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}&kind=discount&status=pending`,
    );
    expect(none.body.items).toHaveLength(0);
    const deeper = await rep.client.patch<Deal>(`/api/v1/opportunities/${deal.id}`, {
      version: smaller.body.version,
      products: [line(30)],
    });
    const reasked = await rep.client.get<{ items: Approval[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}&kind=discount&status=pending`,
    );
    expect(reasked.body.items).toHaveLength(1);
    await rep.client.patch(`/api/v1/opportunities/${deal.id}`, {
      version: deeper.body.version,
      products: [line(10)],
    });
    const withdrawn = await load(reasked.body.items[0]?.id ?? '');
    expect(withdrawn.status).toBe('cancelled');
  });

  it('keeps discount approvals away from a discount within the threshold and keeps stage sign-offs chained', async () => {
    const deal = await newDeal({
      products: [
        {
          name: 'BI',
          productType: 'lighthouse',
          quantity: 1,
          unitPriceMinor: 5_000 * YUAN,
          discountPercent: 15,
        },
      ],
    });
    const none = await rep.client.get<{ items: Approval[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}&kind=discount`,
    );
    expect(none.body.items).toHaveLength(0);
    const quoted = await rep.client.post<Deal>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stage('quote'),
    });
    expect(quoted.status).toBe(200);
    const moved = await rep.client.post<{ status: string; approval: Approval }>(
      `/api/v1/opportunities/${deal.id}/move`,
      { version: quoted.body.version, stageId: stage('contract') },
    );
    expect(moved.body.status).toBe('pending_approval');
    expect(moved.body.approval).toMatchObject({ kind: 'stage', approverId: manager.id });
    const decided = await decide(manager, moved.body.approval, 'approve');
    expect(decided.body).toMatchObject({
      approval: { status: 'approved' },
      move: { status: 'moved' },
    });
  });

  it('keeps approvals, policies and delegations inside their tenant', async () => {
    const deal = await newDeal();
    const asked = await ruleAsk(deal.id, null);
    const other = await createTestTenant(server);
    expect((await other.client.get(`/api/v1/approvals/${asked.id}`)).status).toBe(404);
    const foreign = await decide(other, asked, 'approve');
    expect(foreign.status).toBe(404);
    const theirs = await other.client.get<{ version: number }>('/api/v1/approvals/policy');
    expect(theirs.body.version).toBe(0);
    const crossDelegate = await other.client.put<Problem>('/api/v1/approvals/delegation', {
      delegateId: manager.id,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      version: 0,
    });
    expect(crossDelegate.status).toBe(422);
    expect(crossDelegate.body.code).toBe('reference_not_found');
  });
});
