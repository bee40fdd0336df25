import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}
interface Versioned {
  id: string;
  version: number;
}

describe.each(dialectsUnderTest())('users, teams, pools and tenant settings ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  it('creates users with normalised e-mails, enforces password rules and unique e-mails', async () => {
    const user = await created<Versioned & { email: string; role: string; status: string }>(
      t.client.post('/api/v1/users', {
        email: '  Li.Na@Example.TEST ',
        name: '李娜',
        role: 'rep',
        password: 'a long passphrase',
      }),
    );
    expect(user).toMatchObject({ email: 'li.na@example.test', role: 'rep', status: 'active' });
    expect(JSON.stringify(user)).not.toContain('password');
    const signIn = await new ApiClient(server.url).post('/api/v1/auth/login', {
      email: 'li.na@example.test',
      password: 'a long passphrase',
    });
    expect(signIn.status).toBe(200);
    const duplicate = await t.client.post<Problem>('/api/v1/users', {
      email: 'LI.NA@example.test',
      name: 'x',
      role: 'rep',
    });
    expect(duplicate.status).toBe(409);
    const weak = await t.client.post<Problem>('/api/v1/users', {
      email: 'wang@example.test',
      name: 'x',
      role: 'rep',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors?.[0]).toMatchObject({ path: 'password', code: 'too_short' });
    const disabled = await t.client.post<{ status: string }>(`/api/v1/users/${user.id}/disable`, {
      version: user.version,
    });
    expect(disabled.body.status).toBe('disabled');
    const blocked = await new ApiClient(server.url).post('/api/v1/auth/login', {
      email: 'li.na@example.test',
      password: 'a long passphrase',
    });
    expect(blocked.status).toBe(401);
  });

  it('builds a team tree and refuses loops and deleting non-empty teams', async () => {
    const company = await created<Versioned>(
      t.client.post('/api/v1/teams', { name: '销售部', managerId: t.admin.id }),
    );
    const east = await created<Versioned>(
      t.client.post('/api/v1/teams', { name: '华东', parentId: company.id }),
    );
    const loop = await t.client.patch<Problem>(`/api/v1/teams/${company.id}`, {
      version: company.version,
      parentId: east.id,
    });
    expect(loop.status).toBe(422);
    expect(loop.body.code).toBe('cycle_detected');
    const children = await t.client.get<{ items: Versioned[] }>(
      `/api/v1/teams?parentId=${company.id}`,
    );
    expect(children.body.items.map((team) => team.id)).toEqual([east.id]);
    const member = await created<Versioned>(
      t.client.post('/api/v1/users', {
        email: 'east.rep@example.test',
        name: 'Rep',
        role: 'rep',
        teamId: east.id,
      }),
    );
    const refused = await t.client.delete<Problem>(`/api/v1/teams/${east.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('has_dependents');
    await t.client.patch(`/api/v1/users/${member.id}`, { version: member.version, teamId: null });
    expect((await t.client.delete(`/api/v1/teams/${east.id}`)).status).toBe(204);
    expect((await t.client.get(`/api/v1/teams/${east.id}`)).status).toBe(404);
    const users = await t.client.get<{ items: { id: string }[] }>(
      '/api/v1/users?role=rep&q=east.rep',
    );
    expect(users.body.items.map((u) => u.id)).toEqual([member.id]);
  });

  it('keeps the default pool and removes only empty pools', async () => {
    const pools = await t.client.get<{ items: (Versioned & { isDefault: boolean })[] }>(
      '/api/v1/pools',
    );
    const fallback = pools.body.items.find((p) => p.isDefault) as Versioned;
    const refused = await t.client.delete<Problem>(`/api/v1/pools/${fallback.id}`);
    expect(refused.status).toBe(409);
    const regional = await created<Versioned>(
      t.client.post('/api/v1/pools', { name: '华南公海', region: '深圳' }),
    );
    const lead = await created<Versioned>(
      t.client.post('/api/v1/leads', { name: 'L', source: 'event', poolId: regional.id }),
    );
    expect((await t.client.delete<Problem>(`/api/v1/pools/${regional.id}`)).body.code).toBe(
      'has_dependents',
    );
    await t.client.patch(`/api/v1/leads/${lead.id}`, {
      version: lead.version,
      ownerId: t.admin.id,
    });
    expect((await t.client.delete(`/api/v1/pools/${regional.id}`)).status).toBe(204);
  });

  it('reads and edits the tenant’s settings', async () => {
    const tenant = await t.client.get<
      Versioned & { locale: string; timeZone: string; defaultCurrency: string }
    >('/api/v1/tenant');
    expect(tenant.body).toMatchObject({
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      defaultCurrency: 'CNY',
    });
    const updated = await t.client.patch<{ timeZone: string; version: number }>('/api/v1/tenant', {
      version: tenant.body.version,
      timeZone: 'Europe/Berlin',
      defaultCurrency: 'EUR',
    });
    expect(updated.body).toMatchObject({
      timeZone: 'Europe/Berlin',
      version: tenant.body.version + 1,
    });
    const badZone = await t.client.patch<Problem>('/api/v1/tenant', {
      version: updated.body.version,
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.status).toBe(400);
    const stale = await t.client.patch<Problem>('/api/v1/tenant', {
      version: tenant.body.version,
      name: 'x',
    });
    expect(stale.status).toBe(409);
  });
});
