import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import {
  advanceDays,
  allStalled,
  createStallPipeline,
  stageOf,
  tokenClient,
} from '../support/stalled.js';
import type { StallPipeline } from '../support/stalled.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

type Person = 'eastManager' | 'rep1' | 'rep2' | 'northRep';
type DealName = 'big' | 'renewal' | 'usd' | 'small' | 'lost';

interface Money {
  amountMinor: number;
  currency: string;
}
interface Card {
  id: string;
  name: string;
  stageId: string;
  status: string;
  amount: Money;
  weightedAmount: Money;
  expectedCloseDate: string | null;
  owner: { id: string; name: string };
  account: { id: string; name: string };
  tags: string[];
  stalled: boolean;
  stallCodes: string[];
  overdue: boolean;
  daysInStage: number;
  version: number;
}
interface Column {
  stageId: string;
  kind: string;
  count: number;
  amounts: { currency: string; amountMinor: number; weightedMinor: number }[];
}
interface Board {
  pipelineId: string;
  today: string;
  columns: Column[];
  cards: Card[];
  total: number;
  truncated: boolean;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; code: string; message: string }[];
}
interface Opportunity {
  id: string;
  status: string;
  expectedCloseDate: string | null;
  deadlineAt: string | null;
  tags: string[];
  version: number;
}

/**
 * The pipeline board over HTTP: the cards a reader may see (as GET /opportunities scopes
 * them), every filter, the stalled and overdue flags against the stalled list and the
 * deals' own fields, the column totals against the pipeline summary, tags, truncation,
 * and the refusals. East (a manager, rep1, rep2) and North (northRep) share one account.
 */
describe.each(dialectsUnderTest())('pipeline board ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-05-04T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let admin: ApiClient;
  let pipeline: StallPipeline;
  const clients = new Map<Person, ApiClient>();
  const userIds = new Map<Person, string>();
  const deals = new Map<DealName, string>();
  const teams = { sales: '', east: '', north: '' };

  const as = (person: Person) => clients.get(person) ?? admin;
  const idOf = (person: Person) => userIds.get(person) ?? '';
  const dealId = (name: DealName) => deals.get(name) ?? '';
  const board = async (client: ApiClient, query = '') => {
    const response = await client.get<Board>(`/api/v1/pipelines/${pipeline.id}/board${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const namesOf = (cards: readonly Card[]) =>
    [...deals]
      .filter(([, id]) => cards.some((card) => card.id === id))
      .map(([name]) => name)
      .sort();

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    admin = await tokenClient(server, t.admin.email);
    const team = async (name: string, parentId?: string) =>
      (await created<{ id: string }>(admin.post('/api/v1/teams', { name, parentId }))).id;
    teams.sales = await team('销售部');
    teams.east = await team('华东', teams.sales);
    teams.north = await team('华北', teams.sales);
    for (const [name, role, teamId] of [
      ['eastManager', 'manager', teams.east],
      ['rep1', 'rep', teams.east],
      ['rep2', 'rep', teams.east],
      ['northRep', 'rep', teams.north],
    ] as const) {
      const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
      const user = await created<{ id: string }>(
        admin.post('/api/v1/users', { email, name, role, teamId, password: TEST_PASSWORD }),
      );
      userIds.set(name, user.id);
      clients.set(name, await tokenClient(server, email));
    }
    const east = await admin.get<{ version: number }>(`/api/v1/teams/${teams.east}`);
    await admin.patch(`/api/v1/teams/${teams.east}`, {
      version: east.body.version,
      managerId: idOf('eastManager'),
    });
    pipeline = await createStallPipeline(admin);
    const accountId = (
      await created<{ id: string }>(admin.post('/api/v1/accounts', { name: '远景能源' }))
    ).id;
    const specs: [DealName, Person, string, number, string, string | null, string[]][] = [
      ['big', 'rep1', 'qualify', 100_000_00, 'CNY', '2026-05-01', ['VIP', '华东']],
      ['renewal', 'rep2', 'qualify', 50_000_00, 'CNY', null, ['renewal', 'vip']],
      ['usd', 'northRep', 'propose', 200_000_00, 'USD', '2026-12-31', []],
      ['small', 'rep1', 'propose', 30_000_00, 'CNY', '2026-06-15', []],
      ['lost', 'northRep', 'qualify', 70_000_00, 'CNY', null, []],
    ];
    for (const [name, owner, stage, amountMinor, currency, expectedCloseDate, tags] of specs) {
      const deal = await created<{ id: string }>(
        admin.post('/api/v1/opportunities', {
          name: `Deal ${name}`,
          accountId,
          ownerId: idOf(owner),
          pipelineId: pipeline.id,
          stageId: stageOf(pipeline, stage),
          amount: { amountMinor, currency },
          expectedCloseDate,
          tags,
        }),
      );
      deals.set(name, deal.id);
      clock.advance(3_600_000);
    }
    const lost = await admin.get<Opportunity>(`/api/v1/opportunities/${dealId('lost')}`);
    const closed = await admin.post(`/api/v1/opportunities/${dealId('lost')}/close`, {
      version: lost.body.version,
      outcome: 'lost',
      reasons: ['price'],
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    advanceDays(clock, 5);
  });
  afterAll(async () => server?.close());

  it('shows the open deals as cards, with the columns of the pipeline summary', async () => {
    const body = await board(admin);
    expect(namesOf(body.cards)).toEqual(['big', 'renewal', 'small', 'usd']);
    expect(body).toMatchObject({ pipelineId: pipeline.id, total: 4, truncated: false });
    expect(body.today).toBe('2026-05-09');
    const big = body.cards.find((card) => card.id === dealId('big'));
    expect(big).toMatchObject({
      name: 'Deal big',
      status: 'open',
      stageId: stageOf(pipeline, 'qualify'),
      amount: { amountMinor: 100_000_00, currency: 'CNY' },
      weightedAmount: { amountMinor: 20_000_00, currency: 'CNY' },
      owner: { id: idOf('rep1'), name: 'rep1' },
      account: { name: '远景能源' },
      tags: ['VIP', '华东'],
      daysInStage: 5,
      version: 1,
    });
    // Largest first by default; the columns follow the pipeline's stage order.
    expect(body.cards.map((card) => card.amount.amountMinor)).toEqual(
      [...body.cards.map((card) => card.amount.amountMinor)].sort((a, b) => b - a),
    );
    const summary = await admin.get<{ stages: Column[] }>(
      `/api/v1/pipelines/${pipeline.id}/summary`,
    );
    const sorted = (column: Column) => ({
      ...column,
      amounts: [...column.amounts].sort((a, b) => a.currency.localeCompare(b.currency)),
    });
    const open = (columns: Column[]) =>
      columns.filter((column) => column.kind === 'open').map(sorted);
    expect(open(body.columns)).toEqual(open(summary.body.stages));
    expect(body.columns.map((column) => column.stageId)).toEqual(
      pipeline.stages.map((stage) => stage.id),
    );
    const ascending = await board(admin, '?sort=amount');
    expect(ascending.cards.map((card) => card.id)).toEqual(
      [...body.cards].reverse().map((card) => card.id),
    );
  });

  it('shows each reader only the deals GET /opportunities shows them', async () => {
    const expected: [Person, DealName[]][] = [
      ['rep1', ['big', 'small']],
      ['rep2', ['renewal']],
      ['eastManager', ['big', 'renewal', 'small']],
      ['northRep', ['usd']],
    ];
    for (const [person, names] of expected) {
      const body = await board(as(person));
      expect(namesOf(body.cards), person).toEqual(names);
      expect(body.total, person).toBe(names.length);
      const list = await as(person).get<{ items: { id: string; status: string }[] }>(
        `/api/v1/opportunities?pipelineId=${pipeline.id}&status=open&limit=200`,
      );
      expect(body.cards.map((card) => card.id).sort(), person).toEqual(
        list.body.items.map((item) => item.id).sort(),
      );
    }
  });

  it('filters by owner, team, close period, amount, currency, tag, text and closed deals', async () => {
    const cases: [string, DealName[]][] = [
      [`ownerIds=${idOf('rep1')}`, ['big', 'small']],
      [`ownerIds=${idOf('rep2')}&ownerIds=${idOf('northRep')}`, ['renewal', 'usd']],
      [`teamId=${teams.east}`, ['big', 'renewal', 'small']],
      [`teamId=${teams.sales}`, ['big', 'renewal', 'small', 'usd']],
      [`teamId=${teams.east}&ownerIds=${idOf('northRep')}`, []],
      ['closeFrom=2026-05-01&closeTo=2026-06-30', ['big', 'small']],
      ['closeFrom=2026-06-01', ['small', 'usd']],
      ['currency=USD', ['usd']],
      ['currency=CNY&amountMin=3000000&amountMax=5000000', ['renewal', 'small']],
      ['currency=CNY&amountMin=5000001', ['big']],
      ['tag=vip', ['big', 'renewal']],
      ['tag=%E5%8D%8E%E4%B8%9C', ['big']],
      ['q=RENEW', ['renewal']],
      ['include=closed', ['big', 'lost', 'renewal', 'small', 'usd']],
      // The deal was lost five days ago: outside a four-day window.
      ['include=closed&closedDays=4', ['big', 'renewal', 'small', 'usd']],
    ];
    for (const [query, names] of cases) {
      const body = await board(admin, `?${query}`);
      expect(namesOf(body.cards), query).toEqual(names);
      expect(body.total, query).toBe(names.length);
    }
    const withClosed = await board(admin, '?include=closed');
    const lostColumn = withClosed.columns.find((column) => column.kind === 'lost');
    expect(lostColumn?.count).toBe(1);
  });

  it('flags stalled deals as the stalled list does, and overdue ones by their fields', async () => {
    const body = await board(admin);
    const stalled = await allStalled(admin, `pipelineId=${pipeline.id}`);
    for (const card of body.cards) {
      const listed = stalled.find((item) => item.opportunity.id === card.id);
      expect(card.stallCodes, card.name).toEqual(listed?.flags.map((flag) => flag.code) ?? []);
      expect(card.stalled, card.name).toBe(card.stallCodes.length > 0);
    }
    expect(body.cards.filter((card) => card.stalled).length).toBeGreaterThan(0);
    const now = clock.now().getTime();
    for (const card of body.cards) {
      const deal = (await admin.get<Opportunity>(`/api/v1/opportunities/${card.id}`)).body;
      const expected =
        (deal.expectedCloseDate !== null && deal.expectedCloseDate < body.today) ||
        (deal.deadlineAt !== null && Date.parse(deal.deadlineAt) <= now);
      expect(card.overdue, card.name).toBe(expected);
    }
    // `big` is overdue by its close date; `small` (no cadence, closing in June) is not.
    expect(body.cards.find((card) => card.id === dealId('big'))?.overdue).toBe(true);
    expect(body.cards.find((card) => card.id === dealId('small'))?.overdue).toBe(false);
  });

  it('keeps tags unique without regard to case, replaces them on PATCH and audits them', async () => {
    const id = dealId('small');
    const before = await admin.get<Opportunity>(`/api/v1/opportunities/${id}`);
    const patched = await admin.patch<Opportunity>(
      `/api/v1/opportunities/${id}`,
      { version: before.body.version, tags: [' Urgent ', 'urgent', 'Q2'] },
      { headers: { 'x-request-id': 'board-tags' } },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.tags).toEqual(['Q2', 'Urgent']);
    expect((await admin.get<Opportunity>(`/api/v1/opportunities/${id}`)).body.tags).toEqual([
      'Q2',
      'Urgent',
    ]);
    const tagged = await admin.get<{ items: { id: string }[] }>('/api/v1/opportunities?tag=URGENT');
    expect(tagged.body.items.map((item) => item.id)).toEqual([id]);
    expect(namesOf((await board(admin, '?tag=q2')).cards)).toEqual(['small']);
    const audit = await sql<{ before: unknown; after: unknown }>`
      select before, after from audit_log where request_id = 'board-tags'`.execute(
      server.runtime.store.db,
    );
    const parse = (value: unknown) =>
      (typeof value === 'string' ? JSON.parse(value) : value) as { tags: string[] };
    expect(audit.rows.map((row) => [parse(row.before).tags, parse(row.after).tags])).toEqual([
      [[], ['Q2', 'Urgent']],
    ]);
    const cleared = await admin.patch<Opportunity>(`/api/v1/opportunities/${id}`, {
      version: patched.body.version,
      tags: [],
    });
    expect(cleared.body.tags).toEqual([]);
    for (const bad of [['x'.repeat(41)], ['  '], Array.from({ length: 21 }, (_, i) => `t${i}`)]) {
      const refused = await admin.patch<Problem>(`/api/v1/opportunities/${id}`, {
        version: cleared.body.version,
        tags: bad,
      });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('caps the cards and says so, while the totals still count every deal', async () => {
    const capped = await board(admin, '?limit=2');
    expect(capped.cards).toHaveLength(2);
    expect(capped).toMatchObject({ total: 4, truncated: true });
    const whole = await board(admin, '?limit=4');
    expect(whole).toMatchObject({ total: 4, truncated: false });
    expect(capped.cards.map((card) => card.id)).toEqual(
      whole.cards.slice(0, 2).map((card) => card.id),
    );
  });

  it('refuses bad input: 400 malformed, 404 another tenant’s pipeline, 422 empty ranges', async () => {
    const path = `/api/v1/pipelines/${pipeline.id}/board`;
    for (const query of ['?colour=red', '?limit=0', '?limit=5001', '?closeFrom=2026-13-01']) {
      const response = await admin.get<Problem>(`${path}${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.code, query).toBe('validation_failed');
    }
    const noCurrency = await admin.get<Problem>(`${path}?amountMin=5`);
    expect(noCurrency.status).toBe(400);
    expect(noCurrency.body.errors?.[0]).toMatchObject({ path: 'currency', code: 'required' });
    const other = await createTestTenant(server);
    const foreign = await other.client.get<{ items: { id: string }[] }>('/api/v1/pipelines');
    const foreignId = foreign.body.items[0]?.id ?? '';
    expect((await admin.get<Problem>(`/api/v1/pipelines/${foreignId}/board`)).status).toBe(404);
    const foreignUser = (await other.client.get<{ user: { id: string } }>('/api/v1/me')).body.user
      .id;
    const foreignOwner = await admin.get<Problem>(`${path}?ownerIds=${foreignUser}`);
    expect(foreignOwner.status).toBe(422);
    expect(foreignOwner.body.code).toBe('reference_not_found');
    const zh = new ApiClient(server.url, 'zh-CN');
    zh.bearer = admin.bearer;
    for (const [client, query, detail] of [
      [admin, '?currency=CNY&amountMin=10&amountMax=5', 'The amount range is empty'],
      [zh, '?currency=CNY&amountMin=10&amountMax=5', 'amount 范围无效'],
      [admin, '?closeFrom=2026-02-01&closeTo=2026-01-31', 'The closeDate range is empty'],
      [zh, '?closeFrom=2026-02-01&closeTo=2026-01-31', 'closeDate 范围无效'],
    ] as const) {
      const response = await client.get<Problem>(`${path}${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.code).toBe('invalid_range');
      expect(response.body.detail).toContain(detail);
    }
  });
});
