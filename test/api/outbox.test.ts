import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDeliveries } from '../../src/app/outbox/dispatch.service.js';
import type { DispatchOptions } from '../../src/app/outbox/dispatch.service.js';
import { enqueueDelivery } from '../../src/app/outbox/outbox.service.js';
import type { DeliverySettings } from '../../src/domain/outbox/settings.js';
import { transportsFor } from '../../src/app/outbox/transports.js';
import { enqueueNow } from '../../src/app/jobs.service.js';
import { workOnce } from '../../src/jobs/worker.js';
import type { Transports } from '../../src/app/outbox/transports.js';
import { inTransaction } from '../../src/app/transaction.js';
import { dingtalkMessage, pingMessage, wecomMessage } from '../../src/domain/outbox/requests.js';
import { claimDeliveries } from '../../src/store/outbox.repo.js';
import { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startMailSink, startReceiver } from '../support/outbox.js';
import type { MailSink, Receiver } from '../support/outbox.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * The transactional outbox end to end, against real receivers: a local HTTP endpoint that
 * verifies webhook signatures and de-duplicates by idempotency key, and a local SMTP server.
 * The dispatcher is driven by hand (with a clock the test moves) so each retry, lease
 * expiry and crash happens exactly when the test says.
 */
interface Delivery {
  id: string;
  status: string;
  attempts: number;
  idempotencyKey: string;
  lastError: string | null;
  nextAttemptAt: string | null;
}
interface Problem {
  code: string;
  detail: string;
}
interface EndpointCreated {
  endpoint: { id: string; url: string; signed: boolean };
  secret: string | null;
}

const MAX_ATTEMPTS = 3;

describe.each(dialectsUnderTest())('transactional outbox ($name)', (dialect) => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let mail: MailSink;
  let transports: Transports;
  let settings: DeliverySettings;
  const clock = new ManualClock(Date.parse('2026-11-24T08:00:00.000Z'));

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    a = await createTestTenant(server);
    b = await createTestTenant(server);
    receiver = await startReceiver();
    mail = await startMailSink();
    settings = {
      smtp: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        user: null,
        password: null,
        from: 'Pipewright <crm@pipewright.test>',
      },
      maxAttempts: MAX_ATTEMPTS,
      timeoutMs: 5_000,
    };
    transports = transportsFor(settings);
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await mail?.close();
  });

  const dispatch = (tenant: TestTenant = a, options: Partial<DispatchOptions> = {}) =>
    dispatchDeliveries(
      server.runtime.ctx,
      tenant.tenant.id,
      options.workerId ? transports : transports,
      {
        workerId: 'test-worker',
        maxAttempts: MAX_ATTEMPTS,
        random: () => 0,
        ...options,
      },
    );

  const delivery = async (id: string, client = a.client) =>
    (await client.get<Delivery>(`/api/v1/deliveries/${id}`)).body;

  async function webhook(name: string): Promise<EndpointCreated> {
    const response = await a.client.post<EndpointCreated>('/api/v1/delivery-endpoints', {
      channel: 'webhook',
      name,
      url: `${receiver.url}/hooks/${name}`,
    });
    expect(response.status).toBe(201);
    receiver.secret = response.body.secret;
    return response.body;
  }

  async function ping(endpointId: string, client = a.client): Promise<string> {
    const response = await client.post<{ deliveryId: string }>(
      `/api/v1/delivery-endpoints/${endpointId}/ping`,
    );
    expect(response.status).toBe(202);
    return response.body.deliveryId;
  }

  const requestsWithKey = (key: string) =>
    receiver.requests.filter((request) => request.headers['idempotency-key'] === key);

  it('manages endpoints: the secret is shown once, never listed; bot credentials are masked', async () => {
    const created = await webhook('crm-events');
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint.signed).toBe(true);
    const bot = await a.client.post<EndpointCreated>('/api/v1/delivery-endpoints', {
      channel: 'wecom',
      name: 'sales group',
      url: `${receiver.url}/cgi-bin/webhook/send?key=very-secret-key`,
    });
    expect(bot.status).toBe(201);
    expect(bot.body.secret).toBeNull();
    const list = await a.client.get<{ id: string; url: string }[]>('/api/v1/delivery-endpoints');
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain('very-secret-key');
    expect(list.body.find((e) => e.id === bot.body.endpoint.id)?.url).toContain('key=***');
    // The other tenant sees none of them.
    expect((await b.client.get<unknown[]>('/api/v1/delivery-endpoints')).body).toEqual([]);
  });

  it('delivers a signed webhook the receiver verifies, with its idempotency key, and marks it sent', async () => {
    const { endpoint } = await webhook('signed');
    const id = await ping(endpoint.id);
    expect((await delivery(id)).status).toBe('pending');
    const before = receiver.requests.length;
    expect(await dispatch()).toMatchObject({ sent: 1, retried: 0, dead: 0 });
    const [request] = receiver.requests.slice(before);
    expect(request?.signatureValid).toBe(true);
    expect(request?.path).toBe('/hooks/signed');
    const sent = await delivery(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, nextAttemptAt: null });
    expect(request?.headers['idempotency-key']).toBe(sent.idempotencyKey);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ id, event: 'ping' });
    // A signature made with another secret would not verify: the check can fail.
    const forged = createHmac('sha256', 'wrong').update(`1.${request?.body}`).digest('hex');
    expect(request?.headers['x-pipewright-signature']).not.toBe(`sha256=${forged}`);
  });

  it('retries with back-off, dead-letters after the last attempt, and redelivers on request', async () => {
    const { endpoint } = await webhook('flaky');
    const id = await ping(endpoint.id);
    receiver.failNext(100);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    const first = await delivery(id);
    expect(first).toMatchObject({ status: 'failed', attempts: 1 });
    expect(first.lastError).toContain('HTTP 500');
    // Back-off with the jitter pinned at 0: half of 30 s, then half of 60 s.
    expect(first.nextAttemptAt).toBe(new Date(clock.now().getTime() + 15_000).toISOString());
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 0 });
    clock.advance(15_000);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    clock.advance(30_000);
    expect(await dispatch()).toMatchObject({ dead: 1 });
    expect(await delivery(id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    clock.advance(24 * 3_600_000);
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 0, dead: 0 });

    const dead = await a.client.get<{ items: Delivery[] }>('/api/v1/deliveries/dead-letters');
    expect(dead.body.items.map((item) => item.id)).toContain(id);
    const filtered = await a.client.get<{ items: Delivery[] }>('/api/v1/deliveries?status=dead');
    expect(filtered.body.items.every((item) => item.status === 'dead')).toBe(true);

    receiver.failNext(0);
    const again = await a.client.post<Delivery>(`/api/v1/deliveries/${id}/redeliver`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const key = (await delivery(id)).idempotencyKey;
    // Four attempts reached the receiver, all with one key; it acted once.
    expect(requestsWithKey(key)).toHaveLength(MAX_ATTEMPTS + 1);
    expect([...receiver.effects.keys()].filter((k) => k === key)).toHaveLength(1);
    expect(
      (await b.client.get<{ items: Delivery[] }>('/api/v1/deliveries/dead-letters')).body.items,
    ).toEqual([]);
  });

  it('loses nothing when the dispatcher dies after claiming, before sending', async () => {
    const { endpoint } = await webhook('claimed');
    const id = await ping(endpoint.id);
    const now = clock.now();
    // A worker claims the delivery and is killed before it sends anything.
    const orphaned = await claimDeliveries(server.runtime.store.db, server.runtime.store.dialect, {
      tenantId: a.tenant.id,
      workerId: 'killed-worker',
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
      limit: 10,
    });
    expect(orphaned.map((d) => d.id)).toEqual([id]);
    // While its lease holds no one else sends it…
    expect(await dispatch()).toMatchObject({ sent: 0 });
    const key = (await delivery(id)).idempotencyKey;
    expect(requestsWithKey(key)).toHaveLength(0);
    // …and once it has run out, the delivery is sent, once.
    clock.advance(60_001);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(requestsWithKey(key)).toHaveLength(1);
  });

  it('sends twice but acts once when the dispatcher dies after sending, before recording it', async () => {
    const { endpoint } = await webhook('crashy');
    const id = await ping(endpoint.id);
    const key = (await delivery(id)).idempotencyKey;
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    // This worker's process "dies" right after the receiver got the request: it never
    // gets to record the send (until the test lets it go, long after its lease ended).
    const dying: Transports = {
      ...transports,
      http: {
        async post(request) {
          const response = await transports.http.post(request);
          await stuck;
          return response;
        },
      },
    };
    const first = dispatchDeliveries(server.runtime.ctx, a.tenant.id, dying, {
      workerId: 'dying-worker',
      leaseMs: 60_000,
      maxAttempts: MAX_ATTEMPTS,
    });
    for (let i = 0; i < 200 && requestsWithKey(key).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(requestsWithKey(key)).toHaveLength(1);
    expect((await delivery(id)).status).toBe('pending');
    clock.advance(60_001);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    // The late worker wakes up: its claim is gone, so it changes nothing.
    release();
    await first;
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 2 });
    const sends = requestsWithKey(key);
    expect(sends).toHaveLength(2);
    expect(sends.every((request) => request.signatureValid)).toBe(true);
    expect([...receiver.effects.keys()].filter((k) => k === key)).toHaveLength(1);
  });

  it('splits due deliveries between workers running at once, sending each once', async () => {
    const { endpoint } = await webhook('parallel');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await ping(endpoint.id));
    const [first, second] = await Promise.all([
      dispatch(a, { workerId: 'parallel-1', batchSize: 2 }),
      dispatch(a, { workerId: 'parallel-2', batchSize: 2 }),
    ]);
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(6);
    for (const id of ids) {
      const sent = await delivery(id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      expect(requestsWithKey(sent.idempotencyKey)).toHaveLength(1);
    }
  });

  it('e-mails through SMTP with a stable Message-ID and the idempotency key', async () => {
    const ctx = server.runtime.ctx;
    const { id } = await inTransaction(ctx, (trx) =>
      enqueueDelivery(trx, ctx, a.tenant.id, {
        channel: 'email',
        target: 'rep@example.test',
        payload: { subject: 'Deal reminder', text: 'Follow up with Acme today.' },
        idempotencyKey: 'reminder:acme:2026-11-24',
      }),
    );
    // The same key again (a repeated sweep, say) is the same delivery.
    const repeat = await inTransaction(ctx, (trx) =>
      enqueueDelivery(trx, ctx, a.tenant.id, {
        channel: 'email',
        target: 'rep@example.test',
        payload: { subject: 'Deal reminder', text: 'Follow up with Acme today.' },
        idempotencyKey: 'reminder:acme:2026-11-24',
      }),
    );
    expect(repeat).toEqual({ id, created: false });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(mail.messages).toHaveLength(1);
    const [message] = mail.messages;
    expect(message?.to).toEqual(['rep@example.test']);
    expect(message?.from).toBe('crm@pipewright.test');
    expect(message?.header('subject')).toBe('Deal reminder');
    expect(message?.header('message-id')).toBe(`<${id}@outbox.pipewright>`);
    expect(message?.header('idempotency-key')).toBe('reminder:acme:2026-11-24');
    expect(message?.raw).toContain('Follow up with Acme today.');
    expect((await delivery(id)).status).toBe('sent');
  });

  it('writes a delivery only if the transaction that caused it commits', async () => {
    const ctx = server.runtime.ctx;
    let enqueued = '';
    await expect(
      inTransaction(ctx, async (trx) => {
        enqueued = (
          await enqueueDelivery(trx, ctx, a.tenant.id, {
            channel: 'email',
            target: 'nobody@example.test',
            payload: { subject: 'x', text: 'x' },
          })
        ).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await a.client.get(`/api/v1/deliveries/${enqueued}`)).status).toBe(404);
  });

  it('fails e-mail (and retries) while no SMTP server is configured', async () => {
    const ctx = server.runtime.ctx;
    const { id } = await inTransaction(ctx, (trx) =>
      enqueueDelivery(trx, ctx, a.tenant.id, {
        channel: 'email',
        target: 'late@example.test',
        payload: { subject: 's', text: 't' },
      }),
    );
    const withoutSmtp = { ...transports, mail: null };
    expect(
      await dispatchDeliveries(ctx, a.tenant.id, withoutSmtp, {
        workerId: 'no-smtp',
        maxAttempts: MAX_ATTEMPTS,
        random: () => 0,
      }),
    ).toMatchObject({ sent: 0, retried: 1 });
    expect(await delivery(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await delivery(id)).lastError).toContain('no SMTP server');
    // Once SMTP is there, the retry goes out.
    clock.advance(15_000);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(mail.messages.map((message) => message.to)).toContainEqual(['late@example.test']);
  });

  it('posts each group bot its documented payload, signed where the platform signs', async () => {
    receiver.reply('{"errcode":0,"errmsg":"ok","code":0,"msg":"success"}');
    const make = async (channel: string, url: string, secret?: string) =>
      (
        await a.client.post<EndpointCreated>('/api/v1/delivery-endpoints', {
          channel,
          name: `${channel} bot`,
          url,
          ...(secret ? { secret } : {}),
        })
      ).body.endpoint.id;
    const wecom = await make('wecom', `${receiver.url}/wecom/send?key=k1`);
    const ding = await make(
      'dingtalk',
      `${receiver.url}/robot/send?access_token=t1`,
      'SECding-secret',
    );
    const feishu = await make(
      'feishu',
      `${receiver.url}/open-apis/bot/v2/hook/h1`,
      'feishu-secret',
    );
    for (const id of [wecom, ding, feishu]) await ping(id);
    const before = receiver.requests.length;
    expect(await dispatch()).toMatchObject({ sent: 3 });
    const got = receiver.requests.slice(before);
    const byPath = (path: string) => got.find((request) => request.path === path);

    const w = JSON.parse(byPath('/wecom/send')?.body ?? '{}') as Record<string, unknown>;
    expect(w).toEqual(wecomMessage(pingMessage('wecom bot')));
    expect(w.msgtype).toBe('markdown');
    expect(byPath('/wecom/send')?.url).toBe('/wecom/send?key=k1');

    const dRequest = byPath('/robot/send');
    const d = JSON.parse(dRequest?.body ?? '{}') as Record<string, unknown>;
    expect(d).toEqual(dingtalkMessage(pingMessage('dingtalk bot')));
    expect(Object.keys(d.markdown as object).sort()).toEqual(['text', 'title']);
    const query = new URL(dRequest?.url ?? '', receiver.url).searchParams;
    expect(query.get('access_token')).toBe('t1');
    const timestamp = query.get('timestamp') ?? '';
    expect(timestamp).toBe(String(clock.now().getTime()));
    expect(query.get('sign')).toBe(
      createHmac('sha256', 'SECding-secret')
        .update(`${timestamp}\nSECding-secret`)
        .digest('base64'),
    );

    const f = JSON.parse(byPath('/open-apis/bot/v2/hook/h1')?.body ?? '{}') as {
      timestamp: string;
      sign: string;
    };
    expect(f).toEqual({
      timestamp: String(Math.floor(clock.now().getTime() / 1000)),
      sign: createHmac('sha256', `${f.timestamp}\nfeishu-secret`).update('').digest('base64'),
      msg_type: 'text',
      content: { text: `${pingMessage('feishu bot').title}\n${pingMessage('feishu bot').text}` },
    });

    // A bot that answers 200 with an error code has refused the message: retried.
    receiver.reply('{"errcode":93000,"errmsg":"invalid webhook url"}');
    const refused = await ping(wecom);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    expect((await delivery(refused)).lastError).toContain('wecom refused: 93000');
    receiver.reply('ok');
  });

  it('puts in-app deliveries in the inbox once, and counts them unread', async () => {
    const ctx = server.runtime.ctx;
    const unread = async () =>
      (await a.client.get<{ unread: number }>('/api/v1/notifications/unread-count')).body.unread;
    const start = await unread();
    const { id } = await inTransaction(ctx, (trx) =>
      enqueueDelivery(trx, ctx, a.tenant.id, {
        channel: 'in_app',
        target: a.admin.id,
        payload: {
          subject: { type: 'opportunity', id: '01900000-0000-7000-8000-000000000001' },
          facts: { kind: 'assigned', entityType: 'opportunity', name: '华东制造扩产' },
        },
      }),
    );
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(await unread()).toBe(start + 1);
    // Sending it again (a redelivery) tells no one twice: the inbox keys it by the delivery.
    expect((await a.client.post(`/api/v1/deliveries/${id}/redeliver`)).status).toBe(200);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(await unread()).toBe(start + 1);
    const inbox = await a.client.get<{ items: { message: string }[] }>('/api/v1/notifications');
    expect(inbox.body.items[0]?.message).toContain('华东制造扩产');
  });

  it('keeps tenants apart: another tenant can neither see, redeliver nor dispatch them', async () => {
    const { endpoint } = await webhook('isolated');
    const id = await ping(endpoint.id);
    expect((await b.client.get(`/api/v1/deliveries/${id}`)).status).toBe(404);
    expect((await b.client.post(`/api/v1/deliveries/${id}/redeliver`)).status).toBe(404);
    expect((await b.client.post(`/api/v1/delivery-endpoints/${endpoint.id}/ping`)).status).toBe(
      404,
    );
    expect((await b.client.delete(`/api/v1/delivery-endpoints/${endpoint.id}`)).status).toBe(404);
    const listed = await b.client.get<{ items: Delivery[] }>('/api/v1/deliveries');
    expect(listed.body.items.map((item) => item.id)).not.toContain(id);
    expect(await dispatch(b)).toMatchObject({ sent: 0 });
    expect((await delivery(id)).status).toBe('pending');
    expect(await dispatch(a)).toMatchObject({ sent: 1 });
  });

  it('dead-letters deliveries whose endpoint was deleted, without sending them', async () => {
    const { endpoint } = await webhook('doomed');
    const id = await ping(endpoint.id);
    expect((await a.client.delete(`/api/v1/delivery-endpoints/${endpoint.id}`)).status).toBe(204);
    expect(await dispatch()).toMatchObject({ dead: 1 });
    expect(await delivery(id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await delivery(id)).lastError).toContain('deleted');
  });

  it('refuses bad input with stable codes, in both languages', async () => {
    const post = (body: unknown, client = a.client) =>
      client.post<Problem>('/api/v1/delivery-endpoints', body);
    for (const body of [
      { channel: 'sms', name: 'x', url: `${receiver.url}/x` },
      { channel: 'webhook', name: 'x', url: 'ftp://example.test/x' },
      { channel: 'webhook', name: '', url: `${receiver.url}/x` },
      { channel: 'webhook', name: 'x', url: `${receiver.url}/x`, extra: 1 },
      { channel: 'dingtalk', name: 'x', url: `${receiver.url}/x`, secret: 'short' },
    ]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    const duplicate = await post({
      channel: 'webhook',
      name: 'crm-events',
      url: `${receiver.url}/x`,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('duplicate');
    expect((await a.client.get<Problem>('/api/v1/deliveries?status=lost')).status).toBe(400);
    const unknown = await a.client.post<Problem>(
      '/api/v1/deliveries/01900000-0000-7000-8000-00000000ffff/redeliver',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const zhClient = await new ApiClient(server.url, 'zh-CN').signIn(a.admin.email, TEST_PASSWORD);
    const gone = await zhClient.delete<Problem>(
      '/api/v1/delivery-endpoints/01900000-0000-7000-8000-00000000ffff',
    );
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe('未找到该投递端点。');
    expect((await a.client.post<Problem>('/api/v1/deliveries/not-a-uuid/redeliver')).status).toBe(
      400,
    );

    // A delivery a worker holds right now is not handed out again.
    const { endpoint } = await webhook('busy');
    const id = await ping(endpoint.id);
    const now = clock.now();
    await claimDeliveries(server.runtime.store.db, server.runtime.store.dialect, {
      tenantId: a.tenant.id,
      workerId: 'busy-worker',
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
      limit: 10,
    });
    const busy = await a.client.post<Problem>(`/api/v1/deliveries/${id}/redeliver`);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('delivery_in_flight');
    const zh = await new ApiClient(server.url, 'zh-CN').signIn(a.admin.email, TEST_PASSWORD);
    const busyZh = await zh.post<Problem>(`/api/v1/deliveries/${id}/redeliver`);
    expect(busyZh.body.code).toBe('delivery_in_flight');
    expect(busyZh.body.detail).toContain('正在由后台任务发送');
    clock.advance(60_001);
    expect(await dispatch()).toMatchObject({ sent: 1 });
  });

  it('runs as the outbox_dispatch job through the worker, sending with the context’s settings', async () => {
    const ctx = { ...server.runtime.ctx, delivery: settings };
    const { id } = await inTransaction(ctx, (trx) =>
      enqueueDelivery(trx, ctx, a.tenant.id, {
        channel: 'email',
        target: 'job@example.test',
        payload: { subject: 'By the job', text: 'Sent by the worker.' },
      }),
    );
    await enqueueNow(ctx, a.tenant.id, 'outbox_dispatch');
    const reports = await workOnce(ctx, { schedule: false, workerId: 'job-worker' });
    const run = reports.find(
      (report) => report.job.kind === 'outbox_dispatch' && report.job.tenantId === a.tenant.id,
    );
    expect(run?.ok).toBe(true);
    expect(run?.result).toMatchObject({ sent: 1 });
    expect((await delivery(id)).status).toBe('sent');
    expect(mail.messages.map((message) => message.to)).toContainEqual(['job@example.test']);
  });

  it('is for admins only', async () => {
    const rep = await created<{ id: string; email: string }>(
      a.client.post('/api/v1/users', {
        email: `rep-${Date.now()}@example.test`,
        name: 'Rep',
        role: 'rep',
        password: TEST_PASSWORD,
      }),
    );
    const client = await new ApiClient(server.url).signIn(rep.email, TEST_PASSWORD);
    for (const response of [
      await client.get<Problem>('/api/v1/deliveries'),
      await client.get<Problem>('/api/v1/delivery-endpoints'),
      await client.post<Problem>('/api/v1/delivery-endpoints', {
        channel: 'webhook',
        name: 'mine',
        url: `${receiver.url}/x`,
      }),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('forbidden');
    }
    // The inbox count is everyone's own.
    expect((await client.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 0 });
  });
});
