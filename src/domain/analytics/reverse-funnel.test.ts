import { describe, expect, it } from 'vitest';
import { monthsBefore, reverseFunnel } from './reverse-funnel.js';
import type { ReverseFunnelStageInput } from './reverse-funnel.js';

const stage = (stageId: string, cohort: number, advanced: number, openDeals = 0) => ({
  stageId,
  cohort,
  advanced,
  openDeals,
  openAmountMinor: 0,
});

describe('reverseFunnel', () => {
  // Each case: target, won (count, amount), stages (cohort, advanced, open) → needed per stage.
  const cases: {
    name: string;
    target: number;
    won: [number, number];
    stages: ReverseFunnelStageInput[];
    needed: (number | null)[];
    status: string[];
    dealsToWin: number | null;
  }[] = [
    {
      name: 'halving at every stage doubles what the stage before needs',
      target: 1_000_000,
      won: [10, 1_000_000], // average 100 000: 10 won deals needed
      stages: [stage('a', 100, 50, 30), stage('b', 10, 5, 12)],
      needed: [40, 20],
      status: ['ok', 'ok'],
      dealsToWin: 10,
    },
    {
      name: 'rounds up to whole deals, exactly (1/3 rates)',
      target: 100,
      won: [3, 300], // average 100: 1 deal
      stages: [stage('a', 3, 1)],
      needed: [3],
      status: ['ok'],
      dealsToWin: 1,
    },
    {
      name: 'a zero rate makes its stage and those before it unreachable, not infinite',
      target: 500,
      won: [1, 100],
      stages: [stage('a', 4, 2), stage('b', 5, 0), stage('c', 2, 2)],
      needed: [null, null, 5],
      status: ['unreachable', 'unreachable', 'ok'],
      dealsToWin: 5,
    },
    {
      name: 'an empty cohort on the path means no data',
      target: 500,
      won: [1, 100],
      stages: [stage('a', 4, 2), stage('b', 0, 0), stage('c', 2, 1)],
      needed: [null, null, 10],
      status: ['no_data', 'no_data', 'ok'],
      dealsToWin: 5,
    },
    {
      name: 'no won deals: no deal size, no data anywhere',
      target: 500,
      won: [0, 0],
      stages: [stage('a', 4, 2)],
      needed: [null],
      status: ['no_data'],
      dealsToWin: null,
    },
    {
      name: 'a zero target needs nothing',
      target: 0,
      won: [2, 100],
      stages: [stage('a', 4, 2, 3)],
      needed: [0],
      status: ['ok'],
      dealsToWin: 0,
    },
    {
      name: 'huge numbers stay exact',
      target: 999_999_999_999_999,
      won: [7, 7_000_000_000],
      stages: [stage('a', 9999, 1), stage('b', 9999, 1)],
      needed: [99_980_001_000_000, 9_999_000_000],
      status: ['ok', 'ok'],
      dealsToWin: 1_000_000,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const result = reverseFunnel({
        targetMinor: c.target,
        won: { count: c.won[0], amountMinor: c.won[1] },
        stages: c.stages,
      });
      expect(result.stages.map((s) => s.status)).toEqual(c.status);
      expect(result.dealsToWin).toBe(c.dealsToWin);
      c.needed.forEach((needed, index) => {
        const got = result.stages[index]?.neededDeals ?? null;
        expect(got).toBe(needed);
      });
      for (const s of result.stages)
        if (s.neededDeals !== null) expect(s.gap).toBe(s.neededDeals - s.openDeals);
    });

  it('gives the gap against the open deals of each stage', () => {
    const result = reverseFunnel({
      targetMinor: 1_000_000,
      won: { count: 10, amountMinor: 1_000_000 },
      stages: [stage('a', 100, 50, 30), stage('b', 10, 5, 12)],
    });
    expect(result.stages.map((s) => s.gap)).toEqual([10, 8]);
    expect(result.averageWonMinor).toBe(100_000);
    expect(result.stages[0]?.pathRate).toBeCloseTo(0.25);
  });
});

describe('monthsBefore', () => {
  it.each([
    ['2026-07-01', 12, '2025-07-01'],
    ['2026-03-31', 1, '2026-02-28'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2026-01-15', 3, '2025-10-15'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s minus %i months is %s', (date, months, expected) => {
    expect(monthsBefore(date, months)).toBe(expected);
  });
});
