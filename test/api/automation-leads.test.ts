import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutomation } from '../../src/app/automation/engine.service.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Automation rules on leads end to end: lead rules saved over the API, leads changed over
 * the API (create, edit, the ownership endpoint), the engine driven by hand, and every
 * effect checked where it lands — the task, the notice, the owner and the pool with their
 * ownership history, the field, the deliveries.
 */
interface Rule {
  id: string;
  version: number;
  enabled: boolean;
}
interface Run {
  entityType: string;
  eventType: string;
  outcome: string;
  reason: string | null;
  actions: { type: string; result: string }[];
  depth: number;
}
interface Lead {
  id: string;
  version: number;
  ownerId: string | null;
  poolId: string | null;
  region: string | null;
  status: string;
}
interface HistoryEntry {
  action: string;
  toOwnerId: string | null;
  toPoolId: string | null;
  reason: string;
}
interface Problem {
  code: string;
  errors: { path: string; code: string; message: string }[];
}

const DAY_MS = 86_400_000;

describe.each(dialectsUnderTest())('automation rules on leads ($name)', (dialect) => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let managerId: string;
  let repId: string;
  let rep2Id: string;
  let poolId: string;
  let webhookId: string;
  let botId: string;
  const clock = new ManualClock(Date.parse('2026-11-24T08:00:00.000Z'));

  const db = () => server.runtime.ctx.store.db;
  const run = () => runAutomation(server.runtime.ctx, a.tenant.id);

  async function newLead(name: string, extra: Record<string, unknown> = {}): Promise<Lead> {
    return created<Lead>(
      a.client.post('/api/v1/leads', { name, source: 'website', ownerId: repId, ...extra }),
    );
  }
  async function lead(id: string): Promise<Lead> {
    return (await a.client.get<Lead>(`/api/v1/leads/${id}`)).body;
  }
  async function newRule(body: Record<string, unknown>) {
    return created<Rule>(a.client.post('/api/v1/automation/rules', { entity: 'lead', ...body }));
  }
  async function switchOff(rule: Rule): Promise<void> {
    const off = await a.client.patch<Rule>(`/api/v1/automation/rules/${rule.id}`, {
      version: rule.version,
      enabled: false,
    });
    expect(off.body.enabled).toBe(false);
  }
  async function runsOf(ruleId: string, entityId: string): Promise<Run[]> {
    const query = new URLSearchParams({ ruleId, entityId });
    const page = await a.client.get<{ items: Run[] }>(
      `/api/v1/automation/runs?${query.toString()}`,
    );
    expect(page.status).toBe(200);
    return page.body.items;
  }
  async function history(leadId: string): Promise<HistoryEntry[]> {
    const page = await a.client.get<{ items: HistoryEntry[] }>(
      `/api/v1/leads/${leadId}/ownership-history`,
    );
    // Only the rules' moves: their reason names the rule.
    return page.body.items.filter((entry) => entry.reason.startsWith('automation: '));
  }
  const onlyLead = (name: string) => ({ kind: 'field', field: 'name', op: 'eq', value: name });

  const everyAction = (name: string) => [
    { type: 'create_task', title: `Task ${name}`, dueInDays: 2, assignee: { to: 'owner' } },
    { type: 'notify', recipient: { to: 'manager' }, message: `Look at ${name}` },
    { type: 'set_field', field: 'region', value: `Region ${name}` },
    { type: 'webhook', endpointId: webhookId },
    { type: 'bot_message', endpointId: botId, text: `Bot ${name}` },
    { type: 'assign', userId: rep2Id },
    { type: 'move_to_pool', poolId },
  ];

  /** Every action of `everyAction` landed exactly once for the lead. */
  async function expectEveryEffect(leadId: string, name: string, ruleId: string): Promise<void> {
    const tasks = await db()
      .selectFrom('tasks')
      .select(['title', 'assignee_id'])
      .where('tenant_id', '=', a.tenant.id)
      .where('lead_id', '=', leadId)
      .execute();
    expect(tasks).toEqual([{ title: `Task ${name}`, assignee_id: repId }]);
    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'subject_type'])
      .where('tenant_id', '=', a.tenant.id)
      .where('subject_id', '=', leadId)
      .where('kind', '=', 'automation')
      .execute();
    expect(notices).toEqual([{ user_id: managerId, kind: 'automation', subject_type: 'lead' }]);
    const after = await lead(leadId);
    expect(after.region).toBe(`Region ${name}`);
    // Assigned to rep2 through the ownership path, then released to the named pool.
    expect([after.ownerId, after.poolId]).toEqual([null, poolId]);
    const moves = await history(leadId);
    expect(moves.map((entry) => [entry.action, entry.toOwnerId, entry.toPoolId])).toEqual([
      ['assign', rep2Id, null],
      ['release', null, poolId],
    ]);
    const deliveries = await db()
      .selectFrom('deliveries')
      .select(['channel', 'target'])
      .where('tenant_id', '=', a.tenant.id)
      .where('idempotency_key', 'like', `rule:${ruleId}:%`)
      .orderBy('channel')
      .execute();
    expect(deliveries).toEqual([
      { channel: 'webhook', target: webhookId },
      { channel: 'wecom', target: botId },
    ]);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    a = await createTestTenant(server);
    b = await createTestTenant(server);
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
    const user = () =>
      created<{ id: string }>(
        a.client.post('/api/v1/users', {
          email: `${unique('rep')}@example.test`,
          name: 'Rep',
          role: 'rep',
          teamId: team.id,
          password: TEST_PASSWORD,
        }),
      );
    repId = (await user()).id;
    rep2Id = (await user()).id;
    poolId = (
      await created<{ id: string }>(a.client.post('/api/v1/pools', { name: unique('pool') }))
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

  describe('each lead trigger with each lead action', () => {
    const setLead = (id: string, values: { deadline_at?: string; owned_since?: string }) =>
      db()
        .updateTable('leads')
        .set(values)
        .where('tenant_id', '=', a.tenant.id)
        .where('id', '=', id)
        .execute();
    const cases: {
      trigger: string;
      rule: Record<string, unknown>;
      cause: (leadId: string) => Promise<unknown>;
    }[] = [
      { trigger: 'created', rule: { type: 'created' }, cause: async () => {} },
      {
        trigger: 'field_changed',
        rule: { type: 'field_changed', fields: ['status'] },
        cause: async (id) => {
          const current = await lead(id);
          const patched = await a.client.patch(`/api/v1/leads/${id}`, {
            version: current.version,
            status: 'contacted',
          });
          expect(patched.status).toBe(200);
        },
      },
      {
        trigger: 'deadline_reached',
        rule: { type: 'deadline_reached' },
        cause: (id) =>
          setLead(id, { deadline_at: new Date(clock.now().getTime() - 60_000).toISOString() }),
      },
      {
        trigger: 'inactive_for',
        rule: { type: 'inactive_for', days: 7 },
        // Taken 8 days ago, and no activity since.
        cause: (id) =>
          setLead(id, { owned_since: new Date(clock.now().getTime() - 8 * DAY_MS).toISOString() }),
      },
      {
        trigger: 'scheduled',
        rule: { type: 'scheduled', every: 'daily', hourUtc: 0 },
        cause: async () => {},
      },
    ];

    for (const { trigger, rule, cause } of cases) {
      it(`${trigger}: applies every lead action once, and a rerun applies nothing again`, async () => {
        const name = unique(trigger);
        const saved = await newRule({
          name: `lead matrix ${trigger}`,
          trigger: rule,
          conditions: [onlyLead(name)],
          actions: everyAction(name),
        });
        const leadId = (await newLead(name)).id;
        await cause(leadId);
        await run();
        const runs = await runsOf(saved.id, leadId);
        expect(runs.map((r) => [r.entityType, r.eventType, r.outcome, r.reason])).toEqual([
          ['lead', trigger, 'applied', null],
        ]);
        await expectEveryEffect(leadId, name, saved.id);
        await run();
        expect(await runsOf(saved.id, leadId)).toHaveLength(1);
        await expectEveryEffect(leadId, name, saved.id);
        await switchOff(saved);
      });
    }
  });

  it('sees claims and releases through the ownership endpoint as field changes', async () => {
    const name = unique('claimed');
    const rule = await newRule({
      name: 'claimed',
      trigger: { type: 'field_changed', fields: ['ownerId'] },
      conditions: [onlyLead(name), { kind: 'field', field: 'ownerId', op: 'not_empty' }],
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'yours now' }],
    });
    const leadId = (await newLead(name, { ownerId: null, poolId })).id;
    const current = await lead(leadId);
    const assigned = await a.client.post(`/api/v1/leads/${leadId}/ownership`, {
      version: current.version,
      action: 'assign',
      toUserId: rep2Id,
      reason: 'by hand',
    });
    expect(assigned.status).toBe(200);
    await run();
    expect((await runsOf(rule.id, leadId)).map((r) => [r.outcome, r.actions[0]?.result])).toEqual([
      ['applied', 'notified 1'],
    ]);
    await switchOff(rule);
  });

  it('moves to a pool and assigns only as the pool rules allow', async () => {
    const strict = await created<{ id: string }>(
      a.client.post('/api/v1/pools', { name: unique('strict'), rules: { claimLimit: 0 } }),
    );
    const name = unique('limits');
    const rule = await newRule({
      name: 'assign from strict pool',
      trigger: { type: 'created' },
      conditions: [onlyLead(name)],
      actions: [
        { type: 'set_field', field: 'campaign', value: 'rolled back' },
        { type: 'assign', userId: rep2Id },
      ],
    });
    const leadId = (await newLead(name, { ownerId: null, poolId: strict.id })).id;
    await run();
    // The pool allows no one to hold a record: the assignment is refused, the rule undone.
    expect((await runsOf(rule.id, leadId)).map((r) => [r.outcome, r.reason])).toEqual([
      ['failed', 'ownership_refused'],
    ]);
    const after = await lead(leadId);
    expect([after.ownerId, after.poolId]).toEqual([null, strict.id]);
    expect(
      (await a.client.get<{ campaign: string | null }>(`/api/v1/leads/${leadId}`)).body.campaign,
    ).toBeNull();
    await switchOff(rule);

    // Without a pool named, a released lead goes to the owner's home pool (the default one).
    const home = unique('home');
    const release = await newRule({
      name: 'release home',
      trigger: { type: 'created' },
      conditions: [onlyLead(home)],
      actions: [{ type: 'move_to_pool' }],
    });
    const homeLead = (await newLead(home)).id;
    await run();
    const released = await lead(homeLead);
    const defaultPool = await db()
      .selectFrom('pools')
      .select('id')
      .where('tenant_id', '=', a.tenant.id)
      .where('is_default', '=', 1)
      .executeTakeFirstOrThrow();
    expect([released.ownerId, released.poolId]).toEqual([null, defaultPool.id]);
    expect((await history(homeLead)).map((entry) => entry.action)).toEqual(['release']);
    await switchOff(release);
  });

  it('stops two lead rules ping-ponging a lead', async () => {
    const name = unique('loop');
    const ping = await newRule({
      name: 'ping',
      trigger: { type: 'field_changed', fields: ['industry'] },
      conditions: [onlyLead(name)],
      actions: [{ type: 'set_field', field: 'region', value: `ping ${name}` }],
    });
    const pong = await newRule({
      name: 'pong',
      trigger: { type: 'field_changed', fields: ['region'] },
      conditions: [onlyLead(name)],
      actions: [{ type: 'set_field', field: 'industry', value: `pong ${name}` }],
    });
    const leadId = (await newLead(name)).id;
    const current = await lead(leadId);
    await a.client.patch(`/api/v1/leads/${leadId}`, {
      version: current.version,
      industry: 'by hand',
    });
    await run();
    expect((await runsOf(ping.id, leadId)).map((r) => [r.outcome, r.reason, r.depth])).toEqual([
      ['skipped', 'loop', 2],
      ['applied', null, 0],
    ]);
    expect((await runsOf(pong.id, leadId)).map((r) => [r.outcome, r.depth])).toEqual([
      ['applied', 1],
    ]);
    await switchOff(ping);
    await switchOff(pong);
  });

  it('refuses deal-only parts on a lead rule, and pools on a deal rule', async () => {
    const stage = await db()
      .selectFrom('stages')
      .select('id')
      .where('tenant_id', '=', a.tenant.id)
      .executeTakeFirstOrThrow();
    const refused = await a.client.post<Problem>('/api/v1/automation/rules', {
      name: 'wrong',
      entity: 'lead',
      trigger: { type: 'stage_entered', stageId: stage.id },
      conditions: [{ kind: 'amount', op: 'gte', amountMinor: 100 }],
      actions: [
        { type: 'request_approval', title: 'no' },
        { type: 'set_field', field: 'nextStep', value: 'no' },
      ],
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'validation_failed']);
    expect(refused.body.errors.map((issue) => [issue.path, issue.code])).toEqual([
      ['trigger/type', 'not_for_entity'],
      ['conditions/0/kind', 'not_for_entity'],
      ['actions/0/type', 'not_for_entity'],
      ['actions/1/field', 'not_for_entity'],
    ]);
    const dealRule = await a.client.post<Problem>('/api/v1/automation/rules', {
      name: 'deal pool',
      trigger: { type: 'created' },
      actions: [{ type: 'move_to_pool' }],
    });
    expect(dealRule.body.errors.map((issue) => [issue.path, issue.code])).toEqual([
      ['actions/0/type', 'not_for_entity'],
    ]);
    const zh = await a.client.post<Problem>(
      '/api/v1/automation/rules',
      {
        name: 'wrong',
        entity: 'lead',
        trigger: { type: 'created' },
        conditions: [{ kind: 'pipeline', pipelineIds: [stage.id] }],
        actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
      },
      { headers: { 'accept-language': 'zh-CN' } },
    );
    expect(zh.body.errors[0]?.message).toBe('线索规则不支持 pipeline');
    const unknownPool = await a.client.post<Problem>('/api/v1/automation/rules', {
      name: 'x',
      entity: 'lead',
      trigger: { type: 'created' },
      actions: [{ type: 'move_to_pool', poolId: a.tenant.id }],
    });
    expect([unknownPool.status, unknownPool.body.code]).toEqual([422, 'reference_not_found']);
  });

  it('dry-runs a lead rule on a lead, writing nothing', async () => {
    const name = unique('dry');
    const leadId = (await newLead(name, { region: 'East' })).id;
    const draft = {
      name: 'dry',
      entity: 'lead',
      trigger: { type: 'created' },
      conditions: [
        { kind: 'field', field: 'region', op: 'eq', value: 'East' },
        { kind: 'field', field: 'score', op: 'gt', value: 1000 },
      ],
      actions: [
        { type: 'notify', recipient: { to: 'manager' }, message: 'x' },
        { type: 'move_to_pool', poolId },
      ],
    };
    const dry = await a.client.post<{
      matched: boolean;
      conditions: { matched: boolean }[];
      actions: { recipients: string[] | null }[];
      facts: { fields: Record<string, unknown> };
    }>('/api/v1/automation/rules/dry-run', { rule: draft, leadId });
    expect(dry.status).toBe(200);
    expect(dry.body.matched).toBe(false);
    expect(dry.body.conditions.map((c) => c.matched)).toEqual([true, false]);
    expect(dry.body.actions.map((action) => action.recipients)).toEqual([[managerId], null]);
    expect(dry.body.facts.fields['ownerId']).toBe(repId);
    // A lead rule needs a lead; a lead's id given as a deal's names no deal.
    const asDeal = await a.client.post<Problem>('/api/v1/automation/rules/dry-run', {
      rule: draft,
      opportunityId: leadId,
    });
    expect(asDeal.status).toBe(404);
    const noLead = await a.client.post<Problem>('/api/v1/automation/rules/dry-run', {
      rule: draft,
    });
    expect([noLead.status, noLead.body.errors[0]?.path]).toEqual([400, 'leadId']);
    expect((await lead(leadId)).poolId).toBeNull();
  });

  it('keeps tenants apart', async () => {
    const leadId = (await newLead(unique('foreign'))).id;
    const dry = await b.client.post<Problem>('/api/v1/automation/rules/dry-run', {
      rule: {
        name: 'x',
        entity: 'lead',
        trigger: { type: 'created' },
        actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
      },
      leadId,
    });
    expect(dry.status).toBe(404);
    const foreignPool = await b.client.post<Problem>('/api/v1/automation/rules', {
      name: 'x',
      entity: 'lead',
      trigger: { type: 'created' },
      actions: [{ type: 'move_to_pool', poolId }],
    });
    expect([foreignPool.status, foreignPool.body.code]).toEqual([422, 'reference_not_found']);
    const runs = await b.client.get<Problem>(`/api/v1/automation/runs?entityId=${leadId}`);
    expect([runs.status, runs.body.code]).toEqual([422, 'reference_not_found']);
    // Tenant b's rule never sees tenant a's lead.
    const theirs = await created<Rule>(
      b.client.post('/api/v1/automation/rules', {
        name: 'theirs',
        entity: 'lead',
        trigger: { type: 'scheduled', every: 'daily', hourUtc: 0 },
        actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
      }),
    );
    await runAutomation(server.runtime.ctx, b.tenant.id);
    const bRuns = await b.client.get<{ items: Run[] }>(
      `/api/v1/automation/runs?ruleId=${theirs.id}`,
    );
    expect(bRuns.body.items).toEqual([]);
  });
});
