import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeadlineSweep } from '../../src/app/deadline-sweep.service.js';
import { jobRuns } from '../../src/app/jobs.service.js';
import { runReactivationSweep } from '../../src/app/reactivation-sweep.service.js';
import { workOnce } from '../../src/jobs/worker.js';
import type { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { createOrg, DAY, historyOf, move, pooledLead } from '../support/pools.js';
import type { Held, Org } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { tokenClient } from '../support/stalled.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface NotificationView {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  message: string;
  facts: Record<string, unknown>;
  readAt: string | null;
}

interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}

/**
 * Follow-up deadlines over simulated time, run the way production runs them (the job
 * worker): a missed deadline tells the owner, then the manager, then hands a lead or
 * customer back to the public pool; a follow-up restarts the clock; deals are chased but
 * never recycled; silenced customers wait; dormant records come back on their date. Every
 * step happens once however often the sweep runs.
 */
describe.each(dialectsUnderTest())('deadline and re-activation sweeps ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-11-02T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let org: Org;

  const inbox = async (client: ApiClient, query = '') => {
    const response = await client.get<NotificationPage>(`/api/v1/notifications${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const about = (page: NotificationPage, id: string) =>
    page.items.filter((item) => item.subjectId === id).map((item) => item.kind);
  const lead = (id: string) => org.admin.get<Held>(`/api/v1/leads/${id}`);
  /** What production does: the worker's pass creates this slot's run and runs it. */
  const pass = () => workOnce(server.runtime.ctx, { workerId: 'test-worker' });
  const ownedLead = (name: string, owner = org.ids.rep1) =>
    created<Held>(org.admin.post('/api/v1/leads', { name, source: 'website', ownerId: owner }));

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    org = await createOrg(server, t);
  });
  afterAll(async () => server?.close());

  it('notifies the owner, then the manager, then recycles the lead to the public pool', async () => {
    const taken = await ownedLead('华东钢铁');
    expect(taken.deadlineAt).toBe(new Date(clock.now().getTime() + 7 * DAY).toISOString());

    clock.advance(7 * DAY + 60_000);
    const first = await pass();
    expect(first.filter((r) => r.job.kind === 'deadline_sweep' && r.ok)).toHaveLength(1);
    expect((await lead(taken.id)).body.deadlineLevel).toBe(1);
    const rep = await inbox(org.as('rep1'));
    expect(about(rep, taken.id)).toEqual(['follow_up_due']);
    expect(rep.items[0]?.message).toContain('华东钢铁');
    expect(about(await inbox(org.as('eastManager')), taken.id)).toEqual([]);

    // Escalation: two days late, the manager of the owner's team hears about it.
    clock.advance(2 * DAY);
    await pass();
    expect((await lead(taken.id)).body.deadlineLevel).toBe(2);
    const manager = await inbox(org.as('eastManager'));
    expect(about(manager, taken.id)).toEqual(['follow_up_escalated']);
    expect(manager.items.find((i) => i.subjectId === taken.id)?.message).toContain('rep1');
    expect(about(await inbox(org.as('rep1')), taken.id)).toEqual(['follow_up_due']);

    // Five days late the lead goes back to the pool, with the reason in its history.
    clock.advance(3 * DAY);
    await pass();
    const back = (await lead(taken.id)).body;
    expect(back).toMatchObject({
      ownerId: null,
      poolId: org.defaultPoolId,
      lifecycle: 'active',
      deadlineAt: null,
      deadlineLevel: 0,
    });
    const history = await historyOf(org.admin, 'leads', taken.id);
    expect(history.at(-1)).toMatchObject({
      action: 'recycle',
      fromOwnerId: org.ids.rep1,
      toOwnerId: null,
      toPoolId: org.defaultPoolId,
      actorId: null,
    });
    expect(history.at(-1)?.reason).toContain('follow-up deadline');
    expect(about(await inbox(org.as('rep1')), taken.id)).toEqual(['recycled', 'follow_up_due']);

    // Running again, at once or later, does nothing more.
    const again = await runDeadlineSweep(server.runtime.ctx, t.tenant.id, { runId: 'again' });
    expect(again.leads).toMatchObject({ notified: 0, escalated: 0, recycled: 0 });
    expect(about(await inbox(org.as('rep1')), taken.id)).toHaveLength(2);
    expect(await historyOf(org.admin, 'leads', taken.id)).toHaveLength(history.length);
  });

  it('does everything due at once when the sweep ran late, and tells each person once', async () => {
    const taken = await ownedLead('Late sweep Ltd');
    clock.advance(30 * DAY);
    const result = await runDeadlineSweep(server.runtime.ctx, t.tenant.id, { runId: 'late' });
    expect(result.leads.recycled).toBeGreaterThanOrEqual(1);
    expect(about(await inbox(org.as('rep1')), taken.id).sort()).toEqual([
      'follow_up_due',
      'recycled',
    ]);
    expect(about(await inbox(org.as('eastManager')), taken.id)).toEqual(['follow_up_escalated']);
  });

  it('restarts the clock when the owner follows up, so nothing is sent', async () => {
    const taken = await ownedLead('Followed up Co');
    clock.advance(6 * DAY);
    const call = await org.as('rep1').post('/api/v1/activities', {
      type: 'call',
      subject: '电话沟通',
      leadId: taken.id,
      occurredAt: clock.now().toISOString(),
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const after = (await lead(taken.id)).body;
    expect(after.deadlineAt).toBe(new Date(clock.now().getTime() + 7 * DAY).toISOString());
    clock.advance(3 * DAY);
    await runDeadlineSweep(server.runtime.ctx, t.tenant.id, { runId: 'followed' });
    expect(about(await inbox(org.as('rep1')), taken.id)).toEqual([]);
    expect((await lead(taken.id)).body).toMatchObject({ ownerId: org.ids.rep1, deadlineLevel: 0 });
  });

  it('chases a deal’s owner and manager but never takes the deal away', async () => {
    const account = await created<{ id: string }>(
      org.admin.post('/api/v1/accounts', { name: 'Deal Holdings', ownerId: org.ids.rep2 }),
    );
    const deal = await created<{ id: string; deadlineAt: string | null }>(
      org.admin.post('/api/v1/opportunities', {
        name: 'ERP rollout',
        accountId: account.id,
        ownerId: org.ids.rep2,
        amount: { amountMinor: 100_000_00, currency: 'CNY' },
      }),
    );
    expect(deal.deadlineAt).not.toBeNull();
    clock.advance(60 * DAY);
    const result = await runDeadlineSweep(server.runtime.ctx, t.tenant.id, { runId: 'deal' });
    expect(result.opportunities.notified).toBeGreaterThanOrEqual(1);
    const now = await org.admin.get<{ ownerId: string; deadlineLevel: number }>(
      `/api/v1/opportunities/${deal.id}`,
    );
    expect(now.body).toMatchObject({ ownerId: org.ids.rep2, deadlineLevel: 2 });
    expect(about(await inbox(org.as('rep2')), deal.id)).toEqual(['follow_up_due']);
    expect(about(await inbox(org.as('eastManager')), deal.id)).toEqual(['follow_up_escalated']);
    // The account has an open deal: its own clock is chased but it is not recycled.
    const kept = await org.admin.get<Held>(`/api/v1/accounts/${account.id}`);
    expect(kept.body.ownerId).toBe(org.ids.rep2);
  });

  it('lets a silenced customer wait and restarts its clock after the silence', async () => {
    const account = await created<Held & { version: number }>(
      org.admin.post('/api/v1/accounts', { name: '静默客户', ownerId: org.ids.rep1 }),
    );
    const silenceUntil = new Date(clock.now().getTime() + 30 * DAY).toISOString();
    const patched = await org.admin.patch<Held>(`/api/v1/accounts/${account.id}`, {
      version: account.version,
      silenceUntil,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    clock.advance(10 * DAY);
    const result = await runDeadlineSweep(server.runtime.ctx, t.tenant.id, { runId: 'silence' });
    expect(result.accounts.postponed).toBeGreaterThanOrEqual(1);
    const after = (await org.admin.get<Held>(`/api/v1/accounts/${account.id}`)).body;
    expect(after).toMatchObject({ ownerId: org.ids.rep1, deadlineLevel: 0 });
    expect(after.deadlineAt).toBe(new Date(Date.parse(silenceUntil) + 7 * DAY).toISOString());
    expect(about(await inbox(org.as('rep1')), account.id)).toEqual([]);
  });

  it('brings a dormant lead back to its pool on its re-activation date', async () => {
    const pooled = await pooledLead(org, org.defaultPoolId);
    const reactivateAt = new Date(clock.now().getTime() + 14 * DAY).toISOString();
    const archived = await move(org.admin, 'leads', pooled.id, {
      action: 'archive',
      reason: '暂无需求',
      reactivateAt,
    });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect(archived.body).toMatchObject({ lifecycle: 'dormant', deadlineAt: reactivateAt });

    clock.advance(13 * DAY);
    expect(
      (await runReactivationSweep(server.runtime.ctx, t.tenant.id, { runId: 'r1' })).leads,
    ).toBe(0);
    clock.advance(DAY);
    const result = await runReactivationSweep(server.runtime.ctx, t.tenant.id, { runId: 'r2' });
    expect(result.leads).toBe(1);
    expect((await lead(pooled.id)).body).toMatchObject({
      lifecycle: 'active',
      ownerId: null,
      poolId: org.defaultPoolId,
      deadlineAt: null,
    });
    expect((await historyOf(org.admin, 'leads', pooled.id)).at(-1)).toMatchObject({
      action: 'reactivate',
      fromLifecycle: 'dormant',
      toLifecycle: 'active',
      actorId: null,
    });
    const again = await runReactivationSweep(server.runtime.ctx, t.tenant.id, { runId: 'r3' });
    expect(again.leads).toBe(0);
  });

  it('tells a rep when someone else gives them a record, not when they take one', async () => {
    const pooled = await pooledLead(org, org.defaultPoolId);
    const assigned = await move(org.admin, 'leads', pooled.id, {
      action: 'assign',
      toUserId: org.ids.rep2,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(about(await inbox(org.as('rep2')), pooled.id)).toEqual(['assigned']);
    const other = await pooledLead(org, org.defaultPoolId);
    await move(org.as('rep2'), 'leads', other.id, { action: 'claim', toUserId: org.ids.rep2 });
    expect(about(await inbox(org.as('rep2')), other.id)).toEqual([]);
  });

  it('reads notifications in the reader’s language, pages them and marks them read', async () => {
    const zh = await tokenClient(server, `rep1@${t.tenant.slug}.test`, 'zh-CN');
    const all = await inbox(zh);
    expect(all.unread).toBeGreaterThanOrEqual(3);
    expect(all.items.some((item) => item.message.includes('跟进期限'))).toBe(true);

    const first = await inbox(zh, '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await inbox(zh, `?limit=1&cursor=${first.nextCursor ?? ''}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);

    const target = all.items[0]?.id ?? '';
    expect((await zh.post(`/api/v1/notifications/${target}/read`)).status).toBe(204);
    expect((await inbox(zh)).unread).toBe(all.unread - 1);
    expect((await inbox(zh, '?unread=true')).items.map((i) => i.id)).not.toContain(target);
    // Someone else's notification is as unknown as a made-up id.
    expect((await org.as('rep2').post(`/api/v1/notifications/${target}/read`)).status).toBe(404);

    const all2 = await zh.post<{ marked: number }>('/api/v1/notifications/read-all');
    expect(all2.body.marked).toBe(all.unread - 1);
    expect((await inbox(zh)).unread).toBe(0);
    expect((await zh.get('/api/v1/notifications?unread=maybe')).status).toBe(400);
  });

  it('re-scores leads daily, so a recency rule lapses without anyone touching the lead', async () => {
    const taken = await ownedLead('Recently called');
    const call = await org.as('rep1').post('/api/v1/activities', {
      type: 'call',
      subject: '电话沟通',
      leadId: taken.id,
      occurredAt: clock.now().toISOString(),
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const scoreNow = async () =>
      (await org.admin.get<{ score: number }>(`/api/v1/leads/${taken.id}`)).body.score;
    const fresh = await scoreNow();
    // Past the default 7-day recency window: nothing changes until the daily job runs.
    clock.advance(8 * DAY);
    expect(await scoreNow()).toBe(fresh);
    const reports = await pass();
    expect(reports.filter((r) => r.job.kind === 'lead_rescore' && r.ok).length).toBeGreaterThan(0);
    expect(await scoreNow()).toBe(fresh - 5);
  });

  it('keeps finished runs for two weeks, then forgets them', async () => {
    await pass();
    const runs = () => jobRuns(server.runtime.ctx, { tenantId: t.tenant.id, limit: 1000 });
    const before = await runs();
    expect(before.filter((job) => job.status === 'done').length).toBeGreaterThan(0);
    clock.advance(15 * DAY);
    await pass();
    const after = await runs();
    const cutoff = clock.now().getTime() - 14 * DAY;
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((job) => Date.parse(job.runAt) >= cutoff)).toBe(true);
  });
});
