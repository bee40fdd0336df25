import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * The role × visibility matrix. A sales department with two regional teams; records owned
 * by reps of both, records in the public pool, and a northern deal with an eastern rep on
 * its team. Each principal must see exactly its expected records — in lists and by id —
 * and get 404 (not 403) for the rest, so ids cannot be probed.
 */
type Kind = 'leads' | 'accounts' | 'contacts' | 'opportunities' | 'activities' | 'tasks';
type Person =
  'director' | 'eastManager' | 'rep1' | 'rep2' | 'northRep' | 'leadOps' | 'leadOpsGranted';

interface Rec {
  readonly kind: Kind;
  readonly id: string;
}

const everyone = ['admin', 'director'];
/** Who sees each record, beyond admin (sees all) and the other tenant (sees none). */
const expected: Record<string, readonly string[]> = {
  'lead:rep1': [...everyone, 'eastManager', 'rep1', 'leadOps', 'leadOpsGranted'],
  'lead:rep2': [...everyone, 'eastManager', 'rep2', 'leadOps', 'leadOpsGranted'],
  'lead:north': [...everyone, 'northRep', 'leadOps', 'leadOpsGranted'],
  'lead:pool': [
    ...everyone,
    'eastManager',
    'rep1',
    'rep2',
    'northRep',
    'leadOps',
    'leadOpsGranted',
  ],
  'account:rep1': [...everyone, 'eastManager', 'rep1', 'leadOps', 'leadOpsGranted'],
  'account:rep2': [...everyone, 'eastManager', 'rep2', 'leadOps', 'leadOpsGranted'],
  // The shared deal sits on this account, so rep1 and the east manager see it through the deal.
  'account:north': [...everyone, 'eastManager', 'rep1', 'northRep', 'leadOps', 'leadOpsGranted'],
  'account:pool': [
    ...everyone,
    'eastManager',
    'rep1',
    'rep2',
    'northRep',
    'leadOps',
    'leadOpsGranted',
  ],
  'contact:rep1': [...everyone, 'eastManager', 'rep1', 'leadOps', 'leadOpsGranted'],
  'contact:north': [...everyone, 'eastManager', 'rep1', 'northRep', 'leadOps', 'leadOpsGranted'],
  'opportunity:rep1': [...everyone, 'eastManager', 'rep1', 'leadOpsGranted'],
  'opportunity:rep2': [...everyone, 'eastManager', 'rep2', 'leadOpsGranted'],
  'opportunity:north': [...everyone, 'northRep', 'leadOpsGranted'],
  'opportunity:shared': [...everyone, 'eastManager', 'rep1', 'northRep', 'leadOpsGranted'],
  'activity:rep1': [...everyone, 'eastManager', 'rep1', 'leadOpsGranted'],
  'activity:north': [...everyone, 'northRep', 'leadOpsGranted'],
  'task:rep2': [...everyone, 'eastManager', 'rep2', 'leadOpsGranted'],
};

const kindOf: Record<string, Kind> = {
  lead: 'leads',
  account: 'accounts',
  contact: 'contacts',
  opportunity: 'opportunities',
  activity: 'activities',
  task: 'tasks',
};

describe.each(dialectsUnderTest())('role × visibility matrix ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  const users = new Map<Person, { id: string; client: ApiClient }>();
  const records = new Map<string, Rec>();
  const clientOf = (name: string): ApiClient => {
    if (name === 'admin') return t.client;
    if (name === 'otherTenant') return other.client;
    const user = users.get(name as Person);
    if (!user) throw new Error(name);
    return user.client;
  };
  const idOf = (name: Person) => users.get(name)?.id ?? '';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    other = await createTestTenant(server);
    const admin = t.client;
    const sales = await created(admin.post('/api/v1/teams', { name: '销售部' }));
    const east = await created(admin.post('/api/v1/teams', { name: '华东', parentId: sales.id }));
    const north = await created(admin.post('/api/v1/teams', { name: '华北', parentId: sales.id }));
    const people: [Person, string, string | null, string[]?][] = [
      ['director', 'manager', sales.id],
      ['eastManager', 'manager', east.id],
      ['rep1', 'rep', east.id],
      ['rep2', 'rep', east.id],
      ['northRep', 'rep', north.id],
      ['leadOps', 'lead_ops', null],
      ['leadOpsGranted', 'lead_ops', null, ['view_opportunities']],
    ];
    for (const [name, role, teamId, grants] of people) {
      const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
      const user = await created(
        admin.post('/api/v1/users', {
          email,
          name,
          role,
          teamId,
          password: TEST_PASSWORD,
          ...(grants ? { grants } : {}),
        }),
      );
      users.set(name, {
        id: user.id,
        client: await new ApiClient(server.url).signIn(email, TEST_PASSWORD),
      });
    }
    const patch = (path: string, body: Record<string, unknown>) =>
      admin
        .get<{ version: number }>(path)
        .then((r) => admin.patch(path, { ...body, version: r.body.version }));
    await patch(`/api/v1/teams/${sales.id}`, { managerId: idOf('director') });
    await patch(`/api/v1/teams/${east.id}`, { managerId: idOf('eastManager') });

    const pools = await admin.get<{ items: { id: string; isDefault: boolean }[] }>('/api/v1/pools');
    const poolId = pools.body.items.find((p) => p.isDefault)?.id;
    const add = async (
      name: string,
      path: string,
      body: Record<string, unknown>,
      as: ApiClient = admin,
    ) => {
      const record = await created(as.post(path, body));
      records.set(name, { kind: kindOf[name.split(':')[0] ?? ''] ?? 'leads', id: record.id });
      return record.id;
    };
    for (const [suffix, owner] of [
      ['rep1', 'rep1'],
      ['rep2', 'rep2'],
      ['north', 'northRep'],
    ] as const) {
      await add(`lead:${suffix}`, '/api/v1/leads', {
        name: `L ${suffix}`,
        source: 'website',
        ownerId: idOf(owner),
      });
      const accountId = await add(`account:${suffix}`, '/api/v1/accounts', {
        name: `A ${suffix}`,
        ownerId: idOf(owner),
      });
      if (suffix !== 'rep2') {
        await add(`contact:${suffix}`, '/api/v1/contacts', {
          accountId,
          name: `C ${suffix}`,
          ownerId: idOf(owner),
        });
      }
      await add(`opportunity:${suffix}`, '/api/v1/opportunities', {
        name: `O ${suffix}`,
        accountId,
        ownerId: idOf(owner),
      });
    }
    await add('lead:pool', '/api/v1/leads', { name: 'L pool', source: 'event', poolId });
    await add('account:pool', '/api/v1/accounts', { name: 'A pool', poolId });
    const shared = await add('opportunity:shared', '/api/v1/opportunities', {
      name: 'O shared',
      accountId: records.get('account:north')?.id,
      ownerId: idOf('northRep'),
    });
    await created(
      admin.post(`/api/v1/opportunities/${shared}/members`, {
        userId: idOf('rep1'),
        role: 'co_seller',
      }),
    );
    const rep1 = clientOf('rep1');
    await add(
      'activity:rep1',
      '/api/v1/activities',
      { type: 'call', subject: 'a', opportunityId: records.get('opportunity:rep1')?.id },
      rep1,
    );
    await add(
      'activity:north',
      '/api/v1/activities',
      { type: 'visit', subject: 'b', opportunityId: records.get('opportunity:north')?.id },
      clientOf('northRep'),
    );
    await add(
      'task:rep2',
      '/api/v1/tasks',
      { title: 't', opportunityId: records.get('opportunity:rep2')?.id },
      clientOf('rep2'),
    );
  });
  afterAll(async () => server?.close());

  const principals = [
    'admin',
    'director',
    'eastManager',
    'rep1',
    'rep2',
    'northRep',
    'leadOps',
    'leadOpsGranted',
    'otherTenant',
  ];

  it.each(principals)('%s sees exactly its records by id', async (principal) => {
    const client = clientOf(principal);
    for (const [name, record] of records) {
      const visible = principal === 'admin' || (expected[name] ?? []).includes(principal);
      const response = await client.get(`/api/v1/${record.kind}/${record.id}`);
      const allowed = visible
        ? [200]
        : record.kind === 'opportunities' && principal === 'leadOps'
          ? [403]
          : [404];
      expect(allowed, `${principal} GET ${name}: ${response.status}`).toContain(response.status);
    }
  });

  it.each(principals)('%s lists exactly its records', async (principal) => {
    const client = clientOf(principal);
    for (const kind of [
      'leads',
      'accounts',
      'contacts',
      'opportunities',
      'activities',
      'tasks',
    ] as const) {
      const response = await client.get<{ items: { id: string }[] }>(`/api/v1/${kind}?limit=200`);
      if (kind === 'opportunities' && principal === 'leadOps') {
        expect(response.status).toBe(403);
        continue;
      }
      expect(response.status, `${principal} lists ${kind}`).toBe(200);
      const listed = new Set(response.body.items.map((item) => item.id));
      const want = [...records]
        .filter(
          ([name, record]) =>
            record.kind === kind &&
            (principal === 'admin' || (expected[name] ?? []).includes(principal)),
        )
        .map(([, record]) => record.id)
        .sort();
      const known = [...records.values()].filter((r) => r.kind === kind).map((r) => r.id);
      expect(known.filter((id) => listed.has(id)).sort(), `${principal} lists ${kind}`).toEqual(
        want,
      );
    }
  });

  it('counts only visible deals in the pipeline summary', async () => {
    const pipelines = await clientOf('rep1').get<{ items: { id: string }[] }>('/api/v1/pipelines');
    const summary = await clientOf('rep1').get<{ stages: { count: number }[] }>(
      `/api/v1/pipelines/${pipelines.body.items[0]?.id}/summary`,
    );
    expect(summary.body.stages.reduce((sum, s) => sum + s.count, 0)).toBe(2);
    const bossSummary = await t.client.get<{ stages: { count: number }[] }>(
      `/api/v1/pipelines/${pipelines.body.items[0]?.id}/summary`,
    );
    expect(bossSummary.body.stages.reduce((sum, s) => sum + s.count, 0)).toBe(4);
    expect(
      (await clientOf('leadOps').get(`/api/v1/pipelines/${pipelines.body.items[0]?.id}/summary`))
        .status,
    ).toBe(403);
  });

  it('lets each role do only what it may', async () => {
    const rep1 = clientOf('rep1');
    const opp2 = records.get('opportunity:rep2')?.id;
    expect(
      (await rep1.patch(`/api/v1/opportunities/${opp2}`, { version: 1, name: 'mine now' })).status,
    ).toBe(404);
    expect((await rep1.delete(`/api/v1/accounts/${records.get('account:rep1')?.id}`)).status).toBe(
      403,
    );
    const giveAway = await rep1.post<{ code: string }>('/api/v1/accounts', {
      name: 'x',
      ownerId: idOf('rep2'),
    });
    expect(giveAway.status).toBe(403);
    expect((await rep1.post('/api/v1/accounts', { name: 'mine' })).status).toBe(201);
    // A rep cannot reach another rep's account even to hang a deal on it.
    const foreignAccount = await rep1.post<{ code: string }>('/api/v1/opportunities', {
      name: 'x',
      accountId: records.get('account:rep2')?.id,
    });
    expect(foreignAccount.status).toBe(422);
    expect(
      (await rep1.post('/api/v1/users', { email: 'x@y.test', name: 'x', role: 'admin' })).status,
    ).toBe(403);
    expect((await rep1.get('/api/v1/users')).status).toBe(200);
    expect(
      (await rep1.post('/api/v1/pipelines', { key: 'k', nameZh: 'k', nameEn: 'k', stages: [] }))
        .status,
    ).toBe(400);

    const manager = clientOf('eastManager');
    expect(
      (await manager.post('/api/v1/accounts', { name: 'for rep2', ownerId: idOf('rep2') })).status,
    ).toBe(201);
    expect(
      (await manager.post('/api/v1/accounts', { name: 'for north', ownerId: idOf('northRep') }))
        .status,
    ).toBe(403);

    const ops = clientOf('leadOps');
    const lead = records.get('lead:rep1')?.id;
    const current = await ops.get<{ version: number }>(`/api/v1/leads/${lead}`);
    const reassigned = await ops.patch<{ ownerId: string }>(`/api/v1/leads/${lead}`, {
      version: current.body.version,
      ownerId: idOf('northRep'),
    });
    expect(reassigned.status).toBe(200);
    expect(
      (
        await ops.post('/api/v1/opportunities', {
          name: 'x',
          accountId: records.get('account:pool')?.id,
        })
      ).status,
    ).toBe(403);
    expect((await ops.patch(`/api/v1/tenant`, { version: 1, name: 'x' })).status).toBe(403);
  });

  it('shows the audit trail of visible records only', async () => {
    const rep1 = clientOf('rep1');
    const mine = await rep1.get<{ items: unknown[] }>(
      `/api/v1/audit?entityType=opportunity&entityId=${records.get('opportunity:rep1')?.id}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    const theirs = await rep1.get(
      `/api/v1/audit?entityType=opportunity&entityId=${records.get('opportunity:rep2')?.id}`,
    );
    expect(theirs.status).toBe(404);
    expect((await rep1.get('/api/v1/audit')).status).toBe(403);
    expect((await t.client.get('/api/v1/audit')).status).toBe(200);
  });
});
