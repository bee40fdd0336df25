import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Account {
  id: string;
  name: string;
  version: number;
  parentId: string | null;
  ownerId: string | null;
  poolId: string | null;
  deletedAt: string | null;
  valueTier: string | null;
  region: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Problem {
  code: string;
  errors?: { path: string }[];
}

describe.each(dialectsUnderTest())('accounts and contacts ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  const createAccount = (body: Record<string, unknown>) =>
    created<Account>(t.client.post('/api/v1/accounts', body));

  it('creates, reads, updates with the current version and refuses a stale one', async () => {
    const account = await createAccount({
      name: '  上海华信科技有限公司  ',
      valueTier: 'benchmark',
      region: '上海',
    });
    expect(account).toMatchObject({
      name: '上海华信科技有限公司',
      version: 1,
      ownerId: t.admin.id,
      poolId: null,
    });
    const read = await t.client.get<Account>(`/api/v1/accounts/${account.id}`);
    expect(read.body).toEqual(account);

    const updated = await t.client.patch<Account>(`/api/v1/accounts/${account.id}`, {
      version: 1,
      region: '杭州',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ region: '杭州', valueTier: 'benchmark', version: 2 });

    // Someone else's edit landed in between: the stale version must not overwrite it.
    const stale = await t.client.patch<Problem>(`/api/v1/accounts/${account.id}`, {
      version: 1,
      region: '北京',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await t.client.get<Account>(`/api/v1/accounts/${account.id}`)).body.region).toBe(
      '杭州',
    );

    const cleared = await t.client.patch<Account>(`/api/v1/accounts/${account.id}`, {
      version: 2,
      valueTier: null,
    });
    expect(cleared.body.valueTier).toBeNull();
  });

  it('keeps the customer tree acyclic', async () => {
    const group = await createAccount({ name: 'Group' });
    const subsidiary = await createAccount({ name: 'Subsidiary', parentId: group.id });
    const grandchild = await createAccount({ name: 'Branch', parentId: subsidiary.id });
    const loop = await t.client.patch<Problem>(`/api/v1/accounts/${group.id}`, {
      version: 1,
      parentId: grandchild.id,
    });
    expect(loop.status).toBe(422);
    expect(loop.body.code).toBe('cycle_detected');
    const self = await t.client.patch<Problem>(`/api/v1/accounts/${group.id}`, {
      version: 1,
      parentId: group.id,
    });
    expect(self.body.code).toBe('cycle_detected');
    const children = await t.client.get<Page<Account>>(`/api/v1/accounts?parentId=${group.id}`);
    expect(children.body.items.map((a) => a.id)).toEqual([subsidiary.id]);
    const roots = await t.client.get<Page<Account>>('/api/v1/accounts?topLevel=true&limit=200');
    const rootIds = roots.body.items.map((a) => a.id);
    expect(rootIds).toContain(group.id);
    expect(rootIds).not.toContain(subsidiary.id);
    expect(rootIds).not.toContain(grandchild.id);
    expect(roots.body.items.every((a) => a.parentId === null)).toBe(true);
  });

  it('moves an account between owner and pool, never both', async () => {
    const pools = await t.client.get<Page<{ id: string; isDefault: boolean }>>('/api/v1/pools');
    const pool = pools.body.items.find((p) => p.isDefault);
    const account = await createAccount({ name: 'Pooled', poolId: pool?.id });
    expect(account).toMatchObject({ ownerId: null, poolId: pool?.id });
    const claimed = await t.client.patch<Account>(`/api/v1/accounts/${account.id}`, {
      version: 1,
      ownerId: t.admin.id,
    });
    expect(claimed.body).toMatchObject({ ownerId: t.admin.id, poolId: null });
    const both = await t.client.post<Problem>('/api/v1/accounts', {
      name: 'x',
      ownerId: t.admin.id,
      poolId: pool?.id,
    });
    expect(both.status).toBe(422);
    expect(both.body.code).toBe('ownership_conflict');
    const neither = await t.client.patch<Problem>(`/api/v1/accounts/${account.id}`, {
      version: 2,
      ownerId: null,
    });
    expect(neither.body.code).toBe('ownership_conflict');
  });

  it('pages through a filtered, sorted list without gaps or repeats', async () => {
    const names = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo', 'foxtrot', 'Golf'].map(
      (n) => `Paging ${n}`,
    );
    for (const name of names) await createAccount({ name, region: 'paging-test' });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = `/api/v1/accounts?region=paging-test&sort=name&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await t.client.get<Page<Account>>(query);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.items.map((a) => a.name));
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...names].sort());
    const descending = await t.client.get<Page<Account>>(
      '/api/v1/accounts?region=paging-test&sort=-name&limit=2',
    );
    expect(descending.body.items.map((a) => a.name)).toEqual(
      [...names].sort().reverse().slice(0, 2),
    );
    const search = await t.client.get<Page<Account>>('/api/v1/accounts?q=ALPHA');
    expect(search.body.items.map((a) => a.name)).toEqual(['Paging alpha']);
    const wildcard = await t.client.get<Page<Account>>('/api/v1/accounts?q=%25');
    expect(wildcard.body.items).toEqual([]);
  });

  it('rejects a cursor that does not belong to the list', async () => {
    const garbage = await t.client.get<Problem>('/api/v1/accounts?cursor=not-a-cursor');
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('invalid_cursor');
    await createAccount({ name: 'c1', region: 'cursor' });
    await createAccount({ name: 'c2', region: 'cursor' });
    const page = await t.client.get<Page<Account>>(
      '/api/v1/accounts?region=cursor&sort=name&limit=1',
    );
    const otherSort = await t.client.get<Problem>(
      `/api/v1/accounts?region=cursor&sort=createdAt&cursor=${page.body.nextCursor}`,
    );
    expect(otherSort.body.code).toBe('invalid_cursor');
  });

  it('soft-deletes to the trash, restores, and takes contacts along', async () => {
    const account = await createAccount({ name: 'Trash me' });
    const contact = await created<{ id: string }>(
      t.client.post('/api/v1/contacts', { accountId: account.id, name: '王伟' }),
    );
    expect((await t.client.delete(`/api/v1/accounts/${account.id}`)).status).toBe(204);
    expect((await t.client.get(`/api/v1/accounts/${account.id}`)).status).toBe(404);
    expect((await t.client.get(`/api/v1/contacts/${contact.id}`)).status).toBe(404);
    const live = await t.client.get<Page<Account>>('/api/v1/accounts?q=Trash');
    expect(live.body.items).toEqual([]);
    const trash = await t.client.get<Page<Account>>('/api/v1/accounts?q=Trash&deleted=only');
    expect(trash.body.items.map((a) => a.id)).toEqual([account.id]);
    expect(trash.body.items[0]?.deletedAt).not.toBeNull();
    expect((await t.client.delete(`/api/v1/accounts/${account.id}`)).status).toBe(404);

    const restored = await t.client.post<Account>(`/api/v1/accounts/${account.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await t.client.get(`/api/v1/contacts/${contact.id}`)).status).toBe(200);
    const again = await t.client.post<Problem>(`/api/v1/accounts/${account.id}/restore`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('not_deleted');
  });

  it('refuses to delete an account with open deals or live subsidiaries', async () => {
    const parent = await createAccount({ name: 'Parent' });
    await createAccount({ name: 'Child', parentId: parent.id });
    const withChild = await t.client.delete<Problem>(`/api/v1/accounts/${parent.id}`);
    expect(withChild.status).toBe(409);
    expect(withChild.body.code).toBe('has_dependents');
    const customer = await createAccount({ name: 'Customer' });
    await created(t.client.post('/api/v1/opportunities', { name: 'Deal', accountId: customer.id }));
    const withDeal = await t.client.delete<Problem>(`/api/v1/accounts/${customer.id}`);
    expect(withDeal.body.code).toBe('has_dependents');
  });

  it('keeps the decision chain inside one account and free of loops', async () => {
    const a = await createAccount({ name: 'Org A' });
    const b = await createAccount({ name: 'Org B' });
    const ceo = await created<{ id: string; version: number }>(
      t.client.post('/api/v1/contacts', {
        accountId: a.id,
        name: 'CEO',
        decisionRole: 'decision_maker',
        attitude: 'supporter',
      }),
    );
    const cio = await created<{ id: string; version: number; reportsToId: string }>(
      t.client.post('/api/v1/contacts', {
        accountId: a.id,
        name: 'CIO',
        decisionRole: 'influencer',
        reportsToId: ceo.id,
      }),
    );
    expect(cio.reportsToId).toBe(ceo.id);
    const elsewhere = await t.client.post<Problem>('/api/v1/contacts', {
      accountId: b.id,
      name: 'X',
      reportsToId: ceo.id,
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('reference_mismatch');
    const loop = await t.client.patch<Problem>(`/api/v1/contacts/${ceo.id}`, {
      version: 1,
      reportsToId: cio.id,
    });
    expect(loop.body.code).toBe('cycle_detected');
    // Moving the CIO to another company drops the reporting line that no longer applies.
    const moved = await t.client.patch<{ accountId: string; reportsToId: string | null }>(
      `/api/v1/contacts/${cio.id}`,
      {
        version: 1,
        accountId: b.id,
      },
    );
    expect(moved.body).toMatchObject({ accountId: b.id, reportsToId: null });
    const byRole = await t.client.get<Page<{ id: string }>>(
      `/api/v1/contacts?accountId=${a.id}&decisionRole=decision_maker`,
    );
    expect(byRole.body.items.map((c) => c.id)).toEqual([ceo.id]);
  });

  it('replays an idempotent create instead of creating twice', async () => {
    const headers = { 'idempotency-key': 'import-row-42' };
    const first = await t.client.post<Account>('/api/v1/accounts', { name: 'Once' }, { headers });
    const second = await t.client.post<Account>('/api/v1/accounts', { name: 'Once' }, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const list = await t.client.get<Page<Account>>('/api/v1/accounts?q=Once');
    expect(list.body.items).toHaveLength(1);
    const reused = await t.client.post<Problem>(
      '/api/v1/accounts',
      { name: 'Different' },
      { headers },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    // Keys belong to their sender: another user's identical key is a different request.
    const other = await createTestTenant(server);
    const theirs = await other.client.post<Account>(
      '/api/v1/accounts',
      { name: 'Once' },
      { headers },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('answers concurrent retries of one idempotent create with one record', async () => {
    const headers = { 'idempotency-key': 'burst-1' };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.client.post<Account>('/api/v1/accounts', { name: 'Burst' }, { headers }),
      ),
    );
    const ok = responses.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((x) => x.status !== 201)) expect(r.status).toBe(409);
    const list = await t.client.get<Page<Account>>('/api/v1/accounts?q=Burst');
    expect(list.body.items).toHaveLength(1);
  });
});
