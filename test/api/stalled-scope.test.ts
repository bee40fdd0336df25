import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
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
import type { StallPipeline, StalledPage } from '../support/stalled.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Who sees which stalled deals, and the list's filters and pages. A sales department
 * (director) above East (a manager, rep1, rep2) and North (northRep); every deal sits
 * silent in `qualify` long enough to be flagged. A northern deal has rep1 on its team.
 */
type Person = 'director' | 'eastManager' | 'rep1' | 'rep2' | 'northRep' | 'leadOps';
type DealName = 'rep1' | 'rep1b' | 'rep2' | 'north' | 'shared';

interface Problem {
  code: string;
}

describe.each(dialectsUnderTest())('stalled deals: scope, filters, pages ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-05-04T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let admin: ApiClient;
  let pipeline: StallPipeline;
  const clients = new Map<Person, ApiClient>();
  const userIds = new Map<Person, string>();
  const deals = new Map<DealName, string>();
  const teams: Record<'sales' | 'east' | 'north', string> = { sales: '', east: '', north: '' };

  const as = (person: Person) => {
    const client = clients.get(person);
    if (!client) throw new Error(person);
    return client;
  };
  const idOf = (person: Person) => userIds.get(person) ?? '';
  const namesOf = (ids: readonly string[]) =>
    [...deals].filter(([, id]) => ids.includes(id)).map(([name]) => name);
  const listed = async (client: ApiClient, query = '') =>
    namesOf(
      (await allStalled(client, `pipelineId=${pipeline.id}${query}`)).map(
        (item) => item.opportunity.id,
      ),
    ).sort();

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    admin = await tokenClient(server, t.admin.email);
    const team = async (name: string, parentId?: string) =>
      (await created<{ id: string }>(admin.post('/api/v1/teams', { name, parentId }))).id;
    teams.sales = await team('销售部');
    teams.east = await team('华东', teams.sales);
    teams.north = await team('华北', teams.sales);
    const people: [Person, string, string | null][] = [
      ['director', 'manager', teams.sales],
      ['eastManager', 'manager', teams.east],
      ['rep1', 'rep', teams.east],
      ['rep2', 'rep', teams.east],
      ['northRep', 'rep', teams.north],
      ['leadOps', 'lead_ops', null],
    ];
    for (const [name, role, teamId] of people) {
      const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
      const user = await created<{ id: string }>(
        admin.post('/api/v1/users', { email, name, role, teamId, password: TEST_PASSWORD }),
      );
      userIds.set(name, user.id);
      clients.set(name, await tokenClient(server, email));
    }
    for (const [teamId, manager] of [
      [teams.sales, 'director'],
      [teams.east, 'eastManager'],
    ] as const) {
      const current = await admin.get<{ version: number }>(`/api/v1/teams/${teamId}`);
      await admin.patch(`/api/v1/teams/${teamId}`, {
        version: current.body.version,
        managerId: idOf(manager),
      });
    }
    pipeline = await createStallPipeline(admin);
    const accountId = (
      await created<{ id: string }>(admin.post('/api/v1/accounts', { name: '远景' }))
    ).id;
    const owners: [DealName, Person][] = [
      ['rep1', 'rep1'],
      ['rep2', 'rep2'],
      ['north', 'northRep'],
      ['shared', 'northRep'],
      ['rep1b', 'rep1'],
    ];
    // An hour apart, so "longest in stage first" is one order on every database.
    for (const [name, owner] of owners) {
      const deal = await created<{ id: string }>(
        admin.post('/api/v1/opportunities', {
          name,
          accountId,
          ownerId: idOf(owner),
          pipelineId: pipeline.id,
          stageId: stageOf(pipeline, 'qualify'),
        }),
      );
      deals.set(name, deal.id);
      clock.advance(3_600_000);
    }
    await created(
      admin.post(`/api/v1/opportunities/${deals.get('shared')}/members`, {
        userId: idOf('rep1'),
        role: 'presales',
      }),
    );
    advanceDays(clock, 5);
  });
  afterAll(async () => server?.close());

  it.each<[Person | 'admin', DealName[]]>([
    ['admin', ['north', 'rep1', 'rep1b', 'rep2', 'shared']],
    ['director', ['north', 'rep1', 'rep1b', 'rep2', 'shared']],
    // The East manager sees East's deals, and the northern one rep1 works on.
    ['eastManager', ['rep1', 'rep1b', 'rep2', 'shared']],
    ['rep1', ['rep1', 'rep1b', 'shared']],
    ['rep2', ['rep2']],
    ['northRep', ['north', 'shared']],
  ])('%s sees exactly the stalled deals they may see', async (person, expected) => {
    expect(await listed(person === 'admin' ? admin : as(person))).toEqual(expected);
  });

  it('refuses those who may not read deals', async () => {
    const response = await as('leadOps').get<Problem>('/api/v1/opportunities/stalled');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('filters by owner, by team subtree and by flag', async () => {
    expect(await listed(admin, `&ownerId=${idOf('rep2')}`)).toEqual(['rep2']);
    expect(await listed(admin, `&teamId=${teams.east}`)).toEqual(['rep1', 'rep1b', 'rep2']);
    expect(await listed(admin, `&teamId=${teams.sales}`)).toEqual([
      'north',
      'rep1',
      'rep1b',
      'rep2',
      'shared',
    ]);
    expect(await listed(admin, `&teamId=${teams.east}&ownerId=${idOf('northRep')}`)).toEqual([]);
    // A filter narrows what one may see; it never widens it.
    expect(await listed(as('rep2'), `&teamId=${teams.sales}`)).toEqual(['rep2']);
    expect(await listed(admin, '&code=required_actions_pending')).toHaveLength(5);
    // Five days in a stage expecting ten: nobody is over the expected dwell yet.
    expect(await listed(admin, '&code=dwell_over_expected')).toEqual([]);
  });

  it('pages through the deals longest in stage first, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await admin.get<StalledPage>(
        `/api/v1/opportunities/stalled?pipelineId=${pipeline.id}&limit=2${query}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.opportunity.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(namesOf(seen)).toHaveLength(5);
    expect(seen.map((id) => [...deals].find(([, dealId]) => dealId === id)?.[0])).toEqual([
      'rep1',
      'rep2',
      'north',
      'shared',
      'rep1b',
    ]);
  });

  it('answers 422 for unknown ids in filters and 400 for a bad cursor or code', async () => {
    const unknown = '0192f6a0-0000-7000-8000-000000000000';
    for (const field of ['pipelineId', 'ownerId', 'teamId']) {
      const response = await admin.get<Problem>(
        `/api/v1/opportunities/stalled?${field}=${unknown}`,
      );
      expect(response.status, field).toBe(422);
      expect(response.body.code).toBe('reference_not_found');
    }
    const cursor = await admin.get<Problem>('/api/v1/opportunities/stalled?cursor=bogus');
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe('invalid_cursor');
    const code = await admin.get<Problem>('/api/v1/opportunities/stalled?code=lazy');
    expect(code.status).toBe(400);
  });

  it('is a route of its own, not an opportunity called "stalled"', async () => {
    const response = await admin.get<StalledPage>('/api/v1/opportunities/stalled');
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.items)).toBe(true);
  });
});
