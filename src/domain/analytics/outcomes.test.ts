import { describe, expect, it } from 'vitest';
import type { DealFact, StageFact } from './facts.js';
import { daysInPeriod, outcomeFactorsOf, outcomesFrom } from './outcomes.js';
import { summarize } from './percentiles.js';

const stages: StageFact[] = [
  { id: 's0', key: 'discover', position: 0, kind: 'open', probability: 10 },
  { id: 's1', key: 'qualify', position: 1, kind: 'open', probability: 30 },
  { id: 's2', key: 'propose', position: 2, kind: 'open', probability: 60 },
  { id: 'w', key: 'won', position: 3, kind: 'won', probability: 100 },
  { id: 'l', key: 'lost', position: 4, kind: 'lost', probability: 0 },
];

const deal = (id: string, over: Partial<DealFact>): DealFact => ({
  id,
  ownerId: 'u',
  accountId: 'a',
  stageId: 's0',
  status: 'open',
  amountMinor: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: null,
  source: null,
  sourceLeadId: null,
  ...over,
});

const won = (id: string, amountMinor: number, days: number): DealFact =>
  deal(id, {
    stageId: 'w',
    status: 'won',
    amountMinor,
    closedAt: new Date(Date.parse('2026-01-01T00:00:00.000Z') + days * 86_400_000).toISOString(),
  });

const question = {
  start: '2026-01-01T00:00:00.000Z',
  end: '2026-04-01T00:00:00.000Z',
  qualifiedFromPosition: 1,
};

describe('outcomes', () => {
  it('computes win rate, sizes and velocity from the factors', () => {
    const deals = [
      won('a', 100_00, 10),
      won('b', 300_00, 30),
      deal('c', {
        stageId: 'l',
        status: 'lost',
        amountMinor: 999_00,
        closedAt: '2026-02-01T00:00:00.000Z',
      }),
      deal('d', { stageId: 'l', status: 'lost', closedAt: '2026-02-02T00:00:00.000Z' }),
      // Open: one before the qualifying stage, two at or beyond it.
      deal('e', { stageId: 's0', amountMinor: 5 }),
      deal('f', { stageId: 's1', amountMinor: 7 }),
      deal('g', { stageId: 's2', amountMinor: 11 }),
      // Closed outside the period: not counted.
      won('h', 1_000_00, 120),
    ];
    const f = outcomesFrom(
      outcomeFactorsOf({ stages, deals, visits: [], changes: [] }, question),
      90,
    );
    expect(f.won).toBe(2);
    expect(f.closed).toBe(4);
    expect(f.winRate).toBe(0.5);
    expect(f.wonAmounts.mean).toBe(200_00);
    // Nearest rank: position ceil(0.5 × 2) = 1, the smaller amount; no interpolation.
    expect(f.wonAmounts.median).toBe(100_00);
    expect(f.acvMinor).toBe(200_00);
    expect(f.openQualified).toBe(2);
    expect(f.openQualifiedAmountMinor).toBe(18);
    expect(f.averageCycleDays).toBe(20);
    // 2 deals × 50% × 200.00 ÷ 20 days = 10.00 a day; × 90 days.
    expect(f.velocityPerDayMinor).toBe(10_00);
    expect(f.velocityPerPeriodMinor).toBe(900_00);
    expect(f.annualisedWonMinor).toBe(Math.round((400_00 * 365) / 90));
  });

  it('has no velocity, rate or ACV when nothing closed', () => {
    const f = outcomesFrom(
      outcomeFactorsOf(
        { stages, deals: [deal('x', { stageId: 's2' })], visits: [], changes: [] },
        question,
      ),
      90,
    );
    expect(f.winRate).toBeNull();
    expect(f.acvMinor).toBeNull();
    expect(f.velocityPerDayMinor).toBeNull();
    expect(f.openQualified).toBe(1);
  });

  it('rounds velocity once, from the exact sums', () => {
    const f = outcomesFrom(
      {
        won: 1,
        lost: 2,
        wonAmounts: summarize([100]),
        wonCycles: summarize([3 * 86_400]),
        openQualified: 1,
        openQualifiedAmountMinor: 0,
      },
      7,
    );
    // 1 × 1/3 × 100 ÷ 3 = 11.11… per day; × 7 = 77.78 → 78 (not 11 × 7 = 77).
    expect(f.velocityPerDayMinor).toBe(11);
    expect(f.velocityPerPeriodMinor).toBe(78);
  });

  it('counts local calendar days inclusively', () => {
    expect(daysInPeriod('2026-01-01', '2026-03-31')).toBe(90);
    expect(daysInPeriod('2026-03-01', '2026-03-01')).toBe(1);
  });
});
