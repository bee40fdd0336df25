import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { createOrg } from '../support/pools.js';
import type { Org, Person, Problem } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';

/**
 * The opportunity team and credit splits (docs/deal-teams.md): the owner's implied 100 %,
 * every split rule with its code, the team version (409), who may edit, co-sellers seeing
 * the deal, an owner change taking the owner seat and credit along (with history), and
 * tenant isolation.
 */
interface Line {
  type: 'performance' | 'revenue' | 'customer_ownership';
  userId: string;
  shareBp: number;
}
interface Team {
  opportunityId: string;
  version: number;
  members: { userId: string; role: string; addedBy: string | null }[];
  splits: Line[];
  credit: Line[];
}
interface Deal {
  id: string;
  version: number;
  ownerId: string;
}
interface History {
  items: { action: string; actorId: string | null; before: unknown; after: unknown }[];
}

describe.each(dialectsUnderTest())('opportunity team and splits ($name)', (dialect) => {
  let server: TestServer;
  let org: Org;
  let accountId: string;
  const id = (person: Person | 'admin') => org.ids[person];

  const newDeal = async (owner: Person): Promise<Deal> =>
    created<Deal>(
      org.admin.post('/api/v1/opportunities', {
        name: `Deal of ${owner}`,
        accountId,
        ownerId: id(owner),
      }),
    );
  const teamOf = async (dealId: string, as = org.admin) => {
    const response = await as.get<Team>(`/api/v1/opportunities/${dealId}/team`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const addMember = async (dealId: string, person: Person, role: string, as = org.admin) => {
    const response = await as.post(`/api/v1/opportunities/${dealId}/members`, {
      userId: id(person),
      role,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  };
  const putSplits = (dealId: string, version: number, splits: Line[], as = org.admin) =>
    as.request<Team & Problem>('PUT', `/api/v1/opportunities/${dealId}/splits`, {
      version,
      splits,
    });
  const line = (type: Line['type'], person: Person, shareBp: number): Line => ({
    type,
    userId: id(person),
    shareBp,
  });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    org = await createOrg(server, await createTestTenant(server));
    accountId = (
      await created<{ id: string }>(
        org.admin.post('/api/v1/accounts', { name: 'Team Co', ownerId: id('rep1') }),
      )
    ).id;
  });
  afterAll(async () => server?.close());

  it('gives the owner 100 % of every credit type when nothing is split (stored: nothing)', async () => {
    const deal = await newDeal('rep1');
    const team = await teamOf(deal.id);
    expect(team.members).toEqual([
      { userId: id('rep1'), role: 'owner', addedBy: null, addedAt: null },
    ]);
    expect(team.splits).toEqual([]);
    expect(team.credit).toEqual([
      line('performance', 'rep1', 10_000),
      line('revenue', 'rep1', 10_000),
      line('customer_ownership', 'rep1', 10_000),
    ]);
  });

  it('refuses a split set as a whole, one stable code per broken rule', async () => {
    const deal = await newDeal('rep1');
    await addMember(deal.id, 'rep2', 'co_seller');
    await addMember(deal.id, 'eastManager', 'mentor');
    await addMember(deal.id, 'supportRep', 'viewer');
    const { version } = await teamOf(deal.id);
    const cases: [string, Line[], string][] = [
      [
        'sum',
        [line('performance', 'rep1', 6000), line('performance', 'rep2', 3000)],
        'split_sum_not_full',
      ],
      ['not on team', [line('revenue', 'northRep', 10_000)], 'split_not_on_team'],
      [
        'duplicate',
        [line('revenue', 'rep1', 5000), line('revenue', 'rep1', 5000)],
        'split_duplicate',
      ],
      [
        'zero',
        [line('revenue', 'rep1', 10_000), line('revenue', 'rep2', 0)],
        'split_share_invalid',
      ],
      [
        'fraction',
        [line('revenue', 'rep1', 9999.5), line('revenue', 'rep2', 0.5)],
        'split_share_invalid',
      ],
      [
        'mentor revenue',
        [line('revenue', 'rep1', 8000), line('revenue', 'eastManager', 2000)],
        'split_role_not_allowed',
      ],
      [
        'viewer credit',
        [line('performance', 'rep1', 8000), line('performance', 'supportRep', 2000)],
        'split_role_not_allowed',
      ],
    ];
    for (const [name, splits, code] of cases) {
      const response = await putSplits(deal.id, version, splits);
      expect(response.status, name).toBe(422);
      expect(response.body.code, name).toBe('splits_invalid');
      expect(
        response.body.errors?.map((e) => e.code),
        name,
      ).toContain(code);
    }
    // Nothing was saved by the refusals, and the version did not move.
    expect(await teamOf(deal.id)).toMatchObject({ version, splits: [] });
  });

  it('answers in Chinese for a zh-CN reader', async () => {
    const deal = await newDeal('rep1');
    const response = await org.admin.request<Problem>(
      'PUT',
      `/api/v1/opportunities/${deal.id}/splits`,
      { version: 1, splits: [line('performance', 'rep1', 5000)] },
      { headers: { 'accept-language': 'zh-CN' } },
    );
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/分成/);
    expect(response.body.errors?.[0]?.message).toMatch(/100%/);
  });

  it('saves a valid set with a mentor share inside performance, and refuses a stale version', async () => {
    const deal = await newDeal('rep1');
    await addMember(deal.id, 'rep2', 'co_seller');
    await addMember(deal.id, 'eastManager', 'mentor');
    const before = await teamOf(deal.id);
    const splits = [
      line('performance', 'rep1', 6000),
      line('performance', 'rep2', 3000),
      line('performance', 'eastManager', 1000),
      line('revenue', 'rep1', 5000),
      line('revenue', 'rep2', 5000),
    ];
    const saved = await putSplits(deal.id, before.version, splits);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    expect(saved.body.credit).toEqual(
      expect.arrayContaining([...splits, line('customer_ownership', 'rep1', 10_000)]),
    );
    expect(saved.body.credit).toHaveLength(6);
    // A second manager saving from the same read loses: 409, nothing changed.
    const stale = await putSplits(deal.id, before.version, [line('revenue', 'rep2', 10_000)]);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await teamOf(deal.id)).splits).toHaveLength(5);
    // Adding a member moves the version too, so an editor who missed it is refused.
    await addMember(deal.id, 'supportRep', 'presales');
    const missed = await putSplits(deal.id, saved.body.version, []);
    expect(missed.status).toBe(409);
    const history = await org.admin.get<History>(`/api/v1/opportunities/${deal.id}/team/history`);
    expect(history.body.items.map((entry) => entry.action)).toEqual([
      'add_member',
      'replace_splits',
      'add_member',
      'add_member',
    ]);
    expect(history.body.items[1]).toMatchObject({
      actorId: id('admin'),
      before: { splits: [] },
      after: { splits: expect.arrayContaining(splits) as unknown },
    });
  });

  it('lets the owner and managers above them edit; co-sellers see the deal but may not', async () => {
    const deal = await newDeal('rep1');
    await addMember(deal.id, 'rep2', 'co_seller', org.as('rep1'));
    // The co-seller sees the deal and its team (visibility includes the team)…
    expect((await org.as('rep2').get(`/api/v1/opportunities/${deal.id}`)).status).toBe(200);
    const team = await teamOf(deal.id, org.as('rep2'));
    expect(team.members.map((m) => m.role)).toEqual(['owner', 'co_seller']);
    expect(team.members[1]?.addedBy).toBe(id('rep1'));
    const listed = await org
      .as('rep2')
      .get<{ items: { id: string }[] }>('/api/v1/opportunities?limit=200');
    expect(listed.body.items.map((d) => d.id)).toContain(deal.id);
    // …but may not change the split or the team.
    const split = [line('revenue', 'rep1', 5000), line('revenue', 'rep2', 5000)];
    expect((await putSplits(deal.id, team.version, split, org.as('rep2'))).status).toBe(403);
    expect(
      (
        await org.as('rep2').post(`/api/v1/opportunities/${deal.id}/members`, {
          userId: id('northRep'),
          role: 'presales',
        })
      ).status,
    ).toBe(403);
    // Someone outside the team and the owner's line cannot even see it.
    expect((await putSplits(deal.id, team.version, split, org.as('northRep'))).status).toBe(404);
    expect((await org.as('northRep').get(`/api/v1/opportunities/${deal.id}/team`)).status).toBe(
      404,
    );
    // The owner's manager may.
    const byManager = await putSplits(deal.id, team.version, split, org.as('eastManager'));
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200);
    const byOwner = await putSplits(deal.id, byManager.body.version, [], org.as('rep1'));
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.splits).toEqual([]);
  });

  it('refuses to remove a member who still holds credit', async () => {
    const deal = await newDeal('rep1');
    await addMember(deal.id, 'rep2', 'co_seller');
    const { version } = await teamOf(deal.id);
    await putSplits(deal.id, version, [
      line('revenue', 'rep1', 7000),
      line('revenue', 'rep2', 3000),
    ]);
    const removed = await org.admin.delete<Problem>(
      `/api/v1/opportunities/${deal.id}/members/${id('rep2')}`,
    );
    expect(removed.status).toBe(409);
    expect(removed.body.code).toBe('has_dependents');
  });

  it('moves the owner seat and the old owner’s credit to a new owner, with history', async () => {
    const deal = await newDeal('rep1');
    await addMember(deal.id, 'rep2', 'co_seller');
    await addMember(deal.id, 'supportRep', 'presales');
    const { version } = await teamOf(deal.id);
    await putSplits(deal.id, version, [
      line('performance', 'rep1', 6000),
      line('performance', 'rep2', 3000),
      line('performance', 'supportRep', 1000),
      line('revenue', 'rep1', 10_000),
    ]);
    // A rep may not hand a deal to someone else, nor a manager outside their team.
    const byRep = await org.as('rep1').patch(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      ownerId: id('rep2'),
    });
    expect(byRep.status).toBe(403);
    const outside = await org.as('eastManager').patch(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      ownerId: id('northRep'),
    });
    expect(outside.status).toBe(403);
    expect((await teamOf(deal.id)).members[0]?.userId).toBe(id('rep1'));

    const moved = await org.as('eastManager').patch<Deal>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      ownerId: id('rep2'),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const team = await teamOf(deal.id);
    expect(team.members.map((m) => [m.userId, m.role])).toEqual([
      [id('rep2'), 'owner'],
      [id('supportRep'), 'presales'],
    ]);
    expect(team.splits).toEqual(
      expect.arrayContaining([
        line('performance', 'rep2', 9000),
        line('performance', 'supportRep', 1000),
        line('revenue', 'rep2', 10_000),
      ]),
    );
    expect(team.splits).toHaveLength(3);
    const history = await org.admin.get<History>(`/api/v1/opportunities/${deal.id}/team/history`);
    expect(history.body.items[0]).toMatchObject({
      action: 'move_team',
      actorId: id('eastManager'),
      before: { ownerId: id('rep1') },
      after: { ownerId: id('rep2'), formerMember: true },
    });
    // The old owner left the team with the deal.
    expect((await org.as('rep1').get(`/api/v1/opportunities/${deal.id}`)).status).toBe(404);
  });

  it('moves the team when a disabled user’s deals are handed over', async () => {
    const leaver = await created<{ id: string; version: number }>(
      org.admin.post('/api/v1/users', {
        email: `leaver-${Date.now()}@example.test`,
        name: 'Leaver',
        role: 'rep',
        password: 'correct horse battery',
      }),
    );
    const deal = await created<Deal>(
      org.admin.post('/api/v1/opportunities', { name: 'Handed', accountId, ownerId: leaver.id }),
    );
    await addMember(deal.id, 'rep2', 'co_seller');
    const { version } = await teamOf(deal.id);
    expect(
      (
        await putSplits(deal.id, version, [
          { type: 'revenue', userId: leaver.id, shareBp: 4000 },
          line('revenue', 'rep2', 6000),
        ])
      ).status,
    ).toBe(200);
    const disabled = await org.admin.post(`/api/v1/users/${leaver.id}/disable`, {
      version: leaver.version,
      transferTo: id('rep1'),
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    const team = await teamOf(deal.id);
    expect(team.members[0]).toMatchObject({ userId: id('rep1'), role: 'owner' });
    expect(team.splits).toEqual(
      expect.arrayContaining([line('revenue', 'rep1', 4000), line('revenue', 'rep2', 6000)]),
    );
  });

  it('keeps tenants apart', async () => {
    const deal = await newDeal('rep1');
    const other = await createOrg(server, await createTestTenant(server));
    expect((await other.admin.get(`/api/v1/opportunities/${deal.id}/team`)).status).toBe(404);
    expect((await other.admin.get(`/api/v1/opportunities/${deal.id}/team/history`)).status).toBe(
      404,
    );
    const put = await other.admin.request('PUT', `/api/v1/opportunities/${deal.id}/splits`, {
      version: 1,
      splits: [],
    });
    expect(put.status).toBe(404);
    // And a user of another tenant is not on this team, whatever their id.
    const { version } = await teamOf(deal.id);
    const foreign = await putSplits(deal.id, version, [
      { type: 'revenue', userId: other.ids.rep1, shareBp: 10_000 },
    ]);
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors?.[0]?.code).toBe('split_not_on_team');
  });
});
