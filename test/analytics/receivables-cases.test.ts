import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionsReport } from '../../src/app/analytics/collections.report.js';
import { dsoReport } from '../../src/app/analytics/dso.report.js';
import { leadToCashReport } from '../../src/app/analytics/lead-to-cash.report.js';
import { receivablesAgingReport } from '../../src/app/analytics/receivables-aging.report.js';
import type { Principal } from '../../src/domain/tenancy/principal.js';
import type { AppContext } from '../../src/app/context.js';
import { openAnalyticsDatabase } from '../support/analytics-load.js';
import type { AnalyticsDatabase } from '../support/analytics-load.js';
import { generateWorld } from '../support/analytics-world.js';
import type { WorldDeal, WorldLead } from '../support/analytics-world.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { loadL2cWorld } from '../support/l2c-world.js';
import type { L2cWorld, WorldInstallment } from '../support/l2c-world.js';

/**
 * Small histories whose figures are worked out by hand (docs/l2c/reports.md), today being
 * 2026-06-30 in Asia/Shanghai. c1 (CNY, A): i1 due 05-31 (exactly 30 days overdue) open,
 * i2 due 05-30 (31 days) 5 000 of 20 000 collected, i3 due today; a 3 000 receipt on 06-10
 * whose allocation to i1 was reversed. c2 (USD, B): paid in full, cash 04-21. c3 (USD, B,
 * account X too): 40 000 due 2026-01-01, nothing paid. c4 (CNY): lead created
 * 2025-12-31T20:00Z — 2026-01-01 in Shanghai — paid 2026-02-05. c5: terminated.
 */
function handWorld(): L2cWorld {
  const base = generateWorld({ seed: 42, deals: 0 });
  const [a, b] = base.owners;
  const [x, y] = base.accounts;
  if (!a || !b || !x || !y) throw new Error('the base world has two owners and accounts');
  const won = base.stages.find((s) => s.kind === 'won')?.id ?? '';
  const deal = (
    n: number,
    owner: string,
    account: string,
    currency: string,
    closedAt: string,
    lead: string | null,
  ): WorldDeal => ({
    id: `deal-${n}`,
    ownerId: owner,
    accountId: account,
    stageId: won,
    status: 'won',
    amountMinor: 100_000,
    createdAt: '2025-11-01T00:00:00.000Z',
    closedAt,
    expectedCloseDate: closedAt.slice(0, 10),
    source: null,
    sourceLeadId: lead,
    pipelineId: base.pipelineId,
    currency,
    deleted: false,
    forecastCategory: null,
  });
  const leads: WorldLead[] = [
    { id: 'lead-2', source: 'web', createdAt: '2026-01-15T00:00:00.000Z', status: 'converted' },
    { id: 'lead-4', source: 'event', createdAt: '2025-12-31T20:00:00.000Z', status: 'converted' },
  ];
  const contract = (
    n: number,
    owner: string,
    account: string,
    currency: string,
    status = 'active',
  ) => ({
    id: `c${n}`,
    number: `C-00000${n}`,
    accountId: account,
    ownerId: owner,
    opportunityId: `deal-${n}`,
    currency,
    status,
  });
  const inst = (
    id: string,
    contractId: string,
    seq: number,
    dueDate: string,
    amountMinor: number,
    collectedMinor: number,
    paidOn: string | null = null,
  ): WorldInstallment => ({
    id,
    contractId,
    seq,
    dueDate,
    amountMinor,
    collectedMinor,
    status: collectedMinor === amountMinor ? 'paid' : collectedMinor > 0 ? 'partial' : 'open',
    paidOn,
  });
  const receipt = (
    id: string,
    contractId: string,
    currency: string,
    receivedOn: string,
    amountMinor: number,
    unappliedMinor: number,
    accountId: string,
  ) => ({
    id,
    accountId,
    contractId,
    currency,
    amountMinor,
    unappliedMinor,
    receivedOn,
    status:
      unappliedMinor === 0 ? 'applied' : unappliedMinor === amountMinor ? 'unapplied' : 'partial',
  });
  const alloc = (
    receiptId: string,
    installmentId: string,
    amountMinor: number,
    day: string,
    reversedAt: string | null = null,
  ) => ({
    receiptId,
    installmentId,
    amountMinor,
    allocatedAt: `${day}T03:00:00.000Z`,
    reversedAt,
  });
  return {
    ...base,
    today: '2026-06-30',
    leads,
    deals: [
      deal(1, a.id, x.id, 'CNY', '2026-01-10T02:00:00.000Z', null),
      deal(2, b.id, y.id, 'USD', '2026-02-01T00:00:00.000Z', 'lead-2'),
      deal(3, b.id, x.id, 'USD', '2025-12-01T00:00:00.000Z', null),
      deal(4, a.id, y.id, 'CNY', '2026-01-10T02:00:00.000Z', 'lead-4'),
      deal(5, a.id, x.id, 'CNY', '2026-01-10T02:00:00.000Z', null),
    ],
    contracts: [
      contract(1, a.id, x.id, 'CNY'),
      contract(2, b.id, y.id, 'USD', 'completed'),
      contract(3, b.id, x.id, 'USD'),
      contract(4, a.id, y.id, 'CNY', 'completed'),
      contract(5, a.id, x.id, 'CNY', 'terminated'),
    ],
    installments: [
      inst('i1', 'c1', 1, '2026-05-31', 10_000, 0),
      inst('i2', 'c1', 2, '2026-05-30', 20_000, 5_000),
      inst('i3', 'c1', 3, '2026-06-30', 7_000, 0),
      inst('j1', 'c2', 1, '2026-03-01', 50_000, 50_000, '2026-03-11'),
      inst('j2', 'c2', 2, '2026-04-01', 30_000, 30_000, '2026-04-21'),
      inst('k1', 'c3', 1, '2026-01-01', 40_000, 0),
      inst('m1', 'c4', 1, '2026-02-01', 1_000, 1_000, '2026-02-05'),
      inst('t1', 'c5', 1, '2026-06-01', 99_999, 0),
    ],
    receipts: [
      receipt('r1', 'c1', 'CNY', '2026-05-20', 5_000, 0, x.id),
      receipt('r2', 'c1', 'CNY', '2026-06-10', 3_000, 3_000, x.id),
      receipt('r3', 'c2', 'USD', '2026-03-11', 50_000, 0, y.id),
      receipt('r4', 'c2', 'USD', '2026-04-21', 30_000, 0, y.id),
      receipt('r5', 'c4', 'CNY', '2026-02-05', 1_000, 0, y.id),
    ],
    allocations: [
      alloc('r1', 'i2', 5_000, '2026-05-20'),
      alloc('r2', 'i1', 3_000, '2026-06-10', '2026-06-12T00:00:00.000Z'),
      alloc('r3', 'j1', 50_000, '2026-03-11'),
      alloc('r4', 'j2', 30_000, '2026-04-21'),
      alloc('r5', 'm1', 1_000, '2026-02-05'),
    ],
  };
}

describe.each(dialectsUnderTest())('receivables reports, worked by hand ($name)', (dialect) => {
  let database: AnalyticsDatabase;
  let app: AppContext;
  let principal: Principal;
  let world: L2cWorld;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(dialect);
    app = database.runtime.ctx;
    world = handWorld();
    ({ principal } = await loadL2cWorld(database.runtime.store.db, world));
  });
  afterAll(async () => {
    await database.close();
  });

  it('ages by days overdue: exactly 30 days is 1–30, 31 is 31–60, due today is not yet due; currencies apart', async () => {
    const json = (await receivablesAgingReport.execute(app, principal, {}, {})).json as {
      asOf: string;
      currencies: {
        currency: string;
        totals: Record<string, number>;
        accounts: { accountId: string; total: number }[];
      }[];
    };
    expect(json.asOf).toBe('2026-06-30');
    expect(json.currencies.map((c) => c.currency)).toEqual(['CNY', 'USD']);
    expect(json.currencies[0]?.totals).toEqual({
      notDue: 7_000,
      days1to30: 10_000,
      days31to60: 15_000,
      days61to90: 0,
      over90: 0,
      total: 32_000,
    });
    // The terminated contract's 99 999 is nowhere; USD is never added to CNY.
    expect(json.currencies[1]?.totals).toMatchObject({ over90: 40_000, total: 40_000 });
    const x = world.accounts[0]?.id;
    expect(json.currencies[1]?.accounts).toEqual([
      expect.objectContaining({ accountId: x, total: 40_000 }),
    ]);
    const usd = (
      await receivablesAgingReport.execute(
        app,
        principal,
        { currency: 'USD' },
        { asOf: '2026-01-31' },
      )
    ).json as typeof json;
    expect(usd.currencies.map((c) => c.currency)).toEqual(['USD']);
    expect(usd.currencies[0]?.totals).toMatchObject({ days1to30: 40_000, total: 40_000 });
  });

  it('shows a rep only the contracts of deals the rep may see', async () => {
    const rep: Principal = {
      tenantId: principal.tenantId,
      userId: world.owners[0]?.id ?? '',
      role: 'rep',
      grants: [],
      requestId: 'test-rep',
    };
    const json = (await receivablesAgingReport.execute(app, rep, {}, {})).json as {
      currencies: { currency: string; totals: { total: number } }[];
    };
    // The rep's deals are 1, 4 and 5 (CNY); B's USD contracts stay out of sight.
    expect(json.currencies.map((c) => [c.currency, c.totals.total])).toEqual([['CNY', 32_000]]);
  });

  it('counts collected by receipt date, leaving a reversed allocation out', async () => {
    const json = (
      await collectionsReport.execute(
        app,
        principal,
        { from: '2026-01-01', to: '2026-06-30' },
        { grain: 'month' },
      )
    ).json as {
      currencies: {
        currency: string;
        plannedMinor: number;
        collectedMinor: number;
        periods: {
          from: string;
          plannedMinor: number;
          collectedMinor: number;
          rate: number | null;
        }[];
      }[];
    };
    const cny = json.currencies.find((c) => c.currency === 'CNY');
    const month = (from: string) => cny?.periods.find((p) => p.from === from);
    expect(month('2026-02-01')).toMatchObject({
      plannedMinor: 1_000,
      collectedMinor: 1_000,
      rate: 1,
    });
    expect(month('2026-05-01')).toMatchObject({
      plannedMinor: 30_000,
      collectedMinor: 5_000,
      rate: 0.1667,
    });
    // r2's 3 000 was allocated on 06-10 and reversed: June collected nothing.
    expect(month('2026-06-01')).toMatchObject({ plannedMinor: 7_000, collectedMinor: 0, rate: 0 });
    expect(month('2026-03-01')).toMatchObject({ plannedMinor: 0, collectedMinor: 0, rate: null });
    expect(cny).toMatchObject({ plannedMinor: 38_000, collectedMinor: 6_000 });
    const usd = json.currencies.find((c) => c.currency === 'USD');
    expect(usd).toMatchObject({ plannedMinor: 120_000, collectedMinor: 80_000, rate: 0.6667 });
  });

  it('states DSO as ending receivables / billed × days, and days to pay', async () => {
    const json = (
      await dsoReport.execute(app, principal, { from: '2026-04-01', to: '2026-06-30' }, {})
    ).json as {
      currencies: {
        currency: string;
        days: number;
        billedMinor: number;
        receivablesMinor: number;
        dso: number | null;
        daysToPay: { n: number; meanDays: number | null };
      }[];
    };
    expect(json.currencies).toEqual([
      expect.objectContaining({
        currency: 'CNY',
        days: 91,
        billedMinor: 37_000,
        receivablesMinor: 32_000,
        dso: 78.7,
      }),
      expect.objectContaining({
        currency: 'USD',
        days: 91,
        billedMinor: 30_000,
        receivablesMinor: 40_000,
        dso: 121.3,
      }),
    ]);
    expect(json.currencies[1]?.daysToPay).toMatchObject({ n: 1, meanDays: 20 });
    // At the end of March j1 had been collected (03-11): only k1 was owed.
    const march = (
      await dsoReport.execute(
        app,
        principal,
        { from: '2026-03-01', to: '2026-03-31', currency: 'USD' },
        {},
      )
    ).json as typeof json;
    expect(march.currencies[0]).toMatchObject({
      billedMinor: 50_000,
      receivablesMinor: 40_000,
      dso: 24.8,
    });
  });

  it('measures lead → won → cash in the tenant’s calendar days, per source', async () => {
    const json = (
      await leadToCashReport.execute(app, principal, { from: '2025-07-01', to: '2026-06-30' }, {})
    ).json as {
      sources: {
        source: string;
        leadToCash: { n: number; medianDays: number };
        leadToWon: { medianDays: number };
        wonToCash: { medianDays: number };
      }[];
      all: { leadToCash: { n: number; meanDays: number } };
    };
    expect(json.sources.map((s) => s.source)).toEqual(['event', 'web']);
    // The event lead was created at 04:00 on 2026-01-01 in Shanghai (20:00 UTC the day before).
    expect(json.sources[0]).toMatchObject({
      leadToCash: { n: 1, medianDays: 35 },
      leadToWon: { medianDays: 9 },
      wonToCash: { medianDays: 26 },
    });
    expect(json.sources[1]).toMatchObject({
      leadToCash: { n: 1, medianDays: 96 },
      leadToWon: { medianDays: 17 },
      wonToCash: { medianDays: 79 },
    });
    expect(json.all.leadToCash).toMatchObject({ n: 2, meanDays: 65.5 });
  });
});
