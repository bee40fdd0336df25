import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

const MISSING = '0190a000-0000-7000-8000-000000000000';

interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}
interface Target {
  id: string;
  version: number;
  subjectType: string;
  subjectId: string;
  amountMinor: number;
  periodStart: string;
  periodEnd: string;
}

/**
 * Sales targets over HTTP: who may set and read them (admins everything; a manager the
 * people and teams under the teams they manage; reps only read their own and their
 * teams'), the validation answers, overlapping targets refused, stale versions refused,
 * and an audit entry for every change.
 */
describe.each(dialectsUnderTest())('sales targets API ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  const ids: Record<string, string> = {};
  const clients: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const admin = t.client;
    const sales = await created(admin.post('/api/v1/teams', { name: 'Sales' }));
    const east = await created(admin.post('/api/v1/teams', { name: 'East', parentId: sales.id }));
    const north = await created(admin.post('/api/v1/teams', { name: 'North', parentId: sales.id }));
    Object.assign(ids, { sales: sales.id, east: east.id, north: north.id });
    for (const [name, role, teamId] of [
      ['eastManager', 'manager', east.id],
      ['rep1', 'rep', east.id],
      ['northRep', 'rep', north.id],
    ] as const) {
      const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
      const user = await created(
        admin.post('/api/v1/users', { email, name, role, teamId, password: TEST_PASSWORD }),
      );
      ids[name] = user.id;
      clients[name] = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
    }
    const team = await admin.get<{ version: number }>(`/api/v1/teams/${east.id}`);
    await admin.patch(`/api/v1/teams/${east.id}`, {
      managerId: ids.eastManager,
      version: team.body.version,
    });
  });
  afterAll(async () => server?.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    subjectType: 'user',
    subjectId: ids.rep1,
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    amountMinor: 100_000_00,
    currency: 'CNY',
    ...overrides,
  });

  it('creates, reads, updates with a version and deletes, auditing each change', async () => {
    const target = await created<Target>(
      t.client.post('/api/v1/targets', body(), { headers: { 'x-request-id': 'tg-create' } }),
    );
    expect(target).toMatchObject({ subjectType: 'user', subjectId: ids.rep1, version: 1 });
    expect((await t.client.get<Target>(`/api/v1/targets/${target.id}`)).body.id).toBe(target.id);
    const updated = await t.client.patch<Target>(
      `/api/v1/targets/${target.id}`,
      { version: 1, amountMinor: 120_000_00 },
      { headers: { 'x-request-id': 'tg-update' } },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ amountMinor: 120_000_00, version: 2 });
    const stale = await t.client.patch<Problem>(`/api/v1/targets/${target.id}`, {
      version: 1,
      amountMinor: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const removed = await t.client.delete(`/api/v1/targets/${target.id}`, {
      headers: { 'x-request-id': 'tg-delete' },
    });
    expect(removed.status).toBe(204);
    expect((await t.client.get(`/api/v1/targets/${target.id}`)).status).toBe(404);
    const audit = await sql<{ action: string; request_id: string }>`
      select action, request_id from audit_log
      where entity_type = 'target' and entity_id = ${target.id} order by at`.execute(
      server.runtime.store.db,
    );
    expect(audit.rows.map((row) => [row.action, row.request_id])).toEqual([
      ['create', 'tg-create'],
      ['update', 'tg-update'],
      ['delete', 'tg-delete'],
    ]);
  });

  it('answers 400 for malformed input, 422 for unknown subjects, 404 for unknown ids', async () => {
    const inverted = await t.client.post<Problem>(
      '/api/v1/targets',
      body({ periodStart: '2026-05-01', periodEnd: '2026-04-30' }),
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors?.[0]).toMatchObject({ path: 'periodEnd', code: 'invalid_period' });
    for (const bad of [
      { amountMinor: 0 },
      { amountMinor: -5 },
      { subjectType: 'pool' },
      { periodStart: '2026-02-30' },
      { currency: 'XXX' },
      { extra: true },
    ]) {
      const response = await t.client.post<Problem>('/api/v1/targets', body(bad));
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    const unknown = await t.client.post<Problem>(
      '/api/v1/targets',
      body({ subjectType: 'team', subjectId: ids.rep1 }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('reference_not_found');
    expect((await t.client.get(`/api/v1/targets/${MISSING}`)).status).toBe(404);
    expect((await t.client.patch(`/api/v1/targets/${MISSING}`, { version: 1 })).status).toBe(404);
  });

  it('refuses an overlapping target for the same subject, currency and pipeline scope', async () => {
    const subject = { subjectType: 'user', subjectId: ids.northRep };
    const first = await created<Target>(t.client.post('/api/v1/targets', body(subject)));
    const overlap = await t.client.post<Problem>(
      '/api/v1/targets',
      body({ ...subject, periodStart: '2026-03-31', periodEnd: '2026-06-30' }),
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('duplicate');
    // Another currency, the next quarter, or a per-pipeline target are separate quotas.
    const pipelines = await t.client.get<{ items: { id: string }[] }>('/api/v1/pipelines');
    for (const other of [
      { currency: 'USD' },
      { periodStart: '2026-04-01', periodEnd: '2026-06-30' },
      { pipelineId: pipelines.body.items[0]?.id },
    ])
      expect((await t.client.post('/api/v1/targets', body({ ...subject, ...other }))).status).toBe(
        201,
      );
    // Moving the first target onto the second quarter collides too.
    const moved = await t.client.patch<Problem>(`/api/v1/targets/${first.id}`, {
      version: first.version,
      periodEnd: '2026-04-15',
    });
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('duplicate');
  });

  it('lets managers set targets for their teams only, and reps read only their own', async () => {
    const manager = clients.eastManager as ApiClient;
    const mine = await manager.post<Target>(
      '/api/v1/targets',
      body({
        subjectType: 'team',
        subjectId: ids.east,
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
      }),
    );
    expect(mine.status).toBe(201);
    const forRep = await manager.post<Target>(
      '/api/v1/targets',
      body({ periodStart: '2027-01-01', periodEnd: '2027-03-31' }),
    );
    expect(forRep.status).toBe(201);
    const notMine = await manager.post<Problem>(
      '/api/v1/targets',
      body({ subjectId: ids.northRep, periodStart: '2027-01-01', periodEnd: '2027-03-31' }),
    );
    expect(notMine.status).toBe(403);
    const parent = await manager.post<Problem>(
      '/api/v1/targets',
      body({
        subjectType: 'team',
        subjectId: ids.sales,
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
      }),
    );
    expect(parent.status).toBe(403);
    const sales = await created<Target>(
      t.client.post(
        '/api/v1/targets',
        body({
          subjectType: 'team',
          subjectId: ids.sales,
          periodStart: '2027-01-01',
          periodEnd: '2027-03-31',
        }),
      ),
    );
    const north = await created<Target>(
      t.client.post(
        '/api/v1/targets',
        body({ subjectId: ids.northRep, periodStart: '2027-01-01', periodEnd: '2027-03-31' }),
      ),
    );

    const rep = clients.rep1 as ApiClient;
    const write = await rep.post<Problem>(
      '/api/v1/targets',
      body({ periodStart: '2028-01-01', periodEnd: '2028-03-31' }),
    );
    expect(write.status).toBe(403);
    const seen = await rep.get<{ items: Target[] }>(
      '/api/v1/targets?from=2027-01-01&to=2027-12-31',
    );
    // Their own, their team's and the team above it; not a colleague's in another team.
    expect(seen.body.items.map((item) => item.id).sort()).toEqual(
      [mine.body.id, forRep.body.id, sales.id].sort(),
    );
    expect((await rep.get(`/api/v1/targets/${north.id}`)).status).toBe(404);
    expect(
      (await rep.patch(`/api/v1/targets/${forRep.body.id}`, { version: 1, amountMinor: 5 })).status,
    ).toBe(403);
    expect((await manager.get(`/api/v1/targets/${north.id}`)).status).toBe(404);
    expect(
      (await manager.patch(`/api/v1/targets/${forRep.body.id}`, { version: 1, amountMinor: 5 }))
        .status,
    ).toBe(200);
    expect((await manager.delete(`/api/v1/targets/${sales.id}`)).status).toBe(403);
  });
});
