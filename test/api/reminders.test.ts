import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeadlineSweep } from '../../src/app/deadline-sweep.service.js';
import type { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { createOrg, DAY, setTenantSettings } from '../support/pools.js';
import type { Held, Org, Problem } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface NotificationPage {
  items: { kind: string; subjectId: string; message: string; facts: Record<string, unknown> }[];
}
interface DeliveryView {
  target: string;
  idempotencyKey: string;
  nextAttemptAt: string;
}

/**
 * The follow-up cadence end to end: the owner is reminded before a deadline (once per
 * deadline, however often the sweep runs), told when it is missed, and the manager hears
 * after the tenant's escalation period; each can go on by e-mail as its recipient chose.
 * Deals follow their stage's cadence. The sweep is run by hand on a clock the test moves.
 */
describe.each(dialectsUnderTest())('follow-up reminders and escalations ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-11-02T04:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  let org: Org;

  const sweep = (tenant: TestTenant = t) =>
    runDeadlineSweep(server.runtime.ctx, tenant.tenant.id, {
      runId: `run-${clock.now().getTime()}`,
    });
  const kindsAbout = async (client: ApiClient, id: string) =>
    (await client.get<NotificationPage>('/api/v1/notifications?limit=200')).body.items
      .filter((item) => item.subjectId === id)
      .map((item) => item.kind);
  const emailsTo = async (address: string) =>
    (
      await org.admin.get<{ items: DeliveryView[] }>('/api/v1/deliveries?channel=email&limit=200')
    ).body.items.filter((d) => d.target === address);
  const email = (person: string) => `${person.toLowerCase()}@${t.tenant.slug}.test`;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    other = await createTestTenant(server);
    org = await createOrg(server, t);
    for (const [person, channels] of [
      ['rep1', { follow_up: ['email'] }],
      ['eastManager', { escalation: ['email'] }],
    ] as const) {
      const saved = await org
        .as(person)
        .put('/api/v1/notification-preferences', { channels, quietHours: null });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
  });
  afterAll(async () => server?.close());

  it('reminds the owner a day before, once, then tells them and their manager when missed', async () => {
    const lead = await created<Held>(
      org.admin.post('/api/v1/leads', {
        name: '华东钢铁',
        source: 'website',
        ownerId: org.ids.rep1,
      }),
    );
    // Five days in, the deadline (day 7) is two days off: no reminder yet.
    clock.advance(5 * DAY);
    expect((await sweep()).leads.reminded).toBe(0);
    expect(await kindsAbout(org.as('rep1'), lead.id)).toEqual([]);

    clock.advance(DAY + 60_000);
    expect((await sweep()).leads.reminded).toBe(1);
    const reminded = await org.as('rep1').get<NotificationPage>('/api/v1/notifications');
    const notice = reminded.body.items.find((item) => item.subjectId === lead.id);
    expect(notice).toMatchObject({
      kind: 'follow_up_reminder',
      facts: { deadlineAt: lead.deadlineAt },
    });
    expect(notice?.message).toContain('华东钢铁');
    // Swept again (the job runs often): no second reminder, no second e-mail.
    clock.advance(60 * 60_000);
    expect((await sweep()).leads.reminded).toBe(0);
    expect(await kindsAbout(org.as('rep1'), lead.id)).toEqual(['follow_up_reminder']);
    const mails = await emailsTo(email('rep1'));
    expect(mails.filter((d) => d.idempotencyKey.includes(lead.id))).toHaveLength(1);

    // Missed: the owner is told (not reminded again), and two days later the manager.
    clock.advance(DAY);
    const missed = await sweep();
    expect(missed.leads).toMatchObject({ reminded: 0, notified: 1 });
    expect((await kindsAbout(org.as('rep1'), lead.id)).sort()).toEqual([
      'follow_up_due',
      'follow_up_reminder',
    ]);
    clock.advance(2 * DAY);
    expect((await sweep()).leads.escalated).toBe(1);
    expect(await kindsAbout(org.as('eastManager'), lead.id)).toEqual(['follow_up_escalated']);
    const escalations = await emailsTo(email('eastManager'));
    expect(escalations.filter((d) => d.idempotencyKey.includes(lead.id))).toHaveLength(1);
    expect((await sweep()).leads).toMatchObject({ reminded: 0, notified: 0, escalated: 0 });
  });

  it('reminds again for the next deadline after a follow-up restarts the clock', async () => {
    const lead = await created<Held>(
      org.admin.post('/api/v1/leads', {
        name: 'Restart Ltd',
        source: 'website',
        ownerId: org.ids.rep1,
      }),
    );
    clock.advance(6 * DAY + 60_000);
    await sweep();
    const call = await org.as('rep1').post('/api/v1/activities', {
      type: 'call',
      subject: '电话沟通',
      leadId: lead.id,
      occurredAt: clock.now().toISOString(),
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    clock.advance(6 * DAY + 60_000);
    await sweep();
    expect(await kindsAbout(org.as('rep1'), lead.id)).toEqual([
      'follow_up_reminder',
      'follow_up_reminder',
    ]);
  });

  it('reminds a deal’s owner by the stage cadence', async () => {
    const account = await created<{ id: string }>(
      org.admin.post('/api/v1/accounts', { name: 'Cadence Holdings', ownerId: org.ids.rep2 }),
    );
    const deal = await created<{ id: string; deadlineAt: string }>(
      org.admin.post('/api/v1/opportunities', {
        name: 'ERP rollout',
        accountId: account.id,
        ownerId: org.ids.rep2,
        amount: { amountMinor: 100_000_00, currency: 'CNY' },
      }),
    );
    // The first stage of the standard pipeline has a 7-day cadence.
    expect(Date.parse(deal.deadlineAt) - clock.now().getTime()).toBe(7 * DAY);
    clock.advance(6 * DAY + 60_000);
    expect((await sweep()).opportunities.reminded).toBeGreaterThanOrEqual(1);
    expect(await kindsAbout(org.as('rep2'), deal.id)).toEqual(['follow_up_reminder']);
  });

  it('follows the tenant’s lead time, off at 0, and never crosses tenants', async () => {
    const otherOrg = await createOrg(server, other);
    await setTenantSettings(otherOrg.admin, {
      deadlines: {
        followUpDays: 7,
        escalateAfterDays: 2,
        recycleAfterDays: 5,
        remindBeforeDays: 0,
      },
    });
    const quiet = await created<Held>(
      otherOrg.admin.post('/api/v1/leads', {
        name: 'No reminders GmbH',
        source: 'website',
        ownerId: otherOrg.ids.rep1,
      }),
    );
    await setTenantSettings(org.admin, {
      deadlines: {
        followUpDays: 7,
        escalateAfterDays: 2,
        recycleAfterDays: 5,
        remindBeforeDays: 3,
      },
    });
    const early = await created<Held>(
      org.admin.post('/api/v1/leads', {
        name: 'Three days Ltd',
        source: 'website',
        ownerId: org.ids.rep1,
      }),
    );
    clock.advance(4 * DAY + 60_000);
    await sweep();
    expect((await sweep(other)).leads.reminded).toBe(0);
    expect(await kindsAbout(org.as('rep1'), early.id)).toEqual(['follow_up_reminder']);
    expect(await kindsAbout(otherOrg.as('rep1'), quiet.id)).toEqual([]);
    // Neither tenant sees the other's notices or deliveries.
    expect(await kindsAbout(otherOrg.as('rep1'), early.id)).toEqual([]);
    const foreign = await otherOrg.admin.get<{ items: DeliveryView[] }>('/api/v1/deliveries');
    expect(foreign.body.items.map((d) => d.target)).not.toContain(email('rep1'));
  });

  it('refuses a negative lead time', async () => {
    const tenant = await org.admin.get<{ version: number; settings: Record<string, unknown> }>(
      '/api/v1/tenant',
    );
    const response = await org.admin.patch<Problem>('/api/v1/tenant', {
      version: tenant.body.version,
      settings: {
        ...tenant.body.settings,
        deadlines: {
          followUpDays: 7,
          escalateAfterDays: 2,
          recycleAfterDays: 5,
          remindBeforeDays: -1,
        },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });
});
