import { describe, expect, it } from 'vitest';
import { closeDateAt, pastForecastOf, stageRatesAt } from './forecast-history.js';
import type { PastInput } from './forecast-history.js';
import { forecastOf } from './forecast.js';
import type { ForecastDealFact, ForecastInput, ForecastStageFact } from './forecast.js';
import { openCategory, roundRatio, rollUp, stageRate } from './forecast-math.js';
import { pastPeriods, wholeMonths } from './forecast-periods.js';
import type { DealChange, StageVisit } from './facts.js';

const stages: ForecastStageFact[] = [
  { id: 's1', key: 'a', position: 0, kind: 'open', probability: 10, forecastCategory: 'pipeline' },
  { id: 's2', key: 'b', position: 1, kind: 'open', probability: 60, forecastCategory: 'best_case' },
  { id: 'w', key: 'w', position: 2, kind: 'won', probability: 100, forecastCategory: 'closed' },
  { id: 'l', key: 'l', position: 3, kind: 'lost', probability: 0, forecastCategory: 'omitted' },
];

function deal(id: string, patch: Partial<ForecastDealFact>): ForecastDealFact {
  return {
    id,
    ownerId: 'u',
    accountId: 'a',
    stageId: 's1',
    status: 'open',
    amountMinor: 1000,
    createdAt: '2026-01-01T00:00:00.000Z',
    closedAt: null,
    expectedCloseDate: '2026-04-15',
    source: null,
    sourceLeadId: null,
    forecastCategory: null,
    ...patch,
  };
}

const visit = (opportunityId: string, stageId: string, enteredAt: string, leftAt: string | null) =>
  ({
    opportunityId,
    stageId,
    fromStageId: null,
    enteredAt,
    leftAt,
    amountMinor: 1000,
  }) as StageVisit;

describe('forecast math', () => {
  it('rounds a ratio half up like Math.round, exactly beyond 2^53', () => {
    expect(roundRatio(250n, 100n)).toBe(3);
    expect(roundRatio(249n, 100n)).toBe(2);
    expect(roundRatio(-250n, 100n)).toBe(Math.round(-2.5));
    expect(roundRatio(10n ** 20n + 5000n, 10_000n)).toBe(Number(10n ** 16n + 1n));
  });

  it('takes the rep’s call over the stage’s; an open deal in a "closed" stage is commit', () => {
    expect(openCategory(null, 'best_case')).toBe('best_case');
    expect(openCategory('omitted', 'best_case')).toBe('omitted');
    expect(openCategory(null, 'closed')).toBe('commit');
  });

  it('rolls up as Salesforce does: best case includes commit, pipeline all but omitted', () => {
    expect(rollUp({ commit: 1, best_case: 2, pipeline: 4, omitted: 8 })).toEqual({
      commitMinor: 1,
      bestCaseMinor: 3,
      pipelineMinor: 7,
      omittedMinor: 8,
    });
  });

  it('falls back to the stage probability below the minimum sample', () => {
    expect(stageRate(9, 3, 10).fallback).toBe(true);
    expect(stageRate(10, 3, 10)).toEqual({ sampleSize: 10, won: 3, rate: 0.3, fallback: false });
  });
});

describe('forecastOf', () => {
  it('weighs the period’s open deals four ways', () => {
    const deals = [
      deal('d1', { amountMinor: 1000, forecastCategory: 'commit' }),
      deal('d2', { amountMinor: 3000, stageId: 's2' }),
      deal('d3', { amountMinor: 500, expectedCloseDate: '2026-07-01' }),
      deal('d4', {
        status: 'won',
        stageId: 'w',
        amountMinor: 700,
        closedAt: '2026-04-02T00:00:00.000Z',
      }),
    ];
    const input: ForecastInput = {
      stages,
      deals,
      predictions: new Map([['d1', 2500]]),
      // s1: 2 closed visitors, one won; minSample 2 → 0.5.
      experience: {
        deals: [deal('x1', { status: 'won' }), deal('x2', { status: 'lost' })],
        visits: [visit('x1', 's1', 'a', 'b'), visit('x2', 's1', 'a', 'b')],
      },
    };
    const figures = forecastOf(input, {
      from: '2026-04-01',
      to: '2026-06-30',
      start: '2026-03-31T16:00:00.000Z',
      end: '2026-06-30T16:00:00.000Z',
      minSample: 2,
    });
    const [s1, s2] = figures.stages;
    expect(s1?.stageWeightedMinor).toBe(100);
    expect(s1?.categories.commitMinor).toBe(1000);
    expect(s1?.historical.weightedMinor).toBe(500);
    expect(s1?.learned).toEqual({
      scoredCount: 1,
      weightedMinor: 250,
      unscoredCount: 0,
      unscoredAmountMinor: 0,
    });
    expect(s2?.categories.bestCaseMinor).toBe(3000);
    expect(s2?.historical).toMatchObject({ fallback: true, weightedMinor: 1800 });
    expect(s2?.learned.unscoredCount).toBe(1);
    expect(figures.closed).toEqual({ count: 1, amountMinor: 700 });
  });
});

describe('forecast at a past instant', () => {
  const change = (field: 'amount' | 'close_date', changedAt: string, to: string | number) =>
    ({
      opportunityId: 'd',
      field,
      fromAmountMinor: null,
      toAmountMinor: typeof to === 'number' ? to : null,
      fromDate: field === 'close_date' ? `from-${changedAt}` : null,
      toDate: typeof to === 'string' ? to : null,
      changedAt,
    }) as DealChange;

  it('reads the close date then: last change before, else the first change’s from_date', () => {
    const changes = [change('close_date', '2', 'X'), change('close_date', '4', 'Y')];
    expect(closeDateAt(changes, 'now', '3')).toBe('X');
    expect(closeDateAt(changes, 'now', '5')).toBe('Y');
    expect(closeDateAt(changes, 'now', '1')).toBe('from-2');
    expect(closeDateAt([], 'now', '1')).toBe('now');
  });

  it('counts only deals closed by the instant in P(won | stage)', () => {
    const experience = {
      deals: [deal('a', { status: 'won' }), deal('b', { status: 'lost' })],
      visits: [
        visit('a', 's1', '1', '3'),
        visit('a', 'w', '3', null),
        visit('b', 's1', '1', '7'),
        visit('b', 'l', '7', null),
      ],
    };
    expect(stageRatesAt(stages, experience, '5', 1).get('s1')).toMatchObject({
      sampleSize: 1,
      won: 1,
    });
  });

  it('forecasts from the standing visit and the amount then', () => {
    const input: PastInput = {
      stages,
      deals: [deal('d', { expectedCloseDate: '2026-02-10', stageId: 's2' })],
      visits: [visit('d', 's1', '2026-01-01', '2026-01-20'), visit('d', 's2', '2026-01-20', null)],
      changes: [change('amount', '2026-01-05', 4000), change('amount', '2026-01-25', 9000)],
      experience: { deals: [], visits: [] },
    };
    const past = pastForecastOf(input, {
      from: '2026-01-10',
      to: '2026-03-01',
      start: '2026-01-10',
      end: '2026-03-02',
      minSample: 10,
    });
    expect(past).toMatchObject({ openCount: 1, openAmountMinor: 4000, stageWeightedMinor: 400 });
  });
});

describe('pastPeriods', () => {
  it('steps back by whole months for month-aligned periods', () => {
    expect(wholeMonths({ from: '2026-04-01', to: '2026-06-30' })).toBe(3);
    expect(pastPeriods({ from: '2026-04-01', to: '2026-06-30' }, 2)).toEqual([
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2025-10-01', to: '2025-12-31' },
    ]);
    expect(pastPeriods({ from: '2026-03-01', to: '2026-03-31' }, 1)).toEqual([
      { from: '2026-02-01', to: '2026-02-28' },
    ]);
  });

  it('steps back by the length in days otherwise', () => {
    expect(wholeMonths({ from: '2026-04-05', to: '2026-04-11' })).toBeNull();
    expect(pastPeriods({ from: '2026-04-05', to: '2026-04-11' }, 2)).toEqual([
      { from: '2026-03-29', to: '2026-04-04' },
      { from: '2026-03-22', to: '2026-03-28' },
    ]);
  });
});
