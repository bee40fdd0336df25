import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealsWithStaleReach } from '../../src/store/stage-reach.repo.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { csvFile, importFile } from '../support/imports.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Reports over history that came in by import: twelve deals with created and closed dates,
 * owners and stages, as a sales team would bring them from a spreadsheet. Every expected
 * figure below was worked out by hand from the file, as a spreadsheet would (dates are local
 * midnights in Asia/Shanghai, so cycles are whole days).
 */
const DAY = 86_400;
const FILE = [
  ['Deal', 'Customer', 'Owner', 'Stage', 'Amount', 'Currency', 'Created', 'Closed'],
  ['W1', '甲科技', 'a', 'won', '100,000.00', 'CNY', '2025-11-01', '2026-01-10'],
  ['W2', '乙制造', 'a', 'won', '50,000.00', 'CNY', '2025-12-01', '2026-02-15'],
  ['W3', '丙物流', 'b', 'won', '250,000.00', 'CNY', '2026-01-05', '2026-03-20'],
  ['L1', '丁银行', 'a', 'lost', '80,000.00', 'CNY', '2025-10-15', '2026-01-20'],
  ['L2', '甲科技', 'b', 'lost', '30,000.00', 'CNY', '2026-01-10', '2026-02-28'],
  ['W4 (before the period)', '乙制造', 'b', 'won', '70,000.00', 'CNY', '2025-06-01', '2025-12-15'],
  ['L3 (after the period)', '丙物流', 'a', 'lost', '20,000.00', 'CNY', '2026-03-01', '2026-04-10'],
  ['O1', '丁银行', 'a', 'needs-confirmed', '40,000.00', 'CNY', '2026-02-01', ''],
  ['O2', '甲科技', 'b', 'needs-confirmed', '60,000.00', 'CNY', '2026-03-01', ''],
  ['O3', '乙制造', 'b', 'negotiation', '120,000.00', 'CNY', '2026-01-15', ''],
  ['O4', '丙物流', 'a', 'initial-contact', '10,000.00', 'CNY', '2026-05-01', ''],
  ['O5 (dollars)', '丁银行', 'b', 'initial-contact', '5,000.00', 'USD', '2026-02-01', ''],
];

interface StageRow {
  stage: { key: string };
  count: number;
  amountMinor: number;
  weightedMinor: number;
}

describe.each(dialectsUnderTest())('reports over an imported history ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  const owners = { a: '', b: '' };
  const q1 = 'from=2026-01-01&to=2026-03-31';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    await createUngatedDefaultPipeline(t.client);
    for (const name of ['a', 'b'] as const) {
      owners[name] = (
        await created<{ id: string }>(
          t.client.post('/api/v1/users', {
            email: `${name}@${t.tenant.slug}.test`,
            name: `Rep ${name.toUpperCase()}`,
            role: 'rep',
            password: TEST_PASSWORD,
          }),
        )
      ).id;
    }
    const rows = FILE.map((row, index) =>
      index === 0
        ? row
        : row.map((cell, column) => (column === 2 ? `${cell}@${t.tenant.slug}.test` : cell)),
    );
    const imported = await importFile(
      t.client,
      'opportunities',
      { name: 'history.csv', content: csvFile(rows) },
      {
        columns: {
          Deal: 'name',
          Customer: 'account',
          Owner: 'owner',
          Stage: 'stage',
          Amount: 'amount',
          Currency: 'currency',
          Created: 'createdAt',
          Closed: 'closedAt',
        },
      },
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.counts).toMatchObject({ imported: 12, failed: 0 });
    // The imported histories keep what the reports read beside them (visited-stage bits,
    // the latest entry on the deal's row).
    expect(await dealsWithStaleReach(server.runtime.store.db, t.tenant.id)).toEqual([]);
  });

  afterAll(async () => {
    await server.close();
  });

  it('gives the win rate and deal sizes of the deals closed in the period', async () => {
    const outcomes = await t.client.get<{
      winRate: { won: number; lost: number; closed: number; rate: number };
      wonSize: { count: number; totalMinor: number; averageMinor: number; medianMinor: number };
      cycle: { count: number; averageDays: number; medianSeconds: number };
    }>(`/api/v1/reports/outcomes?${q1}`);
    expect(outcomes.status, JSON.stringify(outcomes.body)).toBe(200);
    // Won W1, W2, W3; lost L1, L2. W4 closed before the period, L3 after it.
    expect(outcomes.body.winRate).toEqual({ won: 3, lost: 2, closed: 5, rate: 0.6 });
    // 400,000.00 / 3 = 133,333.33; the median of 50k, 100k, 250k is 100k.
    expect(outcomes.body.wonSize).toMatchObject({
      count: 3,
      totalMinor: 40_000_000,
      averageMinor: 13_333_333,
      medianMinor: 10_000_000,
    });
    // Won cycles: 70, 76 and 74 days.
    expect(outcomes.body.cycle.count).toBe(3);
    expect(outcomes.body.cycle.medianSeconds).toBe(74 * DAY);
    expect(outcomes.body.cycle.averageDays).toBeCloseTo(220 / 3, 2);

    const mine = await t.client.get<{ winRate: { won: number; lost: number; rate: number } }>(
      `/api/v1/reports/outcomes?${q1}&ownerId=${owners.a}`,
    );
    expect(mine.body.winRate).toMatchObject({ won: 2, lost: 1 });
    expect(mine.body.winRate.rate).toBeCloseTo(2 / 3, 10);
  });

  it('gives the sales cycle of won and of lost deals', async () => {
    const cycle = await t.client.get<{
      won: { n: number; totalSeconds: number; medianSeconds: number; meanSeconds: number };
      lost: { n: number; totalSeconds: number; medianSeconds: number; meanSeconds: number };
    }>(`/api/v1/reports/cycle?${q1}`);
    expect(cycle.status, JSON.stringify(cycle.body)).toBe(200);
    expect(cycle.body.won).toMatchObject({
      n: 3,
      totalSeconds: 220 * DAY,
      meanSeconds: Math.round((220 * DAY) / 3),
      medianSeconds: 74 * DAY,
    });
    // Lost: L1 97 days, L2 49 days; the nearest-rank median of two is the first.
    expect(cycle.body.lost).toMatchObject({
      n: 2,
      totalSeconds: 146 * DAY,
      medianSeconds: 49 * DAY,
    });
  });

  it('gives the funnel today and as it stood on a past date', async () => {
    const figures = (rows: StageRow[]) =>
      Object.fromEntries(
        rows
          .filter((row) => row.count > 0)
          .map((row) => [row.stage.key, [row.count, row.amountMinor, row.weightedMinor]]),
      );
    const today = await t.client.get<{ stages: StageRow[]; won: unknown; lost: unknown }>(
      `/api/v1/reports/funnel?${q1}`,
    );
    expect(figures(today.body.stages)).toEqual({
      'initial-contact': [1, 1_000_000, 100_000],
      'needs-confirmed': [2, 10_000_000, 3_000_000],
      negotiation: [1, 12_000_000, 9_600_000],
    });
    expect(today.body.won).toEqual({ count: 3, amountMinor: 40_000_000 });
    expect(today.body.lost).toEqual({ count: 2, amountMinor: 11_000_000 });
    // On 10 February a closed deal of the file was still in the first stage (the file does
    // not say which stages it passed): W2, W3 and L2; O1 and O3 stood where they are now.
    const past = await t.client.get<{ stages: StageRow[] }>(
      `/api/v1/reports/funnel?${q1}&asOf=2026-02-10`,
    );
    expect(figures(past.body.stages)).toEqual({
      'initial-contact': [3, 33_000_000, 3_300_000],
      'needs-confirmed': [1, 4_000_000, 1_200_000],
      negotiation: [1, 12_000_000, 9_600_000],
    });
    const dollars = await t.client.get<{ stages: StageRow[] }>(
      `/api/v1/reports/funnel?${q1}&currency=USD`,
    );
    expect(figures(dollars.body.stages)).toEqual({ 'initial-contact': [1, 500_000, 50_000] });
  });
});
