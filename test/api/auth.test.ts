import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, cookieOf } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Problem {
  code: string;
}
interface Token {
  id: string;
  prefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const MINUTE = 60_000;

describe.each(dialectsUnderTest())('sign-in, sessions, tokens and CSRF ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  const clock = new ManualClock();

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  /** A user of the test tenant with a known password and a client per sign-in. */
  async function newUser(
    role: 'rep' | 'manager' | 'admin' = 'rep',
  ): Promise<{ id: string; email: string; version: number }> {
    return created(
      t.client.post('/api/v1/users', {
        email: `${role}-${Math.random().toString(36).slice(2)}@example.test`,
        name: 'U',
        role,
        password: TEST_PASSWORD,
      }),
    );
  }

  it('locks an account out after repeated failures, with Retry-After, and lets it back in later', async () => {
    const user = await newUser();
    const client = new ApiClient(server.url);
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await client.post<Problem>('/api/v1/auth/login', {
        email: user.email,
        password: 'wrong password!',
      });
      expect(failed.status).toBe(401);
    }
    // Even the right password is refused while the lock holds: that is what stops guessing.
    const locked = await client.post<Problem>('/api/v1/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    clock.advance(16 * MINUTE);
    const ok = await client.post('/api/v1/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(ok.status).toBe(200);
  });

  it('throttles one address spraying many accounts', async () => {
    clock.advance(16 * MINUTE);
    const address = { 'x-forwarded-for': '203.0.113.9' };
    const client = new ApiClient(server.url);
    // Without trustProxy every request comes from 127.0.0.1: the per-address counter is shared.
    for (let attempt = 0; attempt < 20; attempt++) {
      const failed = await client.post(
        '/api/v1/auth/login',
        { email: `nobody${attempt}@example.test`, password: 'x'.repeat(12) },
        { headers: address },
      );
      expect(failed.status).toBe(401);
    }
    const blocked = await client.post<Problem>('/api/v1/auth/login', {
      email: t.admin.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    clock.advance(16 * MINUTE);
    expect(
      (await client.post('/api/v1/auth/login', { email: t.admin.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const client = await new ApiClient(server.url).signIn(t.admin.email, TEST_PASSWORD);
    const token = cookieOf(client, 'pw_csrf');
    expect(token).toBeTruthy();
    const missing = await client.post<Problem>(
      '/api/v1/accounts',
      { name: 'x' },
      { headers: { 'x-csrf-token': '' } },
    );
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf_failed');
    const forged = await client.post<Problem>(
      '/api/v1/accounts',
      { name: 'x' },
      { headers: { 'x-csrf-token': 'forged' } },
    );
    expect(forged.body.code).toBe('csrf_failed');
    // Reading is not a state change; and with the token the write goes through.
    expect((await client.get('/api/v1/accounts')).status).toBe(200);
    expect((await client.post('/api/v1/accounts', { name: 'with token' })).status).toBe(201);
  });

  it('ends sessions: sign-out, one session, everywhere, password change and admin reset', async () => {
    const user = await newUser();
    const laptop = await new ApiClient(server.url).signIn(user.email, TEST_PASSWORD);
    const phone = await new ApiClient(server.url).signIn(user.email, TEST_PASSWORD);
    const tablet = await new ApiClient(server.url).signIn(user.email, TEST_PASSWORD);
    const sessions = await laptop.get<{ id: string; current: boolean }[]>('/api/v1/me/sessions');
    expect(sessions.body).toHaveLength(3);
    expect(sessions.body.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = (
      await phone.get<{ id: string; current: boolean }[]>('/api/v1/me/sessions')
    ).body.find((s) => s.current);
    expect((await laptop.delete(`/api/v1/me/sessions/${phoneSession?.id}`)).status).toBe(204);
    expect((await phone.get('/api/v1/me')).status).toBe(401);

    expect(
      (
        await laptop.post('/api/v1/me/password', {
          currentPassword: 'wrong one here',
          newPassword: 'a new passphrase!',
        })
      ).status,
    ).toBe(422);
    const weak = await laptop.post<{ errors: { code: string }[] }>('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(
      (
        await laptop.post('/api/v1/me/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: 'a new passphrase!',
        })
      ).status,
    ).toBe(204);
    // The session that changed the password stays; every other one ends.
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
    expect((await tablet.get('/api/v1/me')).status).toBe(401);
    expect(
      (
        await new ApiClient(server.url).post('/api/v1/auth/login', {
          email: user.email,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(401);

    const again = await new ApiClient(server.url).signIn(user.email, 'a new passphrase!');
    const everywhere = await laptop.post<{ revoked: number }>('/api/v1/auth/logout-everywhere');
    expect(everywhere.body.revoked).toBe(2);
    expect((await again.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(401);

    const back = await new ApiClient(server.url).signIn(user.email, 'a new passphrase!');
    expect(
      (
        await t.client.post(`/api/v1/users/${user.id}/password`, {
          newPassword: 'reset by admin 1',
        })
      ).status,
    ).toBe(204);
    expect((await back.get('/api/v1/me')).status).toBe(401);
    expect(
      (
        await new ApiClient(server.url).post('/api/v1/auth/login', {
          email: user.email,
          password: 'reset by admin 1',
        })
      ).status,
    ).toBe(200);
    const rep = await new ApiClient(server.url).signIn(user.email, 'reset by admin 1');
    const notAdmin = await rep.post<Problem>(`/api/v1/users/${t.admin.id}/password`, {
      newPassword: 'take over admin',
    });
    expect(notAdmin.status).toBe(403);
  });

  it('authenticates integrations with personal API tokens: shown once, hashed, revocable', async () => {
    const user = await newUser();
    const owner = await new ApiClient(server.url).signIn(user.email, TEST_PASSWORD);
    const createdToken = await owner.post<{ token: string; apiToken: Token }>('/api/v1/me/tokens', {
      name: 'ERP sync',
    });
    expect(createdToken.status).toBe(201);
    const secret = createdToken.body.token;
    expect(secret).toMatch(/^pwt_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(createdToken.body.apiToken.prefix)).toBe(true);

    const integration = new ApiClient(server.url);
    integration.bearer = secret;
    // No cookie, so no CSRF token needed: a bearer token cannot be sent by another site.
    const made = await integration.post<{ ownerId: string }>('/api/v1/leads', {
      name: 'From ERP',
      source: 'partner',
    });
    expect(made.status).toBe(201);
    expect(made.body.ownerId).toBe(user.id);
    const listed = await owner.get<Token[]>('/api/v1/me/tokens');
    expect(listed.body[0]?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const row = await server.runtime.store.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(secret.slice(4));

    expect((await owner.delete(`/api/v1/me/tokens/${createdToken.body.apiToken.id}`)).status).toBe(
      204,
    );
    expect((await integration.get('/api/v1/me')).status).toBe(401);
    const bogus = new ApiClient(server.url);
    bogus.bearer = 'pwt_notarealtoken';
    expect((await bogus.get('/api/v1/me')).status).toBe(401);

    const expiring = await owner.post<{ token: string }>('/api/v1/me/tokens', {
      name: 'short-lived',
      expiresAt: new Date(clock.now().getTime() + MINUTE).toISOString(),
    });
    const shortLived = new ApiClient(server.url);
    shortLived.bearer = expiring.body.token;
    expect((await shortLived.get('/api/v1/me')).status).toBe(200);
    clock.advance(2 * MINUTE);
    expect((await shortLived.get('/api/v1/me')).status).toBe(401);
  });

  it('stops a disabled user’s sessions and tokens at once', async () => {
    const user = await newUser();
    const session = await new ApiClient(server.url).signIn(user.email, TEST_PASSWORD);
    const token = await session.post<{ token: string }>('/api/v1/me/tokens', { name: 't' });
    const integration = new ApiClient(server.url);
    integration.bearer = token.body.token;
    expect((await integration.get('/api/v1/me')).status).toBe(200);
    const disabled = await t.client.post(`/api/v1/users/${user.id}/disable`, {
      version: user.version,
    });
    expect(disabled.status).toBe(200);
    expect((await session.get('/api/v1/me')).status).toBe(401);
    expect((await integration.get('/api/v1/me')).status).toBe(401);
  });

  it('sends security headers and no CORS grant by default', async () => {
    const response = await t.client.get('/api/v1/me', {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toBeTruthy();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never puts a stack trace or SQL in an error response', async () => {
    const response = await t.client.get<string>('/api/v1/accounts?cursor=%FF%FE');
    expect(JSON.stringify(response.body)).not.toMatch(
      /at .*\.(ts|js):\d+|select |SQLITE|postgres/i,
    );
  });
});
