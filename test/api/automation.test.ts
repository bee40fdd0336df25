import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutomation } from '../../src/app/automation/engine.service.js';
import { enqueueNow } from '../../src/app/jobs.service.js';
import { workOnce } from '../../src/jobs/worker.js';
import { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * The automation rules engine end to end: rules saved over the API, deals changed over the
 * API, the engine driven by hand (the job would call the same `runAutomation`), and every
 * effect checked where it lands — tasks, notifications, the deal, approvals, the outbox.
 */
interface Rule {
  id: string;
  version: number;
  enabled: boolean;
}
interface Run {
  ruleId: string;
  entityId: string;
  eventType: string;
  outcome: string;
  reason: string | null;
  actions: { type: string; result: string }[];
  depth: number;
}
interface Deal {
  id: string;
  version: number;
  ownerId: string;
  stageId: string;
  nextStep: string | null;
  timeline: string | null;
}
interface Problem {
  code: string;
}

const DAY_MS = 86_400_000;

describe.each(dialectsUnderTest())('automation rules ($name)', (dialect) => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let stages: Record<string, string>;
  let managerId: string;
  let repId: string;
  let rep2Id: string;
  let accountId: string;
  let webhookId: string;
  let botId: string;
  const clock = new ManualClock(Date.parse('2026-11-24T08:00:00.000Z'));

  const db = () => server.runtime.ctx.store.db;
  const run = () => runAutomation(server.runtime.ctx, a.tenant.id);

  async function newDeal(name: string, extra: Record<string, unknown> = {}): Promise<Deal> {
    return created<Deal>(
      a.client.post('/api/v1/opportunities', { name, accountId, ownerId: repId, ...extra }),
    );
  }
  async function deal(id: string): Promise<Deal> {
    return (await a.client.get<Deal>(`/api/v1/opportunities/${id}`)).body;
  }
  async function move(id: string, stageId: string): Promise<void> {
    const current = await deal(id);
    const moved = await a.client.post(`/api/v1/opportunities/${id}/move`, {
      version: current.version,
      stageId,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  async function newRule(body: Record<string, unknown>, client: ApiClient = a.client) {
    return created<Rule>(client.post('/api/v1/automation/rules', body));
  }
  async function runsOf(ruleId: string, entityId?: string): Promise<Run[]> {
    const query = new URLSearchParams({ ruleId, ...(entityId ? { entityId } : {}) });
    const page = await a.client.get<{ items: Run[] }>(
      `/api/v1/automation/runs?${query.toString()}`,
    );
    expect(page.status).toBe(200);
    return page.body.items;
  }
  /** Only this deal: rules share a tenant, so each test's rule names its own deal. */
  const onlyDeal = (name: string) => ({ kind: 'field', field: 'name', op: 'eq', value: name });

  const everyAction = (name: string) => [
    { type: 'create_task', title: `Task ${name}`, dueInDays: 2, assignee: { to: 'owner' } },
    { type: 'notify', recipient: { to: 'manager' }, message: `Look at ${name}` },
    { type: 'set_field', field: 'nextStep', value: `Next ${name}` },
    { type: 'request_approval', title: `Sign off ${name}` },
    { type: 'webhook', endpointId: webhookId },
    { type: 'bot_message', endpointId: botId, text: `Bot ${name}` },
    { type: 'assign', userId: rep2Id },
  ];

  /** Every action of `everyAction` landed exactly once for the deal. */
  async function expectEveryEffect(dealId: string, name: string, ruleId: string): Promise<void> {
    const tasks = await a.client.get<{ items: { title: string; assigneeId: string }[] }>(
      `/api/v1/tasks?opportunityId=${dealId}`,
    );
    expect(tasks.body.items.map((task) => [task.title, task.assigneeId])).toEqual([
      [`Task ${name}`, repId],
    ]);
    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('tenant_id', '=', a.tenant.id)
      .where('subject_id', '=', dealId)
      .execute();
    expect(notices).toEqual([{ user_id: managerId, kind: 'automation' }]);
    const after = await deal(dealId);
    expect(after.nextStep).toBe(`Next ${name}`);
    expect(after.ownerId).toBe(rep2Id);
    const approvals = await a.client.get<{ items: { kind: string; status: string }[] }>(
      `/api/v1/approvals?opportunityId=${dealId}`,
    );
    expect(approvals.body.items.map((item) => [item.kind, item.status])).toEqual([
      ['rule', 'pending'],
    ]);
    const deliveries = await db()
      .selectFrom('deliveries')
      .select(['channel', 'target'])
      .where('tenant_id', '=', a.tenant.id)
      .where('idempotency_key', 'like', `rule:${ruleId}:%`)
      .orderBy('channel')
      .execute();
    // Keyed by rule, event and action: a retried run could never send twice.
    expect(deliveries).toEqual([
      { channel: 'webhook', target: webhookId },
      { channel: 'wecom', target: botId },
    ]);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    a = await createTestTenant(server);
    b = await createTestTenant(server);
    const pipeline = await createUngatedDefaultPipeline(a.client);
    stages = Object.fromEntries(pipeline.stages.map((stage) => [stage.key, stage.id]));
    const manager = await created<{ id: string }>(
      a.client.post('/api/v1/users', {
        email: `${unique('mgr')}@example.test`,
        name: 'Manager',
        role: 'manager',
      }),
    );
    managerId = manager.id;
    const team = await created<{ id: string }>(
      a.client.post('/api/v1/teams', { name: unique('team'), managerId }),
    );
    const subTeam = await created<{ id: string }>(
      a.client.post('/api/v1/teams', { name: unique('sub'), parentId: team.id }),
    );
    const user = (teamId: string) =>
      created<{ id: string }>(
        a.client.post('/api/v1/users', {
          email: `${unique('rep')}@example.test`,
          name: 'Rep',
          role: 'rep',
          teamId,
          password: TEST_PASSWORD,
        }),
      );
    repId = (await user(subTeam.id)).id;
    rep2Id = (await user(subTeam.id)).id;
    accountId = (
      await created<{ id: string }>(a.client.post('/api/v1/accounts', { name: unique('account') }))
    ).id;
    const endpoint = (channel: string) =>
      a.client.post<{ endpoint: { id: string } }>('/api/v1/delivery-endpoints', {
        channel,
        name: unique(channel),
        url: 'http://127.0.0.1:9/hook',
      });
    webhookId = (await endpoint('webhook')).body.endpoint.id;
    botId = (await endpoint('wecom')).body.endpoint.id;
  });
  afterAll(async () => {
    await server.close();
  });

  describe('each trigger with each action', () => {
    /** How to make each trigger happen to a fresh deal. */
    const cases: {
      trigger: string;
      rule: (name: string) => Record<string, unknown>;
      cause: (dealId: string) => Promise<void>;
    }[] = [
      { trigger: 'created', rule: () => ({ type: 'created' }), cause: async () => {} },
      {
        trigger: 'field_changed',
        rule: () => ({ type: 'field_changed', fields: ['amountMinor'] }),
        cause: async (id) => {
          const current = await deal(id);
          const patched = await a.client.patch(`/api/v1/opportunities/${id}`, {
            version: current.version,
            amount: { amountMinor: 990_000, currency: 'CNY' },
          });
          expect(patched.status).toBe(200);
        },
      },
      {
        trigger: 'stage_entered',
        rule: () => ({ type: 'stage_entered', stageId: stages['solution'] }),
        cause: (id) => move(id, stages['solution'] ?? ''),
      },
      {
        trigger: 'stage_left',
        rule: () => ({ type: 'stage_left', stageId: stages['initial-contact'] }),
        cause: (id) => move(id, stages['needs-confirmed'] ?? ''),
      },
      {
        trigger: 'deadline_reached',
        rule: () => ({ type: 'deadline_reached' }),
        cause: async (id) => {
          await db()
            .updateTable('opportunities')
            .set({ deadline_at: new Date(clock.now().getTime() - 60_000).toISOString() })
            .where('tenant_id', '=', a.tenant.id)
            .where('id', '=', id)
            .execute();
        },
      },
      {
        trigger: 'inactive_for',
        rule: () => ({ type: 'inactive_for', days: 7 }),
        cause: async (id) => {
          // Entered its stage 8 days ago, and no activity since.
          await db()
            .updateTable('opportunities')
            .set({ stage_entered_at: new Date(clock.now().getTime() - 8 * DAY_MS).toISOString() })
            .where('tenant_id', '=', a.tenant.id)
            .where('id', '=', id)
            .execute();
        },
      },
      {
        trigger: 'scheduled',
        rule: () => ({ type: 'scheduled', every: 'daily', hourUtc: 0 }),
        cause: async () => {},
      },
    ];

    for (const { trigger, rule, cause } of cases) {
      it(`${trigger}: applies every action type once, and a rerun applies nothing again`, async () => {
        const name = unique(trigger);
        const saved = await newRule({
          name: `matrix ${trigger}`,
          trigger: rule(name),
          conditions: [onlyDeal(name)],
          actions: everyAction(name),
        });
        const dealId = (await newDeal(name)).id;
        await cause(dealId);
        await run();
        const runs = await runsOf(saved.id, dealId);
        expect(runs.map((r) => [r.eventType, r.outcome, r.depth])).toEqual([
          [trigger, 'applied', 0],
        ]);
        expect(runs[0]?.actions.map((action) => action.type)).toEqual(
          everyAction(name).map((action) => action.type),
        );
        await expectEveryEffect(dealId, name, saved.id);
        // Sweeping and processing again raises no second time event and applies nothing twice.
        await run();
        expect(await runsOf(saved.id, dealId)).toHaveLength(1);
        await expectEveryEffect(dealId, name, saved.id);
        // Switched off: the rule stays quiet for the rest of the suite.
        const off = await a.client.patch<Rule>(`/api/v1/automation/rules/${saved.id}`, {
          version: saved.version,
          enabled: false,
        });
        expect(off.body.enabled).toBe(false);
      });
    }
  });

  it('judges conditions: pipeline, stage, owner team with sub-teams, amount, fields', async () => {
    const name = unique('conditions');
    // The rep sits in a sub-team of the manager's team.
    const { parent_id: parentTeamId } = await db()
      .selectFrom('users')
      .innerJoin('teams', (join) =>
        join
          .onRef('teams.tenant_id', '=', 'users.tenant_id')
          .onRef('teams.id', '=', 'users.team_id'),
      )
      .select('teams.parent_id')
      .where('users.tenant_id', '=', a.tenant.id)
      .where('users.id', '=', repId)
      .executeTakeFirstOrThrow();
    const { pipelineId } = (
      await a.client.get<{ pipelineId: string }>(
        `/api/v1/opportunities/${(await newDeal(unique('setup'))).id}`,
      )
    ).body;
    const conditions = (amountMinor: number, includeSubTeams: boolean) => [
      onlyDeal(name),
      { kind: 'pipeline', pipelineIds: [pipelineId] },
      { kind: 'stage', stageIds: [stages['initial-contact']] },
      { kind: 'owner_team', teamIds: [parentTeamId], includeSubTeams },
      { kind: 'amount', op: 'gte', amountMinor, currency: 'CNY' },
      { kind: 'field', field: 'tags', op: 'contains', value: 'vip' },
    ];
    const notice = [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }];
    const trigger = { type: 'created' };
    const holds = await newRule({
      name: 'holds',
      trigger,
      conditions: conditions(100_000, true),
      actions: notice,
    });
    const tooMuch = await newRule({
      name: 'too low',
      trigger,
      conditions: conditions(10_000_000, true),
      actions: notice,
    });
    const direct = await newRule({
      name: 'direct team',
      trigger,
      conditions: conditions(100_000, false),
      actions: notice,
    });
    const dealId = (
      await newDeal(name, { amount: { amountMinor: 500_000, currency: 'CNY' }, tags: ['vip'] })
    ).id;
    await run();
    expect((await runsOf(holds.id, dealId)).map((r) => r.outcome)).toEqual(['applied']);
    for (const rule of [tooMuch, direct]) {
      expect((await runsOf(rule.id, dealId)).map((r) => [r.outcome, r.reason])).toEqual([
        ['skipped', 'conditions_not_met'],
      ]);
    }
    for (const rule of [holds, tooMuch, direct]) {
      await a.client.patch(`/api/v1/automation/rules/${rule.id}`, { version: 1, enabled: false });
    }
  });

  it('stops two rules ping-ponging a deal: a rule never fires on its own doing', async () => {
    const name = unique('loop');
    const ping = await newRule({
      name: 'ping',
      trigger: { type: 'field_changed', fields: ['nextStep'] },
      conditions: [onlyDeal(name)],
      actions: [{ type: 'set_field', field: 'timeline', value: `ping ${name}` }],
    });
    const pong = await newRule({
      name: 'pong',
      trigger: { type: 'field_changed', fields: ['timeline'] },
      conditions: [onlyDeal(name)],
      actions: [{ type: 'set_field', field: 'nextStep', value: `pong ${name}` }],
    });
    const dealId = (await newDeal(name)).id;
    const current = await deal(dealId);
    await a.client.patch(`/api/v1/opportunities/${dealId}`, {
      version: current.version,
      nextStep: 'by hand',
    });
    await run();
    // ping fired on the person's change; pong on ping's; ping again on pong's would loop.
    expect((await runsOf(ping.id, dealId)).map((r) => [r.outcome, r.reason, r.depth])).toEqual([
      ['skipped', 'loop', 2],
      ['applied', null, 0],
    ]);
    expect((await runsOf(pong.id, dealId)).map((r) => [r.outcome, r.depth])).toEqual([
      ['applied', 1],
    ]);
    const after = await deal(dealId);
    expect([after.timeline, after.nextStep]).toEqual([`ping ${name}`, `pong ${name}`]);
    // Nothing is left pending: the chain ended.
    const pending = await db()
      .selectFrom('automation_events')
      .select('id')
      .where('tenant_id', '=', a.tenant.id)
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
    for (const rule of [ping, pong]) {
      await a.client.patch(`/api/v1/automation/rules/${rule.id}`, { version: 1, enabled: false });
    }
  });

  it('logs a failed action with its code and applies none of the rule', async () => {
    const name = unique('fails');
    const rule = await newRule({
      name: 'half',
      trigger: { type: 'created' },
      conditions: [onlyDeal(name)],
      actions: [
        { type: 'create_task', title: `Task ${name}`, dueInDays: 1, assignee: { to: 'owner' } },
        { type: 'set_field', field: 'nextStepDate', value: 'not a date' },
      ],
    });
    const dealId = (await newDeal(name)).id;
    await run();
    const [only] = await runsOf(rule.id, dealId);
    expect([only?.outcome, only?.reason]).toEqual(['failed', 'validation_failed']);
    // The task of the first action rolled back with the second's failure.
    const tasks = await a.client.get<{ items: unknown[] }>(`/api/v1/tasks?opportunityId=${dealId}`);
    expect(tasks.body.items).toEqual([]);
    const failed = await a.client.get<{ items: Run[] }>(
      `/api/v1/automation/runs?outcome=failed&ruleId=${rule.id}`,
    );
    expect(failed.body.items).toHaveLength(1);
    await a.client.patch(`/api/v1/automation/rules/${rule.id}`, { version: 1, enabled: false });
  });

  it('ships the two examples as templates, and both work end to end', async () => {
    const templates = await a.client.get<{ key: string; rule: Record<string, unknown> }[]>(
      '/api/v1/automation/rule-templates',
    );
    expect(templates.status).toBe(200);
    expect(templates.body.map((t) => t.key)).toEqual([
      'proposal-on-solution',
      'inactive-7-remind-owner',
      'inactive-10-escalate-manager',
    ]);
    const saved = [];
    for (const template of templates.body) saved.push(await newRule(template.rule));

    // 方案论证: a task to upload the proposal and a request for the manager's approval.
    const proposal = await newDeal(unique('proposal'));
    await move(proposal.id, stages['solution'] ?? '');
    await run();
    const tasks = await a.client.get<{ items: { title: string }[] }>(
      `/api/v1/tasks?opportunityId=${proposal.id}`,
    );
    expect(tasks.body.items.map((task) => task.title)).toEqual([
      '上传方案书 / Upload the proposal',
    ]);
    const approvals = await a.client.get<{ items: { kind: string; status: string }[] }>(
      `/api/v1/approvals?opportunityId=${proposal.id}`,
    );
    expect(approvals.body.items.map((item) => [item.kind, item.status])).toEqual([
      ['rule', 'pending'],
    ]);

    // 初步接触, quiet: the owner after 7 days, the manager 3 days later, each once.
    const quiet = await newDeal(unique('quiet'));
    const noticesTo = async () =>
      (
        await db()
          .selectFrom('notifications')
          .select('user_id')
          .where('tenant_id', '=', a.tenant.id)
          .where('subject_id', '=', quiet.id)
          .orderBy('created_at')
          .execute()
      ).map((row) => row.user_id);
    clock.advance(7 * DAY_MS + 60_000);
    await run();
    await run();
    expect(await noticesTo()).toEqual([repId]);
    clock.advance(3 * DAY_MS);
    await run();
    await run();
    expect(await noticesTo()).toEqual([repId, managerId]);
    for (const rule of saved) {
      await a.client.patch(`/api/v1/automation/rules/${rule.id}`, { version: 1, enabled: false });
    }
  });

  it('runs as the automation job through the worker', async () => {
    const name = unique('job');
    const rule = await newRule({
      name: 'by the job',
      trigger: { type: 'created' },
      conditions: [onlyDeal(name)],
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'from the job' }],
    });
    const dealId = (await newDeal(name)).id;
    const ctx = server.runtime.ctx;
    await enqueueNow(ctx, a.tenant.id, 'automation');
    const reports = await workOnce(ctx, { schedule: false, workerId: 'automation-worker' });
    const job = reports.find(
      (report) => report.job.kind === 'automation' && report.job.tenantId === a.tenant.id,
    );
    expect(job?.ok).toBe(true);
    expect((await runsOf(rule.id, dealId)).map((r) => r.outcome)).toEqual(['applied']);
    await a.client.patch(`/api/v1/automation/rules/${rule.id}`, { version: 1, enabled: false });
  });

  it('dry-runs a saved rule or a draft on a deal, writing nothing', async () => {
    const name = unique('dry');
    const dealId = (await newDeal(name, { amount: { amountMinor: 300_000, currency: 'CNY' } })).id;
    const draft = {
      name: 'draft',
      trigger: { type: 'created' },
      conditions: [onlyDeal(name), { kind: 'amount', op: 'gt', amountMinor: 1_000_000 }],
      actions: [{ type: 'notify', recipient: { to: 'manager' }, message: 'big deal' }],
    };
    const before = await db()
      .selectFrom('automation_runs')
      .select('id')
      .where('tenant_id', '=', a.tenant.id)
      .execute();
    const result = await a.client.post<{
      matched: boolean;
      conditions: { matched: boolean }[];
      actions: { recipients: string[] | null }[];
    }>('/api/v1/automation/rules/dry-run', { rule: draft, opportunityId: dealId });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.matched).toBe(false);
    expect(result.body.conditions.map((c) => c.matched)).toEqual([true, false]);
    expect(result.body.actions.map((x) => x.recipients)).toEqual([[managerId]]);
    const saved = await newRule({ ...draft, enabled: false });
    const bySaved = await a.client.post<{ matched: boolean }>('/api/v1/automation/rules/dry-run', {
      ruleId: saved.id,
      opportunityId: dealId,
    });
    expect(bySaved.body.matched).toBe(false);
    const after = await db()
      .selectFrom('automation_runs')
      .select('id')
      .where('tenant_id', '=', a.tenant.id)
      .execute();
    expect(after).toHaveLength(before.length);
  });

  it('versions rules, refuses bad input with codes, and is for admins only', async () => {
    const rule = await newRule({
      name: 'versioned',
      enabled: false,
      trigger: { type: 'created' },
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
    });
    const replaced = await a.client.request<Rule>('PUT', `/api/v1/automation/rules/${rule.id}`, {
      version: 1,
      rule: {
        name: 'versioned 2',
        enabled: false,
        trigger: { type: 'inactive_for', days: 3 },
        actions: [{ type: 'notify', recipient: { to: 'role', role: 'manager' }, message: 'y' }],
      },
    });
    expect([replaced.status, replaced.body.version]).toEqual([200, 2]);
    const stale = await a.client.patch<Problem>(`/api/v1/automation/rules/${rule.id}`, {
      version: 1,
      enabled: true,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'version_conflict']);

    const bad = async (body: unknown, status: number, code: string) => {
      const response = await a.client.post<Problem>('/api/v1/automation/rules', body);
      expect([response.status, response.body.code], JSON.stringify(body)).toEqual([status, code]);
    };
    const ok = {
      name: 'n',
      trigger: { type: 'created' },
      actions: [{ type: 'assign', userId: repId }],
    };
    await bad({ ...ok, trigger: { type: 'at_midnight' } }, 400, 'validation_failed');
    await bad({ ...ok, actions: [] }, 400, 'validation_failed');
    await bad({ ...ok, trigger: { type: 'inactive_for', days: 0 } }, 400, 'validation_failed');
    await bad(
      { ...ok, conditions: [{ kind: 'field', field: 'x; drop', op: 'eq' }] },
      400,
      'validation_failed',
    );
    await bad(
      {
        ...ok,
        trigger: { type: 'stage_entered', stageId: '0190a0a0-0000-7000-8000-000000000000' },
      },
      422,
      'reference_not_found',
    );
    const both = await a.client.post<Problem>('/api/v1/automation/rules/dry-run', {
      ruleId: rule.id,
      rule: ok,
      opportunityId: rule.id,
    });
    expect([both.status, both.body.code]).toEqual([400, 'validation_failed']);

    const rep = await new ApiClient(server.url).signIn(
      (
        await db()
          .selectFrom('users')
          .select('email')
          .where('tenant_id', '=', a.tenant.id)
          .where('id', '=', repId)
          .executeTakeFirstOrThrow()
      ).email,
      TEST_PASSWORD,
    );
    const forbidden = await rep.get<Problem>('/api/v1/automation/rules');
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'forbidden']);

    const removed = await a.client.delete(`/api/v1/automation/rules/${rule.id}`);
    expect(removed.status).toBe(204);
    expect((await a.client.get(`/api/v1/automation/rules/${rule.id}`)).status).toBe(404);
  });

  it('keeps tenants apart', async () => {
    const rule = await newRule({
      name: 'mine',
      enabled: false,
      trigger: { type: 'created' },
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
    });
    const theirs = await b.client.get<Problem>(`/api/v1/automation/rules/${rule.id}`);
    expect([theirs.status, theirs.body.code]).toEqual([404, 'not_found']);
    expect((await b.client.get<Rule[]>('/api/v1/automation/rules')).body).toEqual([]);
    expect((await b.client.get<{ items: Run[] }>('/api/v1/automation/runs')).body.items).toEqual(
      [],
    );
    const dealId = (await newDeal(unique('foreign'))).id;
    const dry = await b.client.post<Problem>('/api/v1/automation/rules/dry-run', {
      ruleId: rule.id,
      opportunityId: dealId,
    });
    expect(dry.status).toBe(404);
    // Another tenant's stage is as unknown as a missing one.
    const foreign = await b.client.post<Problem>('/api/v1/automation/rules', {
      name: 'x',
      trigger: { type: 'stage_entered', stageId: stages['solution'] },
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
    });
    expect([foreign.status, foreign.body.code]).toEqual([422, 'reference_not_found']);
  });
});
