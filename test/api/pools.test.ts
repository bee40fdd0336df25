import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { createOrg, DAY, historyOf, move, pooledLead } from '../support/pools.js';
import type { Held, Org, Problem } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { tokenClient } from '../support/stalled.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Public and private pools (公海 / 私海) over the API: every flow with its ownership-history
 * entry, and each pool rule (members, claim limit, re-claim cooldown, transfer scope)
 * refusing with 409 ownership_refused and a translated reason, writing nothing.
 */
describe.each(dialectsUnderTest())('pools and ownership ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-11-02T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let org: Org;
  /** The East team's pool: East members only, two records each, 3 days' cooldown. */
  let eastPool: { id: string; version: number };

  const refusal = (response: { status: number; body: unknown }) => {
    const problem = response.body as Problem;
    return { status: response.status, code: problem.code, reason: problem.errors?.[0]?.code };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    org = await createOrg(server, t);
    eastPool = await created(
      org.admin.post('/api/v1/pools', {
        name: '华东公海',
        teamId: org.teams.east,
        rules: {
          claimLimit: 2,
          reclaimCooldownDays: 3,
          memberTeamIds: [org.teams.east],
          transferScope: 'team',
        },
      }),
    );
  });
  afterAll(async () => server?.close());

  it('claims a lead for yourself: owner set, pool left, follow-up clock started, history kept', async () => {
    const lead = await pooledLead(org, eastPool.id);
    const claimed = await move(org.as('rep1'), 'leads', lead.id, {
      action: 'claim',
      reason: '客户来电',
    });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    const now = clock.now().toISOString();
    expect(claimed.body).toMatchObject({
      ownerId: org.ids.rep1,
      poolId: null,
      lifecycle: 'active',
      ownedSince: now,
      deadlineAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      deadlineLevel: 0,
      version: lead.version + 1,
    });
    expect(await historyOf(org.as('rep1'), 'leads', lead.id)).toEqual([
      expect.objectContaining({
        action: 'claim',
        fromOwnerId: null,
        toOwnerId: org.ids.rep1,
        fromPoolId: eastPool.id,
        toPoolId: null,
        fromLifecycle: 'active',
        toLifecycle: 'active',
        reason: '客户来电',
        actorId: org.ids.rep1,
        at: now,
      }),
    ]);
  });

  it('refuses a claim by someone outside the pool’s member teams, whatever pool they name', async () => {
    const lead = await pooledLead(org, eastPool.id);
    const response = await move(org.as('northRep'), 'leads', lead.id, { action: 'claim' });
    expect(refusal(response)).toEqual({
      status: 409,
      code: 'ownership_refused',
      reason: 'not_pool_member',
    });
    // Naming a laxer pool does not change whose rules apply: those of the pool it sits in.
    const lax = await move(org.as('northRep'), 'leads', lead.id, {
      action: 'claim',
      toPoolId: org.defaultPoolId,
    });
    expect(refusal(lax).reason).toBe('not_pool_member');
    expect(await historyOf(org.admin, 'leads', lead.id)).toEqual([]);
    const after = await org.admin.get<Held>(`/api/v1/leads/${lead.id}`);
    expect(after.body).toMatchObject({ poolId: eastPool.id, ownerId: null, version: lead.version });
  });

  // Two reps grab the same lead at the same moment: the version guard lets exactly one win.
  it('gives a lead claimed twice at once to one rep, with one history entry', async () => {
    const lead = await pooledLead(org, eastPool.id);
    const claim = (person: 'rep1' | 'eastManager') =>
      org.as(person).post<Held & Partial<Problem>>(`/api/v1/leads/${lead.id}/ownership`, {
        version: lead.version,
        action: 'claim',
        reason: '抢单',
      });
    const results = await Promise.all([claim('rep1'), claim('eastManager')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('version_conflict');
    const winner = results.find((r) => r.status === 200)?.body.ownerId;
    const history = await historyOf(org.admin, 'leads', lead.id);
    expect(history.map((entry) => entry.toOwnerId)).toEqual([winner]);
    // Back to the pool, so the claim-limit counts below start from what they expect.
    expect((await move(org.admin, 'leads', lead.id, { action: 'release' })).status).toBe(200);
  });

  it('says why in the reader’s language', async () => {
    const lead = await pooledLead(org, eastPool.id);
    const zh = await tokenClient(server, `northrep@${t.tenant.slug}.test`, 'zh-CN');
    const response = await move(zh, 'leads', lead.id, { action: 'claim' });
    const body = response.body as Problem;
    expect(body.detail).toBe('公海规则不允许此操作（原因见 errors）。');
    expect(body.errors).toEqual([
      { path: 'action', code: 'not_pool_member', message: '不在该公海的可领取范围内' },
    ]);
    const en = await move(org.as('northRep'), 'leads', lead.id, { action: 'claim' });
    expect((en.body as Problem).errors?.[0]?.message).toBe(
      'the new owner may not claim from this pool',
    );
  });

  it('stops a rep at the claim limit', async () => {
    const leads = [
      await pooledLead(org, eastPool.id),
      await pooledLead(org, eastPool.id),
      await pooledLead(org, eastPool.id),
    ];
    for (const lead of leads.slice(0, 2))
      expect((await move(org.as('rep2'), 'leads', lead.id, { action: 'claim' })).status).toBe(200);
    const third = await move(org.as('rep2'), 'leads', leads[2]?.id ?? '', { action: 'claim' });
    expect(refusal(third)).toEqual({
      status: 409,
      code: 'ownership_refused',
      reason: 'claim_limit_reached',
    });
    // Staff cannot push a record past the limit either.
    const assigned = await move(org.admin, 'leads', leads[2]?.id ?? '', {
      action: 'assign',
      toUserId: org.ids.rep2,
    });
    expect(refusal(assigned).reason).toBe('claim_limit_reached');
    // Giving one back frees a place.
    expect(
      (await move(org.as('rep2'), 'leads', leads[0]?.id ?? '', { action: 'release' })).status,
    ).toBe(200);
    expect(
      (await move(org.as('rep2'), 'leads', leads[2]?.id ?? '', { action: 'claim' })).status,
    ).toBe(200);
  });

  it('releases to the owner’s home pool and holds back a re-claim until the cooldown ends', async () => {
    const lead = await pooledLead(org, eastPool.id);
    expect((await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' })).status).toBe(200);
    const released = await move(org.as('rep1'), 'leads', lead.id, {
      action: 'release',
      reason: '暂无需求',
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({
      ownerId: null,
      poolId: eastPool.id,
      ownedSince: null,
      deadlineAt: null,
      deadlineLevel: 0,
    });
    const again = await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' });
    expect(refusal(again).reason).toBe('reclaim_cooldown');
    // The cooldown is the releasing rep's alone: a colleague may take it at once.
    clock.advance(3 * DAY - 1);
    expect(refusal(await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' })).reason).toBe(
      'reclaim_cooldown',
    );
    clock.advance(1);
    expect((await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' })).status).toBe(200);
    const history = await historyOf(org.as('rep1'), 'leads', lead.id);
    expect(history.map((entry) => [entry.action, entry.fromOwnerId, entry.toPoolId])).toEqual([
      ['claim', null, null],
      ['release', org.ids.rep1, eastPool.id],
      ['claim', null, null],
    ]);
    expect(history[1]?.reason).toBe('暂无需求');
    // Free rep1's places for the tests that follow.
    expect((await move(org.as('rep1'), 'leads', lead.id, { action: 'release' })).status).toBe(200);
  });

  it('releases to a named pool', async () => {
    const lead = await pooledLead(org, eastPool.id);
    expect((await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' })).status).toBe(200);
    const released = await move(org.as('rep1'), 'leads', lead.id, {
      action: 'release',
      toPoolId: org.defaultPoolId,
    });
    expect(released.body).toMatchObject({ ownerId: null, poolId: org.defaultPoolId });
  });

  describe('transfers and their scope', () => {
    let leadId = '';

    beforeAll(async () => {
      const lead = await created<Held>(
        org.admin.post('/api/v1/leads', {
          name: '转移测试',
          source: 'event',
          ownerId: org.ids.rep1,
        }),
      );
      leadId = lead.id;
    });

    const setScope = async (transferScope: string) => {
      const pool = await org.admin.get<{ version: number }>(`/api/v1/pools/${eastPool.id}`);
      const response = await org.admin.patch(`/api/v1/pools/${eastPool.id}`, {
        version: pool.body.version,
        rules: { transferScope, claimLimit: null },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };

    it('hands a record over within the team when the scope is the team', async () => {
      await setScope('team');
      const outside = await move(org.admin, 'leads', leadId, {
        action: 'transfer',
        toUserId: org.ids.northRep,
      });
      expect(refusal(outside)).toEqual({
        status: 409,
        code: 'ownership_refused',
        reason: 'outside_transfer_scope',
      });
      // A manager moves work inside the team they run.
      const inside = await move(org.as('eastManager'), 'leads', leadId, {
        action: 'transfer',
        toUserId: org.ids.rep2,
        reason: '休产假交接',
      });
      expect(inside.status, JSON.stringify(inside.body)).toBe(200);
      expect(inside.body.ownerId).toBe(org.ids.rep2);
      const last = (await historyOf(org.admin, 'leads', leadId)).at(-1);
      expect(last).toMatchObject({
        action: 'transfer',
        fromOwnerId: org.ids.rep1,
        toOwnerId: org.ids.rep2,
        fromPoolId: null,
        toPoolId: null,
        actorId: org.ids.eastManager,
        reason: '休产假交接',
      });
    });

    it('reaches sister teams with the department scope, but not another department', async () => {
      await setScope('department');
      const north = await move(org.admin, 'leads', leadId, {
        action: 'transfer',
        toUserId: org.ids.northRep,
      });
      expect(north.status, JSON.stringify(north.body)).toBe(200);
      // Back to East (a North owner's home pool is the company pool, whose scope is company).
      expect(
        (await move(org.admin, 'leads', leadId, { action: 'transfer', toUserId: org.ids.rep1 }))
          .status,
      ).toBe(200);
      const support = await move(org.admin, 'leads', leadId, {
        action: 'transfer',
        toUserId: org.ids.supportRep,
      });
      expect(refusal(support).reason).toBe('outside_transfer_scope');
    });

    it('goes anywhere with the company scope', async () => {
      await setScope('company');
      const support = await move(org.admin, 'leads', leadId, {
        action: 'transfer',
        toUserId: org.ids.supportRep,
      });
      expect(support.status, JSON.stringify(support.body)).toBe(200);
      expect(support.body.ownerId).toBe(org.ids.supportRep);
    });

    it('lets no rep hand their records to a colleague, and no manager outside their team', async () => {
      const lead = await created<Held>(
        org.admin.post('/api/v1/leads', { name: '自有', source: 'event', ownerId: org.ids.rep1 }),
      );
      const byRep = await move(org.as('rep1'), 'leads', lead.id, {
        action: 'transfer',
        toUserId: org.ids.rep2,
      });
      expect(byRep.status).toBe(403);
      expect((byRep.body as Problem).code).toBe('forbidden');
      const byManager = await move(org.as('eastManager'), 'leads', lead.id, {
        action: 'transfer',
        toUserId: org.ids.northRep,
      });
      expect(byManager.status).toBe(403);
    });
  });

  it('archives to dormant, re-activates, archives again and eliminates, with history', async () => {
    const lead = await pooledLead(org, eastPool.id);
    const wakeUp = new Date(clock.now().getTime() + 60 * DAY).toISOString();
    const archived = await move(org.as('leadOps'), 'leads', lead.id, {
      action: 'archive',
      reason: '明年预算',
      reactivateAt: wakeUp,
    });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect(archived.body).toMatchObject({
      lifecycle: 'dormant',
      ownerId: null,
      poolId: eastPool.id,
      deadlineAt: wakeUp,
    });
    // A dormant record rests: nobody claims it or has it assigned.
    expect(refusal(await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' })).reason).toBe(
      'not_in_pool',
    );
    expect(
      refusal(await move(org.admin, 'leads', lead.id, { action: 'assign', toUserId: org.ids.rep1 }))
        .reason,
    ).toBe('not_active');
    const back = await move(org.as('leadOps'), 'leads', lead.id, {
      action: 'reactivate',
      toPoolId: org.defaultPoolId,
    });
    expect(back.body).toMatchObject({ lifecycle: 'active', poolId: org.defaultPoolId });
    expect((await move(org.admin, 'leads', lead.id, { action: 'archive' })).status).toBe(200);
    const out = await move(org.as('eastManager'), 'leads', lead.id, {
      action: 'eliminate',
      reason: '公司已注销',
    });
    expect(out.body).toMatchObject({ lifecycle: 'eliminated', ownerId: null });
    expect(refusal(await move(org.admin, 'leads', lead.id, { action: 'reactivate' })).reason).toBe(
      'not_dormant',
    );
    expect(
      (await historyOf(org.admin, 'leads', lead.id)).map((e) => [
        e.action,
        e.fromLifecycle,
        e.toLifecycle,
      ]),
    ).toEqual([
      ['archive', 'active', 'dormant'],
      ['reactivate', 'dormant', 'active'],
      ['archive', 'active', 'dormant'],
      ['eliminate', 'dormant', 'eliminated'],
    ]);
  });

  it('keeps archiving, re-activating and eliminating for staff', async () => {
    const lead = await pooledLead(org, eastPool.id);
    for (const action of ['archive', 'reactivate', 'eliminate']) {
      const response = await move(org.as('rep1'), 'leads', lead.id, { action });
      expect(response.status, action).toBe(403);
    }
  });

  it('answers 404 for records the caller cannot see, before any rule', async () => {
    const lead = await created<Held>(
      org.admin.post('/api/v1/leads', { name: '私有', source: 'event', ownerId: org.ids.rep1 }),
    );
    const release = await move(org.as('rep2'), 'leads', lead.id, { action: 'release' }, org.admin);
    expect(release.status).toBe(404);
    const claim = await move(org.as('northRep'), 'leads', lead.id, { action: 'claim' }, org.admin);
    expect(claim.status).toBe(404);
    const history = await org.as('rep2').get(`/api/v1/leads/${lead.id}/ownership-history`);
    expect(history.status).toBe(404);
    // The manager of the owner's team sees it, and may release it on their behalf.
    const byManager = await move(org.as('eastManager'), 'leads', lead.id, { action: 'release' });
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200);
    expect(byManager.body.poolId).toBe(eastPool.id);
  });

  it('refuses requests that are wrong rather than against the rules', async () => {
    const lead = await pooledLead(org, eastPool.id);
    const stale = await org.as('rep1').post(`/api/v1/leads/${lead.id}/ownership`, {
      version: lead.version + 5,
      action: 'claim',
      reason: 'x',
    });
    expect(stale.status).toBe(409);
    expect((stale.body as Problem).code).toBe('version_conflict');
    const forOthers = await move(org.as('rep1'), 'leads', lead.id, {
      action: 'claim',
      toUserId: org.ids.rep2,
    });
    expect(forOthers.status).toBe(403);
    // Assigning to yourself would skip the claim rules: reps claim instead.
    const selfAssign = await move(org.as('northRep'), 'leads', lead.id, {
      action: 'assign',
      toUserId: org.ids.northRep,
    });
    expect(selfAssign.status).toBe(403);
    const noTarget = await move(org.admin, 'leads', lead.id, { action: 'assign' });
    expect(noTarget.status).toBe(400);
    expect((noTarget.body as Problem).errors?.[0]).toMatchObject({
      path: 'toUserId',
      code: 'required',
    });
    const noReason = await org.admin.post(`/api/v1/leads/${lead.id}/ownership`, {
      version: lead.version,
      action: 'claim',
    });
    expect(noReason.status).toBe(400);
    const recycle = await move(org.admin, 'leads', lead.id, { action: 'recycle' });
    expect(recycle.status).toBe(400);
    expect(await historyOf(org.admin, 'leads', lead.id)).toEqual([]);
  });

  it('never gives a record to a disabled user', async () => {
    const leaver = await created<{ id: string; version: number }>(
      org.admin.post('/api/v1/users', {
        email: `leaver@${t.tenant.slug}.test`,
        name: 'Leaver',
        role: 'rep',
        teamId: org.teams.east,
      }),
    );
    const disabled = await org.admin.post(`/api/v1/users/${leaver.id}/disable`, {
      version: leaver.version,
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    const lead = await pooledLead(org, eastPool.id);
    const response = await move(org.admin, 'leads', lead.id, {
      action: 'assign',
      toUserId: leaver.id,
    });
    expect(response.status).toBe(422);
    expect((response.body as Problem).code).toBe('reference_not_found');
  });

  describe('accounts', () => {
    it('flows between pool and owner like leads, with their own history', async () => {
      const account = await created<Held>(
        org.admin.post('/api/v1/accounts', { name: '远景科技', poolId: eastPool.id }),
      );
      const claimed = await move(org.as('rep2'), 'accounts', account.id, { action: 'claim' });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      expect(claimed.body).toMatchObject({ ownerId: org.ids.rep2, poolId: null });
      const released = await move(org.as('rep2'), 'accounts', account.id, { action: 'release' });
      expect(released.body).toMatchObject({ ownerId: null, poolId: eastPool.id });
      expect(
        (await historyOf(org.admin, 'accounts', account.id)).map((entry) => entry.action),
      ).toEqual(['claim', 'release']);
      // An account's history is not a lead's.
      expect((await org.admin.get(`/api/v1/leads/${account.id}/ownership-history`)).status).toBe(
        404,
      );
    });

    it('does not hand out an account in a silence period', async () => {
      const until = new Date(clock.now().getTime() + 30 * DAY).toISOString();
      const account = await created<Held>(
        org.admin.post('/api/v1/accounts', {
          name: '静默客户',
          poolId: eastPool.id,
          silenceUntil: until,
        }),
      );
      const claim = await move(org.as('rep1'), 'accounts', account.id, { action: 'claim' });
      expect(claim.status).toBe(409);
      expect((claim.body as Problem).code).toBe('silenced');
      expect((claim.body as Problem).detail).toContain(until);
      const assign = await move(org.admin, 'accounts', account.id, {
        action: 'assign',
        toUserId: org.ids.rep1,
      });
      expect((assign.body as Problem).code).toBe('silenced');
    });

    // Customers who bought are kept, not hoarded: with the rule on, they do not count.
    it('leaves won customers out of the claim limit when the pool says so', async () => {
      const pool = await created<{ id: string; version: number }>(
        org.admin.post('/api/v1/pools', {
          name: '客户公海',
          rules: { claimLimit: 1, claimLimitExcludesWon: true, memberTeamIds: [] },
        }),
      );
      const customer = await created<Held>(
        org.admin.post('/api/v1/accounts', { name: '老客户', ownerId: org.ids.northRep }),
      );
      // An ungated pipeline: winning here is about the customer, not the sales method.
      await createUngatedDefaultPipeline(org.admin);
      const deal = await created<{ id: string; version: number }>(
        org.admin.post('/api/v1/opportunities', {
          name: '首单',
          accountId: customer.id,
          ownerId: org.ids.northRep,
        }),
      );
      const won = await org.admin.post(`/api/v1/opportunities/${deal.id}/close`, {
        version: deal.version,
        outcome: 'won',
        reasons: ['price'],
      });
      expect(won.status, JSON.stringify(won.body)).toBe(200);
      const prospect = await created<Held>(
        org.admin.post('/api/v1/accounts', { name: '新客户', poolId: pool.id }),
      );
      const claimed = await move(org.as('northRep'), 'accounts', prospect.id, { action: 'claim' });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      // Now one prospect held: the next claim is refused…
      const next = await created<Held>(
        org.admin.post('/api/v1/accounts', { name: '再一个', poolId: pool.id }),
      );
      expect(
        refusal(await move(org.as('northRep'), 'accounts', next.id, { action: 'claim' })).reason,
      ).toBe('claim_limit_reached');
      // …and with the rule off, the customer counts too (so even an empty slot is gone).
      const current = await org.admin.get<{ version: number }>(`/api/v1/pools/${pool.id}`);
      await org.admin.patch(`/api/v1/pools/${pool.id}`, {
        version: current.body.version,
        rules: { claimLimit: 2, claimLimitExcludesWon: false },
      });
      expect(
        refusal(await move(org.as('northRep'), 'accounts', next.id, { action: 'claim' })).reason,
      ).toBe('claim_limit_reached');
    });
  });

  describe('pool rules', () => {
    it('refuses member teams that are unknown or another tenant’s', async () => {
      const other = await createTestTenant(server);
      const foreignTeam = await created<{ id: string }>(
        other.client.post('/api/v1/teams', { name: 'Elsewhere' }),
      );
      for (const teamId of [foreignTeam.id, '00000000-0000-7000-8000-000000000000']) {
        const response = await org.admin.post('/api/v1/pools', {
          name: '错误公海',
          rules: { memberTeamIds: [org.teams.east, teamId] },
        });
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({
          code: 'reference_not_found',
          errors: [{ path: 'rules.memberTeamIds.1', code: 'reference_not_found' }],
        });
      }
      const patch = await org.admin.patch(`/api/v1/pools/${eastPool.id}`, {
        version: (await org.admin.get<{ version: number }>(`/api/v1/pools/${eastPool.id}`)).body
          .version,
        rules: { memberTeamIds: [foreignTeam.id] },
      });
      expect(patch.status).toBe(422);
      const pool = await org.admin.get<{ rules: { memberTeamIds: string[] } }>(
        `/api/v1/pools/${eastPool.id}`,
      );
      expect(pool.body.rules.memberTeamIds).toEqual([org.teams.east]);
    });

    it('lets only admins change a pool’s rules', async () => {
      const pool = await org.admin.get<{ version: number }>(`/api/v1/pools/${eastPool.id}`);
      const response = await org.as('eastManager').patch(`/api/v1/pools/${eastPool.id}`, {
        version: pool.body.version,
        rules: { claimLimit: null },
      });
      expect(response.status).toBe(403);
    });
  });
});
