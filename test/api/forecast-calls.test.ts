import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Forecast calls over HTTP: who may set a deal's forecast category (owner, a manager or
 * admin who sees it; 404 for a deal you cannot see, 403 for one you see but do not own),
 * who may record and read managers' overrides (admins anyone's, managers their subtree's,
 * reps nobody's), validation, audit, and that the latest override is the one in force —
 * also in the forecast report, beside the reps' own figure.
 */
type Person = 'director' | 'eastManager' | 'rep1' | 'rep2' | 'northRep';

interface Override {
  id: string;
  subjectType: string;
  subjectId: string;
  category: string;
  amountMinor: number;
  note: string | null;
}

const PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };

describe.each(dialectsUnderTest())('forecast calls ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let instant = Date.parse('2026-02-10T02:00:00.000Z');
  const users = new Map<Person, { id: string; client: ApiClient }>();
  const teams: Record<string, string> = {};
  let pipelineId = '';
  const deals: Record<string, { id: string; version: number }> = {};
  const as = (name: Person | 'admin') => (name === 'admin' ? t.client : users.get(name)?.client);
  const idOf = (name: Person) => users.get(name)?.id ?? '';
  const call = (who: Person | 'admin', deal: string, body: unknown) =>
    (as(who) as ApiClient).request<{ category: string | null; version: number }>(
      'PUT',
      `/api/v1/opportunities/${deal}/forecast-category`,
      body,
    );
  const override = (who: Person | 'admin', body: Record<string, unknown>) =>
    (as(who) as ApiClient).post<Override>('/api/v1/forecast-overrides', {
      pipelineId,
      ...PERIOD,
      currency: 'CNY',
      ...body,
    });
  const auditOf = async (entityId: string) =>
    (
      await sql<{ action: string; actor_id: string | null }>`
        select action, actor_id from audit_log where tenant_id = ${t.tenant.id}
          and entity_id = ${entityId}`.execute(server.runtime.store.db)
    ).rows;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock: { now: () => new Date(instant) } });
    t = await createTestTenant(server);
    const admin = t.client;
    const sales = await created(admin.post('/api/v1/teams', { name: 'Sales' }));
    const east = await created(admin.post('/api/v1/teams', { name: 'East', parentId: sales.id }));
    const north = await created(admin.post('/api/v1/teams', { name: 'North', parentId: sales.id }));
    Object.assign(teams, { sales: sales.id, east: east.id, north: north.id });
    const people: [Person, string, string][] = [
      ['director', 'manager', sales.id],
      ['eastManager', 'manager', east.id],
      ['rep1', 'rep', east.id],
      ['rep2', 'rep', east.id],
      ['northRep', 'rep', north.id],
    ];
    for (const [name, role, teamId] of people) {
      const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
      const user = await created(
        admin.post('/api/v1/users', { email, name, role, teamId, password: TEST_PASSWORD }),
      );
      users.set(name, {
        id: user.id,
        client: await new ApiClient(server.url).signIn(email, TEST_PASSWORD),
      });
    }
    for (const [team, manager] of [
      [sales.id, 'director'],
      [east.id, 'eastManager'],
    ] as const) {
      const current = await admin.get<{ version: number }>(`/api/v1/teams/${team}`);
      await admin.patch(`/api/v1/teams/${team}`, {
        managerId: idOf(manager),
        version: current.body.version,
      });
    }
    pipelineId = (await createUngatedDefaultPipeline(admin)).id;
    const account = await created(admin.post('/api/v1/accounts', { name: 'Acme' }));
    for (const [key, owner, amountMinor] of [
      ['rep1', 'rep1', 300_000],
      ['rep1b', 'rep1', 50_000],
      ['north', 'northRep', 700_000],
    ] as const)
      deals[key] = await created(
        admin.post('/api/v1/opportunities', {
          name: key,
          accountId: account.id,
          ownerId: idOf(owner),
          pipelineId,
          amount: { amountMinor, currency: 'CNY' },
          expectedCloseDate: '2026-03-15',
        }),
      );
    // rep2 sees rep1's deal through its opportunity team, but does not own it.
    await admin.post(`/api/v1/opportunities/${deals.rep1?.id}/members`, {
      userId: idOf('rep2'),
      role: 'co_seller',
    });
  });
  afterAll(async () => server?.close());

  it('lets the owner call a deal, audited, with optimistic concurrency', async () => {
    const deal = deals.rep1 ?? { id: '', version: 0 };
    const set = await call('rep1', deal.id, { category: 'commit', version: deal.version });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ category: 'commit', version: deal.version + 1 });
    expect(
      (await call('rep1', deal.id, { category: 'pipeline', version: deal.version })).status,
    ).toBe(409);
    expect(await auditOf(deal.id)).toContainEqual({ action: 'update', actor_id: idOf('rep1') });
    const read = await t.client.get<{ version: number }>(`/api/v1/opportunities/${deal.id}`);
    expect(read.body.version).toBe(deal.version + 1);
  });

  it('lets a manager who sees the deal call it; hides deals from those who cannot see them', async () => {
    const deal = deals.rep1b?.id ?? '';
    expect((await call('eastManager', deal, { category: 'best_case' })).status).toBe(200);
    expect((await call('admin', deal, { category: null })).body.category).toBeNull();
    expect((await call('northRep', deal, { category: 'commit' })).status).toBe(404);
    expect((await call('eastManager', deals.north?.id ?? '', { category: 'commit' })).status).toBe(
      404,
    );
    expect((await call('rep2', deals.rep1?.id ?? '', { category: 'omitted' })).status).toBe(403);
  });

  it('validates the category (400) and the deal (404)', async () => {
    expect((await call('rep1', deals.rep1?.id ?? '', { category: 'closed' })).status).toBe(400);
    expect((await call('rep1', deals.rep1?.id ?? '', {})).status).toBe(400);
    expect(
      (await call('admin', '01900000-0000-7000-8000-000000000000', { category: null })).status,
    ).toBe(404);
  });

  it('lets managers override their subtree only, and nobody else', async () => {
    const east = await override('eastManager', {
      subjectType: 'user',
      subjectId: idOf('rep1'),
      category: 'commit',
      amountMinor: 250_000,
    });
    expect(east.status).toBe(201);
    expect(east.body).toMatchObject({ subjectName: 'rep1', amountMinor: 250_000 });
    expect(await auditOf(east.body.id)).toEqual([
      { action: 'create', actor_id: idOf('eastManager') },
    ]);
    const team = await override('director', {
      subjectType: 'team',
      subjectId: teams.east,
      category: 'best_case',
      amountMinor: 400_000,
    });
    expect(team.status).toBe(201);
    const refused = [
      await override('eastManager', {
        subjectType: 'user',
        subjectId: idOf('northRep'),
        category: 'commit',
        amountMinor: 1,
      }),
      await override('eastManager', {
        subjectType: 'team',
        subjectId: teams.sales,
        category: 'commit',
        amountMinor: 1,
      }),
      await override('rep1', {
        subjectType: 'user',
        subjectId: idOf('rep1'),
        category: 'commit',
        amountMinor: 1,
      }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(
      (
        await override('admin', {
          subjectType: 'user',
          subjectId: idOf('northRep'),
          category: 'pipeline',
          amountMinor: 9,
        })
      ).status,
    ).toBe(201);
  });

  it('validates overrides: 400 for bad input, 422 for unknown references', async () => {
    const base = {
      subjectType: 'user',
      subjectId: idOf('rep1'),
      category: 'commit',
      amountMinor: 1,
    };
    expect((await override('admin', { ...base, category: 'closed' })).status).toBe(400);
    expect((await override('admin', { ...base, periodEnd: '2025-12-31' })).status).toBe(400);
    expect((await override('admin', { ...base, periodStart: '2026-02-30' })).status).toBe(400);
    expect(
      (await override('admin', { ...base, subjectId: '01900000-0000-7000-8000-000000000000' }))
        .status,
    ).toBe(422);
    expect(
      (await override('admin', { ...base, pipelineId: '01900000-0000-7000-8000-000000000000' }))
        .status,
    ).toBe(422);
  });

  it('keeps every override and puts the latest in force, in the list and the report', async () => {
    for (const amountMinor of [111_000, 222_000, 333_000]) {
      instant += 60_000;
      const made = await override('eastManager', {
        subjectType: 'user',
        subjectId: idOf('rep1'),
        category: 'best_case',
        amountMinor,
        note: `call ${amountMinor}`,
      });
      expect(made.status).toBe(201);
    }
    const query = `pipelineId=${pipelineId}&periodStart=2026-01-01&periodEnd=2026-03-31`;
    const list = await users
      .get('eastManager')
      ?.client.get<{ items: Override[] }>(
        `/api/v1/forecast-overrides?${query}&subjectId=${idOf('rep1')}`,
      );
    expect(list?.status).toBe(200);
    expect(list?.body.items.map((o) => [o.category, o.amountMinor])).toEqual([
      ['best_case', 333_000],
      ['commit', 250_000],
    ]);
    const rows = await sql<{ n: unknown }>`select count(*) as n from forecast_overrides
      where tenant_id = ${t.tenant.id} and category = 'best_case' and subject_type = 'user'`.execute(
      server.runtime.store.db,
    );
    expect(Number(rows.rows[0]?.n)).toBe(3);

    // The east manager reads the east subtree's overrides only; the admin reads them all.
    const mine = await users
      .get('eastManager')
      ?.client.get<{ items: Override[] }>(`/api/v1/forecast-overrides?${query}`);
    expect(mine?.body.items.every((o) => o.subjectId !== idOf('northRep'))).toBe(true);
    const all = await t.client.get<{ items: Override[] }>(`/api/v1/forecast-overrides?${query}`);
    expect(all.body.items.some((o) => o.subjectId === idOf('northRep'))).toBe(true);
    expect(
      (await users.get('rep1')?.client.get(`/api/v1/forecast-overrides?${query}`))?.status,
    ).toBe(403);
    expect((await t.client.get(`/api/v1/forecast-overrides?periodStart=2026-13-01`)).status).toBe(
      400,
    );
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await t.client.get(`/api/v1/forecast-overrides?subjectId=${unknown}`)).status).toBe(
      422,
    );
    expect((await t.client.get(`/api/v1/forecast-overrides?pipelineId=${unknown}`)).status).toBe(
      422,
    );
    const byTeam = await t.client.get<{ items: Override[] }>(
      `/api/v1/forecast-overrides?subjectId=${teams.east}`,
    );
    expect(byTeam.body.items.map((o) => o.amountMinor)).toEqual([400_000]);

    const report = await users.get('eastManager')?.client.get<{
      overrides: { subjectId: string; category: string; amountMinor: number; repMinor: number }[];
    }>(`/api/v1/reports/forecast?pipelineId=${pipelineId}&from=2026-01-01&to=2026-03-31`);
    expect(report?.status).toBe(200);
    const rep1 = report?.body.overrides.filter((o) => o.subjectId === idOf('rep1'));
    // rep1 called 300 000 commit; the other deal is on its stage's pipeline category.
    expect(rep1).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'commit', amountMinor: 250_000, repMinor: 300_000 }),
        expect.objectContaining({ category: 'best_case', amountMinor: 333_000, repMinor: 300_000 }),
      ]),
    );
    const team = report?.body.overrides.find((o) => o.subjectId === teams.east);
    // Set by the director, on a team the east manager manages too: shown, beside the team's figure.
    expect(team).toMatchObject({ category: 'best_case', amountMinor: 400_000, repMinor: 300_000 });
    const repView = await users
      .get('rep1')
      ?.client.get<{ overrides: unknown[] }>(
        `/api/v1/reports/forecast?pipelineId=${pipelineId}&from=2026-01-01&to=2026-03-31`,
      );
    expect(repView?.body.overrides).toEqual([]);
  });
});
