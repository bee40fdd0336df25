import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDeliveries } from '../../src/app/outbox/dispatch.service.js';
import { transportsFor } from '../../src/app/outbox/transports.js';
import type { Transports } from '../../src/app/outbox/transports.js';
import type { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { startMailSink } from '../support/outbox.js';
import type { MailSink } from '../support/outbox.js';
import { createOrg, move, pooledLead } from '../support/pools.js';
import type { Org, Problem } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { tokenClient } from '../support/stalled.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Preferences {
  userId: string;
  channels: Record<string, string[]>;
  quietHours: { start: string; end: string; days: number[] } | null;
  timeZone: string | null;
  version: number;
}
interface DeliveryView {
  id: string;
  channel: string;
  target: string;
  status: string;
  nextAttemptAt: string;
  idempotencyKey: string;
}
interface NotificationPage {
  items: { kind: string; subjectId: string }[];
  unread: number;
}

const noEmail = {
  follow_up: [],
  escalation: [],
  ownership: [],
  approval: [],
  automation: [],
};

/**
 * Notification preferences over the API and their effect: a notice goes on by e-mail to a
 * real local SMTP server when its recipient asked for that, and waits out their quiet hours
 * (the clock is the test's, so "now" is exactly where the test puts it). In-app never waits.
 */
describe.each(dialectsUnderTest())('notification preferences ($name)', (dialect) => {
  // 12:00 in Shanghai, the test tenants' zone.
  const clock = new ManualClock(Date.parse('2026-11-24T04:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  let org: Org;
  let mail: MailSink;
  let transports: Transports;

  const dispatch = () =>
    dispatchDeliveries(server.runtime.ctx, t.tenant.id, transports, {
      workerId: 'test-worker',
      maxAttempts: 3,
      random: () => 0,
    });
  const emailsTo = async (address: string) =>
    (
      await org.admin.get<{ items: DeliveryView[] }>('/api/v1/deliveries?channel=email&limit=200')
    ).body.items.filter((d) => d.target === address);
  const put = async (client: ApiClient, body: unknown) => {
    const response = await client.put<Preferences & Problem>(
      '/api/v1/notification-preferences',
      body,
    );
    return response;
  };
  /** Someone else gives rep2 a lead from the pool: an `assigned` notice (group: ownership). */
  const assignToRep2 = async (name: string) => {
    const pooled = await pooledLead(org, org.defaultPoolId, { name });
    const assigned = await move(org.admin, 'leads', pooled.id, {
      action: 'assign',
      toUserId: org.ids.rep2,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    return pooled;
  };
  const rep2Email = () => `rep2@${t.tenant.slug}.test`;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    other = await createTestTenant(server);
    org = await createOrg(server, t);
    mail = await startMailSink();
    transports = transportsFor({
      smtp: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        user: null,
        password: null,
        from: 'Pipewright <crm@pipewright.test>',
      },
      maxAttempts: 3,
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  it('shows the defaults (in-app only, no quiet hours) until the user saves some', async () => {
    const response = await org.as('rep1').get<Preferences>('/api/v1/notification-preferences');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      userId: org.ids.rep1,
      channels: noEmail,
      quietHours: null,
      timeZone: null,
      version: 0,
    });
  });

  it('saves them whole, fills groups left out, and audits the change', async () => {
    const saved = await put(org.as('rep1'), {
      channels: { escalation: ['email'] },
      quietHours: { start: '22:00', end: '07:30', days: [1, 2, 3, 4, 5] },
      timeZone: 'Europe/Berlin',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      channels: { ...noEmail, escalation: ['email'] },
      quietHours: { start: '22:00', end: '07:30', days: [1, 2, 3, 4, 5] },
      timeZone: 'Europe/Berlin',
      version: 1,
    });
    const again = await put(org.as('rep1'), { channels: {}, quietHours: null });
    expect(again.body).toMatchObject({ channels: noEmail, quietHours: null, version: 2 });
    const audit = await org.admin.get<{ items: { action: string }[] }>(
      `/api/v1/audit?entityType=notification_preferences&entityId=${org.ids.rep1}`,
    );
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(audit.body.items.map((item) => item.action).sort()).toEqual(['create', 'update']);
  });

  it.each([
    [
      'a time that is not HH:MM',
      { quietHours: { start: '7:00', end: '08:00' } },
      'quietHours/start',
    ],
    ['hour 24', { quietHours: { start: '24:00', end: '08:00' } }, 'quietHours/start'],
    ['an empty window', { quietHours: { start: '08:00', end: '08:00' } }, 'quietHours/end'],
    [
      'a weekday 0',
      { quietHours: { start: '21:00', end: '08:00', days: [0] } },
      'quietHours/days/0',
    ],
    ['an unknown zone', { quietHours: null, timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an unknown group', { channels: { gossip: ['email'] }, quietHours: null }, 'channels'],
    [
      'an unknown channel',
      { channels: { follow_up: ['sms'] }, quietHours: null },
      'channels/follow_up/0',
    ],
    [
      'a channel twice',
      { channels: { follow_up: ['email', 'email'] }, quietHours: null },
      'channels/follow_up',
    ],
  ])('refuses %s with a stable code and the field', async (_name, change, path) => {
    const response = await put(org.as('rep2'), { channels: {}, ...change });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors?.map((issue) => issue.path)).toContain(path);
  });

  it('explains a refusal in Chinese to a Chinese reader', async () => {
    const zh = await tokenClient(server, `rep2@${t.tenant.slug}.test`, 'zh-CN');
    const response = await put(zh, { channels: {}, quietHours: { start: 'x', end: '08:00' } });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lets an admin read anyone’s, a rep only their own, and no one another tenant’s', async () => {
    const byAdmin = await org.admin.get<Preferences>(
      `/api/v1/users/${org.ids.rep1}/notification-preferences`,
    );
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.userId).toBe(org.ids.rep1);
    const own = await org.as('rep1').get(`/api/v1/users/${org.ids.rep1}/notification-preferences`);
    expect(own.status).toBe(200);
    const peer = await org
      .as('rep1')
      .get<Problem>(`/api/v1/users/${org.ids.rep2}/notification-preferences`);
    expect(peer.status).toBe(403);
    const foreign = await other.client.get<Problem>(
      `/api/v1/users/${org.ids.rep1}/notification-preferences`,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
  });

  it('sends nothing but the in-app notice while e-mail is off', async () => {
    await put(org.as('rep2'), { channels: {}, quietHours: null });
    const lead = await assignToRep2('No mail Ltd');
    const inbox = await org.as('rep2').get<NotificationPage>('/api/v1/notifications');
    expect(inbox.body.items.map((i) => i.subjectId)).toContain(lead.id);
    expect(await emailsTo(rep2Email())).toEqual([]);
  });

  it('e-mails a notice the user asked for, once, to a real SMTP server', async () => {
    const saved = await put(org.as('rep2'), {
      channels: { ownership: ['email'] },
      quietHours: null,
    });
    expect(saved.status).toBe(200);
    const before = mail.messages.length;
    await assignToRep2('华南电子');
    const queued = await emailsTo(rep2Email());
    expect(queued).toHaveLength(1);
    expect(queued[0]?.nextAttemptAt).toBe(clock.now().toISOString());
    expect((await dispatch()).sent).toBe(1);
    const received = mail.messages.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual([rep2Email()]);
    expect(received[0]?.header('Idempotency-Key')).toBe(queued[0]?.idempotencyKey);
    expect((await dispatch()).sent).toBe(0);
  });

  it('holds e-mail back until the quiet hours end, but never the in-app notice', async () => {
    // 12:00 in Shanghai now; quiet 11:00–14:00 (a lunch break), so e-mail waits for 14:00.
    await put(org.as('rep2'), {
      channels: { ownership: ['email'] },
      quietHours: { start: '11:00', end: '14:00' },
    });
    const before = mail.messages.length;
    const lead = await assignToRep2('Quiet hours GmbH');
    const inbox = await org.as('rep2').get<NotificationPage>('/api/v1/notifications');
    expect(inbox.body.items[0]?.subjectId).toBe(lead.id);
    const waiting = (await emailsTo(rep2Email())).filter((d) => d.status === 'pending');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.nextAttemptAt).toBe('2026-11-24T06:00:00.000Z');
    expect((await dispatch()).sent).toBe(0);
    clock.advance(2 * 3_600_000);
    expect((await dispatch()).sent).toBe(1);
    expect(mail.messages.length).toBe(before + 1);
  });

  it('reads quiet hours in the user’s own zone when they chose one', async () => {
    // 14:00 in Shanghai is 07:00 in Berlin: inside a Berlin night window ending 08:00.
    await put(org.as('rep2'), {
      channels: { ownership: ['email'] },
      quietHours: { start: '22:00', end: '08:00' },
      timeZone: 'Europe/Berlin',
    });
    await assignToRep2('Berlin night AG');
    const waiting = (await emailsTo(rep2Email())).filter((d) => d.status === 'pending');
    expect(waiting.map((d) => d.nextAttemptAt)).toEqual(['2026-11-24T07:00:00.000Z']);
  });
});
