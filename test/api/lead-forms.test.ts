import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; code: string; message: string }[];
}
interface Form {
  id: string;
  version: number;
  tokenPrefix: string;
  campaign: string | null;
  ownerId: string | null;
  poolId: string | null;
}
interface WithToken {
  form: Form;
  token: string;
}
interface Lead {
  id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  campaign: string | null;
  ownerId: string | null;
  poolId: string | null;
  score: number;
}

describe.each(dialectsUnderTest())('public web forms ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  const clock = new ManualClock(Date.parse('2026-03-02T01:00:00Z'));
  const visitor = (locale = 'en') => new ApiClient(server.url, locale);

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  const submit = (token: string, body: unknown, client = visitor()) =>
    client.post<Problem & { received?: boolean }>(`/api/forms/${token}/submissions`, body);

  const leadsOf = async (campaign: string) =>
    (
      await t.client.get<{ items: Lead[] }>(
        `/api/v1/leads?campaign=${encodeURIComponent(campaign)}&sort=createdAt`,
      )
    ).body.items;

  const newForm = async (body: Record<string, unknown>) => {
    const response = await t.client.post<WithToken>('/api/v1/lead-forms', body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  it('captures a submission through the field mapping, with source and campaign', async () => {
    const pool = await created<{ id: string }>(
      t.client.post('/api/v1/pools', { name: '官网线索池' }),
    );
    const { form, token } = await newForm({
      name: '官网试用申请',
      campaign: '2026 官网试用',
      source: 'website',
      poolId: pool.id,
      fields: { full_name: 'name', org: 'company', tel: 'phone', mail: 'email' },
    });
    expect(token).toMatch(/^pwf_[A-Za-z0-9_-]{40,}$/);
    expect(token.startsWith(form.tokenPrefix)).toBe(true);
    expect(JSON.stringify(form)).not.toContain(token);
    const listed = await t.client.get<Form[]>('/api/v1/lead-forms');
    expect(listed.body.map((f) => f.id)).toContain(form.id);
    expect(JSON.stringify(listed.body)).not.toMatch(/tokenHash|pwf_[A-Za-z0-9_-]{20}/);

    const sent = await submit(token, {
      full_name: ' 王芳 ',
      org: '宁波海曙贸易',
      tel: '13800000000',
      mail: 'Wang.Fang@Haishu.TEST',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toEqual({ received: true });
    const [lead] = await leadsOf('2026 官网试用');
    expect(lead).toMatchObject({
      name: '王芳',
      company: '宁波海曙贸易',
      phone: '13800000000',
      email: 'wang.fang@haishu.test',
      source: 'website',
      campaign: '2026 官网试用',
      ownerId: null,
      poolId: pool.id,
      score: 10,
    });
    // Created by the form, not by a person: the audit entry has no actor.
    const audit = await sql<{ actor_id: string | null; action: string }>`
      select actor_id, action from audit_log where entity_id = ${lead?.id ?? ''}`.execute(
      server.runtime.store.db,
    );
    expect(audit.rows).toEqual([{ actor_id: null, action: 'create' }]);
  });

  it('takes a plain HTML form post and sends the browser on to the thank-you page', async () => {
    const { token } = await newForm({
      name: 'Landing page',
      campaign: 'landing',
      redirectUrl: 'https://example.test/thanks',
    });
    const response = await fetch(`${server.url}/api/forms/${token}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Li Lei', email: 'li@example.test' }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://example.test/thanks');
    expect((await leadsOf('landing')).map((l) => l.name)).toEqual(['Li Lei']);
    // The lead went to whoever set the form up.
    expect((await leadsOf('landing'))[0]?.ownerId).toBe(t.admin.id);
  });

  it('answers a filled-in honeypot like a success and keeps nothing', async () => {
    const { token } = await newForm({ name: 'Honeypot', campaign: 'honeypot' });
    const bot = await submit(token, { name: 'Bot', website: 'http://spam.test' });
    expect(bot.status).toBe(200);
    expect(bot.body).toEqual({ received: true });
    const person = await submit(token, { name: 'Person', website: '' });
    expect(person.status).toBe(200);
    expect((await leadsOf('honeypot')).map((l) => l.name)).toEqual(['Person']);
  });

  it('refuses fields the form does not map, bad values, a missing name and oversize bodies', async () => {
    const { token } = await newForm({ name: 'Strict', campaign: 'strict' });
    const unmapped = await submit(token, { name: 'A', budget: '1m' });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.errors?.[0]).toMatchObject({ path: 'budget', code: 'field_not_allowed' });
    const zh = await submit(token, { name: 'A', budget: '1m' }, visitor('zh-CN'));
    expect(zh.body.errors?.[0]?.message).toBe('该表单不收集此字段');
    const badEmail = await submit(token, { name: 'A', email: 'not-an-address' });
    expect(badEmail.body.errors?.[0]).toMatchObject({ path: 'email', code: 'invalid_email' });
    const noName = await submit(token, { company: 'Nameless Ltd' });
    expect(noName.status).toBe(400);
    expect(noName.body.errors?.[0]).toMatchObject({ path: 'name', code: 'required' });
    const nested = await submit(token, { name: { first: 'A' } });
    expect(nested.status).toBe(400);
    const huge = await submit(token, { name: 'A', company: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(await leadsOf('strict')).toEqual([]);
  });

  it('throttles one address per form with 429 and Retry-After, and lifts it later', async () => {
    const { token } = await newForm({ name: 'Throttled', campaign: 'throttled' });
    const other = await newForm({ name: 'Other form', campaign: 'throttled-other' });
    for (let i = 0; i < 10; i++) {
      const ok = await submit(token, { name: `Visitor ${i}` });
      expect(ok.status, `submission ${i}`).toBe(200);
    }
    const refused = await submit(token, { name: 'One too many' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBe(15 * 60);
    // Refused submissions keep nothing; another form of the tenant is not affected.
    expect(await leadsOf('throttled')).toHaveLength(10);
    expect((await submit(other.token, { name: 'Elsewhere' })).status).toBe(200);
    clock.advance(15 * 60_000 + 1000);
    expect((await submit(token, { name: 'Later' })).status).toBe(200);
  });

  it('rotates and revokes tokens: the old or revoked token answers 404', async () => {
    const { form, token } = await newForm({ name: 'Rotating', campaign: 'rotating' });
    const rotated = await t.client.post<WithToken>(`/api/v1/lead-forms/${form.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(token);
    const old = await submit(token, { name: 'Old link' });
    expect(old.status).toBe(404);
    expect(old.body.code).toBe('not_found');
    expect((await submit(rotated.body.token, { name: 'New link' })).status).toBe(200);
    const revoked = await t.client.delete(`/api/v1/lead-forms/${form.id}`);
    expect(revoked.status).toBe(204);
    expect((await submit(rotated.body.token, { name: 'After revoke' })).status).toBe(404);
    expect((await t.client.get(`/api/v1/lead-forms/${form.id}`)).status).toBe(404);
    expect((await submit('pwf_unknown', { name: 'Guess' })).status).toBe(404);
    expect((await leadsOf('rotating')).map((l) => l.name)).toEqual(['New link']);
  });

  it('lets admins and lead ops manage forms, checks the mapping, and keeps reps out', async () => {
    const make = async (role: string) => {
      const user = await created<{ id: string; email: string }>(
        t.client.post('/api/v1/users', {
          email: `${role}-forms@example.test`,
          name: role,
          role,
          password: TEST_PASSWORD,
        }),
      );
      return new ApiClient(server.url).signIn(user.email, TEST_PASSWORD);
    };
    const rep = await make('rep');
    const ops = await make('lead_ops');
    expect((await rep.post('/api/v1/lead-forms', { name: 'x' })).status).toBe(403);
    expect((await rep.get('/api/v1/lead-forms')).status).toBe(403);
    const byOps = await ops.post<WithToken>('/api/v1/lead-forms', { name: 'Ops form' });
    expect(byOps.status).toBe(201);
    const noName = await t.client.post<Problem>('/api/v1/lead-forms', {
      name: 'No name field',
      fields: { email: 'email' },
    });
    expect(noName.status).toBe(400);
    expect(noName.body.errors?.[0]?.code).toBe('name_required');
    const honeypotMapped = await t.client.post<Problem>('/api/v1/lead-forms', {
      name: 'Trap',
      fields: { name: 'name', website: 'company' },
    });
    expect(honeypotMapped.body.errors?.[0]?.code).toBe('honeypot_mapped');
    const patched = await t.client.patch<Form>(`/api/v1/lead-forms/${byOps.body.form.id}`, {
      version: byOps.body.form.version,
      campaign: '改名后',
    });
    expect(patched.body.campaign).toBe('改名后');
  });
});
