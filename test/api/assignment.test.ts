import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import {
  createOrg,
  DAY,
  historyOf,
  patchUser,
  pooledLead,
  setTenantSettings,
} from '../support/pools.js';
import type { Held, Org, Problem } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Automatic assignment over the API: round-robin, spare capacity, routing rules by the
 * lead's traits, reps on leave or without the lead's language skipped, the log that says
 * why, and the refusal when nobody can take the lead.
 */
interface Explanation {
  rule: string | null;
  strategy: string;
  considered: number;
  skipped: { userId: string; why: string }[];
  why: string;
}
interface AssignResult {
  lead: Held;
  assignment: { leadId: string; userId: string; explanation: Explanation; at: string };
}

describe.each(dialectsUnderTest())('lead assignment ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-11-02T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let org: Org;
  /** The tenant's reps, as assignment without a rule considers them. */
  let reps: string[];

  const autoAssign = async (client: ApiClient, leadId: string) => {
    const lead = await org.admin.get<Held>(`/api/v1/leads/${leadId}`);
    // A minute apart, so "longest waiting" is one order on every database.
    clock.advance(60_000);
    return client.post<AssignResult>(`/api/v1/leads/${leadId}/auto-assign`, {
      version: lead.body.version,
    });
  };
  const assigned = async (leadId: string) => {
    const response = await autoAssign(org.admin, leadId);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const setRules = async (rules: unknown[]) => {
    const response = await org.admin.request('PUT', '/api/v1/assignment-rules', { rules });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    org = await createOrg(server, t);
    reps = [org.ids.rep1, org.ids.rep2, org.ids.northRep, org.ids.supportRep];
  });
  afterAll(async () => server?.close());

  it('goes round the reps in turn, and the log says why each time', async () => {
    const owners: string[] = [];
    for (let i = 0; i < reps.length + 1; i++) {
      const lead = await pooledLead(org, org.defaultPoolId);
      const result = await assigned(lead.id);
      owners.push(result.lead.ownerId ?? '');
      expect(result.lead).toMatchObject({ ownerId: result.assignment.userId, poolId: null });
      expect(result.assignment.explanation).toMatchObject({
        rule: null,
        strategy: 'round_robin',
        considered: reps.length,
        skipped: [],
        why: `no rule matched; next in turn among ${reps.length} eligible`,
      });
      // The hand-over is an ordinary `assign` in the ownership history, with the reason.
      const history = await historyOf(org.admin, 'leads', lead.id);
      expect(history).toEqual([
        expect.objectContaining({
          action: 'assign',
          toOwnerId: result.assignment.userId,
          actorId: org.ids.admin,
          reason: `auto: ${result.assignment.explanation.why}`,
        }),
      ]);
      const log = await org.admin.get<{ items: AssignResult['assignment'][] }>(
        `/api/v1/leads/${lead.id}/assignment-log`,
      );
      expect(log.body.items).toEqual([result.assignment]);
    }
    // Every rep once, then the first again: nobody is skipped or served twice.
    expect(new Set(owners.slice(0, reps.length))).toEqual(new Set(reps));
    expect(owners[reps.length]).toBe(owners[0]);
  });

  it('skips a rep on leave until they are back', async () => {
    await patchUser(org.admin, org.ids.rep1, {
      awayUntil: new Date(clock.now().getTime() + 2 * DAY).toISOString(),
    });
    const owners = new Set<string>();
    for (let i = 0; i < reps.length; i++) {
      const result = await assigned((await pooledLead(org, org.defaultPoolId)).id);
      owners.add(result.lead.ownerId ?? '');
      expect(result.assignment.explanation.skipped).toEqual([
        { userId: org.ids.rep1, why: 'away' },
      ]);
    }
    expect(owners.has(org.ids.rep1)).toBe(false);
    clock.advance(2 * DAY);
    const back = await assigned((await pooledLead(org, org.defaultPoolId)).id);
    expect(back.assignment.explanation.skipped).toEqual([]);
    // rep1 waited longest while away: first in line once back.
    expect(back.lead.ownerId).toBe(org.ids.rep1);
  });

  it('weighs spare capacity (capacity minus open leads) when the tenant says so', async () => {
    await setTenantSettings(org.admin, { assignmentStrategy: 'capacity' });
    const load = async (userId: string) =>
      (await org.admin.get<{ items: unknown[] }>(`/api/v1/leads?ownerId=${userId}&limit=200`)).body
        .items.length;
    // Give rep2 far more room than anyone else; rep1 is full.
    await patchUser(org.admin, org.ids.rep1, { capacity: await load(org.ids.rep1) });
    await patchUser(org.admin, org.ids.rep2, { capacity: (await load(org.ids.rep2)) + 2 });
    for (const id of [org.ids.northRep, org.ids.supportRep])
      await patchUser(org.admin, id, { capacity: (await load(id)) + 1 });
    const first = await assigned((await pooledLead(org, org.defaultPoolId)).id);
    expect(first.lead.ownerId).toBe(org.ids.rep2);
    expect(first.assignment.explanation).toMatchObject({
      strategy: 'capacity',
      skipped: [{ userId: org.ids.rep1, why: 'at_capacity' }],
    });
    expect(first.assignment.explanation.why).toContain('most spare capacity');
    // Now rep2, northRep and supportRep have one place each: the tie goes by id, then
    // each is full in turn and, at the end, nobody has room.
    const next = new Set<string>();
    for (let i = 0; i < 3; i++)
      next.add((await assigned((await pooledLead(org, org.defaultPoolId)).id)).lead.ownerId ?? '');
    expect(next).toEqual(new Set([org.ids.rep2, org.ids.northRep, org.ids.supportRep]));
    const lead = await pooledLead(org, org.defaultPoolId);
    const none = await autoAssign(org.admin, lead.id);
    expect(none.status).toBe(409);
    const problem = none.body as unknown as Problem & { explanation: Explanation };
    expect(problem.code).toBe('no_eligible_assignee');
    expect(problem.explanation).toMatchObject({
      rule: null,
      why: 'no rule matched; nobody eligible',
    });
    expect(problem.explanation.skipped.map((s) => s.why)).toEqual(reps.map(() => 'at_capacity'));
    // Nothing moved and nothing was logged.
    expect((await org.admin.get<Held>(`/api/v1/leads/${lead.id}`)).body.poolId).toBe(
      org.defaultPoolId,
    );
    expect(
      (await org.admin.get<{ items: unknown[] }>(`/api/v1/leads/${lead.id}/assignment-log`)).body
        .items,
    ).toEqual([]);
    for (const id of reps) await patchUser(org.admin, id, { capacity: null });
    await setTenantSettings(org.admin, { assignmentStrategy: 'round_robin' });
  });

  describe('routing rules', () => {
    beforeAll(async () => {
      await setRules([
        {
          name: 'North region',
          when: { region: ['华北'] },
          userIds: [org.ids.northRep],
          strategy: 'round_robin',
        },
        {
          name: 'East factories',
          when: { region: ['华东'], industry: ['manufacturing'], size: ['large', 'enterprise'] },
          userIds: [org.ids.rep1, org.ids.rep2],
          strategy: 'round_robin',
        },
        {
          name: 'Partner referrals',
          when: { source: ['partner'] },
          userIds: [org.ids.supportRep],
          strategy: 'round_robin',
        },
        {
          name: 'English speakers',
          when: { language: ['en'] },
          userIds: [org.ids.rep1, org.ids.rep2, org.ids.northRep],
          strategy: 'capacity',
        },
        {
          name: 'Switched off',
          when: {},
          userIds: [org.ids.supportRep],
          strategy: 'round_robin',
          active: false,
        },
      ]);
    });

    it('keeps the routing table in order, for lead staff only', async () => {
      const rules = await org.admin.get<{ items: { name: string; position: number }[] }>(
        '/api/v1/assignment-rules',
      );
      expect(rules.body.items.map((rule) => [rule.position, rule.name])).toEqual([
        [0, 'North region'],
        [1, 'East factories'],
        [2, 'Partner referrals'],
        [3, 'English speakers'],
        [4, 'Switched off'],
      ]);
      expect((await org.as('leadOps').get('/api/v1/assignment-rules')).status).toBe(200);
      expect((await org.as('rep1').get('/api/v1/assignment-rules')).status).toBe(403);
      const byRep = await org.as('eastManager').request('PUT', '/api/v1/assignment-rules', {
        rules: [],
      });
      expect(byRep.status).toBe(403);
    });

    it.each([
      ['region', { region: '华北' }, 'North region', 'northRep'],
      ['source', { source: 'partner' }, 'Partner referrals', 'supportRep'],
    ] as const)('routes by %s', async (_trait, traits, ruleName, person) => {
      const result = await assigned((await pooledLead(org, org.defaultPoolId, traits)).id);
      expect(result.lead.ownerId).toBe(org.ids[person]);
      expect(result.assignment.explanation).toMatchObject({ rule: ruleName, considered: 1 });
      expect(result.assignment.explanation.why).toBe(
        `rule "${ruleName}"; next in turn among 1 eligible`,
      );
    });

    it('routes by region, industry and size together, in turn among the rule’s reps', async () => {
      const traits = { region: '华东', industry: 'manufacturing', size: 'enterprise' };
      const owners = new Set<string>();
      for (let i = 0; i < 2; i++) {
        const result = await assigned((await pooledLead(org, org.defaultPoolId, traits)).id);
        owners.add(result.lead.ownerId ?? '');
        expect(result.assignment.explanation.rule).toBe('East factories');
      }
      expect(owners).toEqual(new Set([org.ids.rep1, org.ids.rep2]));
      // A small East factory matches no rule (the switched-off catch-all does not count).
      const small = await assigned(
        (await pooledLead(org, org.defaultPoolId, { ...traits, size: 'small' })).id,
      );
      expect(small.assignment.explanation.rule).toBeNull();
    });

    it('routes by language, and skips reps who do not speak it', async () => {
      await patchUser(org.admin, org.ids.rep1, { languages: ['zh'] });
      await patchUser(org.admin, org.ids.rep2, { languages: ['zh', 'en'] });
      const result = await assigned(
        (await pooledLead(org, org.defaultPoolId, { language: 'en' })).id,
      );
      expect(result.assignment.explanation.rule).toBe('English speakers');
      expect(result.assignment.explanation.skipped).toEqual([
        { userId: org.ids.rep1, why: 'language' },
      ]);
      expect([org.ids.rep2, org.ids.northRep]).toContain(result.lead.ownerId);
    });

    it('refuses with no_eligible_assignee, translated, when the rule’s reps are all away', async () => {
      await patchUser(org.admin, org.ids.northRep, {
        awayUntil: new Date(clock.now().getTime() + 5 * DAY).toISOString(),
      });
      const lead = await pooledLead(org, org.defaultPoolId, { region: '华北' });
      const zhAdmin = org.admin;
      const response = await zhAdmin.post<Problem & { explanation: Explanation }>(
        `/api/v1/leads/${lead.id}/auto-assign`,
        { version: lead.version },
        { headers: { 'accept-language': 'zh-CN' } },
      );
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('no_eligible_assignee');
      expect(response.body.detail).toBe(
        '当前没有可分配的销售（均休假、已满负荷或不匹配），详见说明。',
      );
      expect(response.body.explanation).toEqual({
        rule: 'North region',
        strategy: 'round_robin',
        considered: 1,
        skipped: [{ userId: org.ids.northRep, why: 'away' }],
        why: 'rule "North region"; nobody eligible',
      });
      await patchUser(org.admin, org.ids.northRep, { awayUntil: null });
    });

    it('refuses reps that are unknown or another tenant’s, and changes nothing', async () => {
      const other = await createTestTenant(server);
      const foreign = await created<{ id: string }>(
        other.client.post('/api/v1/users', {
          email: `x@${other.tenant.slug}.test`,
          name: 'X',
          role: 'rep',
        }),
      );
      const response = await org.admin.request('PUT', '/api/v1/assignment-rules', {
        rules: [
          { name: 'A', when: {}, userIds: [org.ids.rep1], strategy: 'round_robin' },
          { name: 'B', when: {}, userIds: [org.ids.rep2, foreign.id], strategy: 'capacity' },
        ],
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'reference_not_found',
        errors: [{ path: 'rules.1.userIds.1', code: 'reference_not_found' }],
      });
      const rules = await org.admin.get<{ items: unknown[] }>('/api/v1/assignment-rules');
      expect(rules.body.items).toHaveLength(5);
    });
  });

  // The choice, the hand-over, the round-robin bookkeeping and the log are one transaction:
  // when the pool refuses the hand-over, none of them happened.
  it('leaves no trace when the pool rules refuse the chosen rep', async () => {
    const closed = await created<{ id: string }>(
      org.admin.post('/api/v1/pools', { name: '冻结公海', rules: { claimLimit: 0 } }),
    );
    const lead = await pooledLead(org, closed.id);
    const before = await org.admin.get<{ items: { id: string; lastAssignedAt: string | null }[] }>(
      '/api/v1/users?limit=200',
    );
    const response = await autoAssign(org.admin, lead.id);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'ownership_refused',
      errors: [{ code: 'claim_limit_reached' }],
    });
    const after = await org.admin.get<typeof before.body>('/api/v1/users?limit=200');
    expect(after.body.items.map((u) => [u.id, u.lastAssignedAt])).toEqual(
      before.body.items.map((u) => [u.id, u.lastAssignedAt]),
    );
    expect(
      (await org.admin.get<{ items: unknown[] }>(`/api/v1/leads/${lead.id}/assignment-log`)).body
        .items,
    ).toEqual([]);
    expect(await historyOf(org.admin, 'leads', lead.id)).toEqual([]);
    expect((await org.admin.get<Held>(`/api/v1/leads/${lead.id}`)).body).toMatchObject({
      poolId: closed.id,
      ownerId: null,
    });
  });

  it('is for lead staff, and a lead nobody may see is not found', async () => {
    const mine = await created<Held>(
      org.admin.post('/api/v1/leads', { name: '私有', source: 'event', ownerId: org.ids.rep1 }),
    );
    expect((await autoAssign(org.as('rep1'), mine.id)).status).toBe(403);
    expect((await autoAssign(org.as('eastManager'), mine.id)).status).toBe(403);
    const byOps = await autoAssign(org.as('leadOps'), mine.id);
    expect(byOps.status, JSON.stringify(byOps.body)).toBe(200);
    const owner = byOps.body.lead.ownerId;
    const outsider = owner === org.ids.supportRep ? 'rep2' : 'supportRep';
    const log = await org.as(outsider).get(`/api/v1/leads/${mine.id}/assignment-log`);
    expect(log.status).toBe(404);
  });
});
