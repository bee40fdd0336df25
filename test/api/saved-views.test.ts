import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface View {
  id: string;
  userId: string;
  kind: string;
  name: string;
  pipelineId: string | null;
  filters: Record<string, unknown>;
  sort: string | null;
  shared: boolean;
  version: number;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; code: string }[];
}

/**
 * Saved board and list views over HTTP: the life-cycle with versions and audit entries,
 * names unique per user and kind, filters checked like the board's (unknown fields 400,
 * empty ranges 422 in both languages), and who sees what: private views are their
 * owner's alone, shared ones are read-only to the rest of the tenant.
 */
describe.each(dialectsUnderTest())('saved views API ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let rep: ApiClient;
  let repId = '';
  let pipelineId = '';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const email = `rep@${t.tenant.slug}.test`;
    const user = await created(
      t.client.post('/api/v1/users', { email, name: 'Rep', role: 'rep', password: TEST_PASSWORD }),
    );
    repId = user.id;
    rep = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
    const pipelines = await t.client.get<{ items: { id: string }[] }>('/api/v1/pipelines');
    pipelineId = pipelines.body.items[0]?.id ?? '';
  });
  afterAll(async () => server?.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    kind: 'board',
    name: '我的华东大单',
    pipelineId,
    filters: { currency: 'CNY', amountMin: 100_000_00, tag: 'VIP', include: 'closed' },
    sort: '-amount',
    ...overrides,
  });

  it('creates, reads, updates with a version and deletes, auditing each change', async () => {
    const view = await created<View>(
      rep.post('/api/v1/saved-views', body(), { headers: { 'x-request-id': 'sv-create' } }),
    );
    expect(view).toMatchObject({
      userId: repId,
      kind: 'board',
      name: '我的华东大单',
      pipelineId,
      filters: { currency: 'CNY', amountMin: 100_000_00, tag: 'VIP', include: 'closed' },
      sort: '-amount',
      shared: false,
      version: 1,
    });
    expect((await rep.get<View>(`/api/v1/saved-views/${view.id}`)).body).toEqual(view);
    const updated = await rep.patch<View>(
      `/api/v1/saved-views/${view.id}`,
      { version: 1, filters: { ownerIds: [repId] }, sort: null, shared: true },
      { headers: { 'x-request-id': 'sv-update' } },
    );
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({
      filters: { ownerIds: [repId] },
      sort: null,
      shared: true,
      version: 2,
    });
    const stale = await rep.patch<Problem>(`/api/v1/saved-views/${view.id}`, {
      version: 1,
      name: 'x',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const removed = await rep.delete(`/api/v1/saved-views/${view.id}`, {
      headers: { 'x-request-id': 'sv-delete' },
    });
    expect(removed.status).toBe(204);
    expect((await rep.get(`/api/v1/saved-views/${view.id}`)).status).toBe(404);
    const audit = await sql<{ action: string; request_id: string; actor_id: string }>`
      select action, request_id, actor_id from audit_log
      where entity_type = 'saved_view' and entity_id = ${view.id} order by at`.execute(
      server.runtime.store.db,
    );
    expect(audit.rows.map((row) => [row.action, row.request_id, row.actor_id])).toEqual([
      ['create', 'sv-create', repId],
      ['update', 'sv-update', repId],
      ['delete', 'sv-delete', repId],
    ]);
  });

  it('keeps names unique per user and kind', async () => {
    await created(rep.post('/api/v1/saved-views', body({ name: 'Q3' })));
    const again = await rep.post<Problem>('/api/v1/saved-views', body({ name: 'Q3' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('duplicate');
    // Another kind, or another user, may use the name.
    await created(rep.post('/api/v1/saved-views', body({ name: 'Q3', kind: 'lead-list' })));
    await created(t.client.post('/api/v1/saved-views', body({ name: 'Q3' })));
    const other = await created<View>(rep.post('/api/v1/saved-views', body({ name: 'Q4' })));
    const renamed = await rep.patch<Problem>(`/api/v1/saved-views/${other.id}`, {
      version: other.version,
      name: 'Q3',
    });
    expect(renamed.status).toBe(409);
  });

  it('refuses malformed views (400), empty ranges and unknown ids (422), in both languages', async () => {
    for (const bad of [
      { filters: { colour: 'red' } },
      { filters: { ownerIds: 'not-a-list' } },
      { filters: { currency: 'CNY', amountMin: 'many' } },
      { filters: { closedDays: 400 } },
      { filters: { amountMin: 5 } },
      { kind: 'calendar' },
      { name: '' },
      { name: 'x'.repeat(81) },
      { sort: 'amount; drop table' },
      { shared: 'yes' },
      { extra: 1 },
    ]) {
      const response = await rep.post<Problem>('/api/v1/saved-views', body(bad));
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    const zh = new ApiClient(server.url, 'zh-CN');
    await zh.signIn(`rep@${t.tenant.slug}.test`, TEST_PASSWORD);
    for (const [client, detail] of [
      [rep, 'The amount range is empty'],
      [zh, 'amount 范围无效'],
    ] as const) {
      const response = await client.post<Problem>(
        '/api/v1/saved-views',
        body({ name: 'empty', filters: { currency: 'CNY', amountMin: 10, amountMax: 5 } }),
      );
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('invalid_range');
      expect(response.body.detail).toContain(detail);
    }
    const backwards = await rep.post<Problem>(
      '/api/v1/saved-views',
      body({ name: 'backwards', filters: { closeFrom: '2026-02-01', closeTo: '2026-01-01' } }),
    );
    expect(backwards.status).toBe(422);
    const other = await createTestTenant(server);
    const foreign = await other.client.get<{ items: { id: string }[] }>('/api/v1/pipelines');
    const foreignPipeline = await rep.post<Problem>(
      '/api/v1/saved-views',
      body({ name: 'foreign', pipelineId: foreign.body.items[0]?.id }),
    );
    expect(foreignPipeline.status).toBe(422);
    expect(foreignPipeline.body.code).toBe('reference_not_found');
    const foreignTeam = await other.client.post<{ id: string }>('/api/v1/teams', { name: 'B' });
    const foreignFilter = await rep.post<Problem>(
      '/api/v1/saved-views',
      body({ name: 'foreign team', filters: { teamId: foreignTeam.body.id } }),
    );
    expect(foreignFilter.status).toBe(422);
    const theirs = await created<View>(
      other.client.post('/api/v1/saved-views', { kind: 'board', name: 'B', shared: true }),
    );
    expect((await rep.get(`/api/v1/saved-views/${theirs.id}`)).status).toBe(404);
  });

  it('shows shared views read-only to the tenant and private views to no one else', async () => {
    const shared = await created<View>(
      t.client.post('/api/v1/saved-views', body({ name: 'Team pipeline', shared: true })),
    );
    const hidden = await created<View>(
      t.client.post('/api/v1/saved-views', body({ name: 'Admin only' })),
    );
    const listed = await rep.get<{ items: View[] }>('/api/v1/saved-views?kind=board&limit=200');
    const names = listed.body.items.map((view) => view.name);
    expect(names).toContain('Team pipeline');
    expect(names).not.toContain('Admin only');
    expect(listed.body.items.every((view) => view.userId === repId || view.shared)).toBe(true);
    const others = await rep.get<{ items: View[] }>('/api/v1/saved-views?mine=false&limit=200');
    expect(others.body.items.map((view) => view.id)).toContain(shared.id);
    expect(others.body.items.every((view) => view.userId !== repId)).toBe(true);
    const mine = await rep.get<{ items: View[] }>('/api/v1/saved-views?mine=true&limit=200');
    expect(mine.body.items.every((view) => view.userId === repId)).toBe(true);
    expect((await rep.get(`/api/v1/saved-views/${shared.id}`)).status).toBe(200);
    expect((await rep.get(`/api/v1/saved-views/${hidden.id}`)).status).toBe(404);
    const edit = await rep.patch<Problem>(`/api/v1/saved-views/${shared.id}`, {
      version: shared.version,
      name: 'Mine now',
    });
    expect(edit.status).toBe(403);
    expect((await rep.delete(`/api/v1/saved-views/${shared.id}`)).status).toBe(403);
    expect((await rep.delete(`/api/v1/saved-views/${hidden.id}`)).status).toBe(404);
    expect((await t.client.get<View>(`/api/v1/saved-views/${shared.id}`)).body.version).toBe(1);
  });
});
