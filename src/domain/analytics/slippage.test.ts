import { describe, expect, it } from 'vitest';
import type { DealChange, DealFact, DealHistory } from './facts.js';
import { daysFromTo, slippageOf } from './slippage.js';

const deal = (id: string): DealFact => ({
  id,
  ownerId: 'u',
  accountId: 'x',
  stageId: 'a',
  status: 'open',
  amountMinor: 100,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: null,
  source: null,
  sourceLeadId: null,
});

const change = (
  opportunityId: string,
  fromDate: string | null,
  toDate: string | null,
  changedAt = '2026-02-10T00:00:00.000Z',
): DealChange => ({
  opportunityId,
  field: 'close_date',
  fromAmountMinor: null,
  toAmountMinor: null,
  fromDate,
  toDate,
  changedAt,
});

const range = { start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' };
const history = (changes: DealChange[]): DealHistory => ({
  stages: [],
  deals: [deal('d'), deal('e')],
  visits: [],
  changes,
});

describe('close-date slippage', () => {
  it('separates pushes from pulls and counts pushes per slipped deal', () => {
    const figures = slippageOf(
      history([
        change('d', '2026-03-01', '2026-03-31'), // +30
        change('d', '2026-03-31', '2026-04-10'), // +10
        change('e', '2026-05-01', '2026-04-21'), // −10: a pull
      ]),
      range,
    );
    expect(figures.pushes).toEqual({
      days: { n: 2, total: 40, mean: 20, median: 10, p75: 30, p90: 30 },
      deals: 1,
      perDeal: 2,
    });
    expect(figures.pulls).toMatchObject({ days: { n: 1, total: 10 }, deals: 1, perDeal: 1 });
  });

  it('ignores changes to the same date, to or from no date, outside the period', () => {
    const figures = slippageOf(
      history([
        change('d', '2026-03-01', '2026-03-01'),
        change('d', null, '2026-03-01'),
        change('d', '2026-03-01', null),
        change('d', '2026-03-01', '2026-04-01', '2026-03-01T00:00:00.000Z'),
      ]),
      range,
    );
    expect(figures.pushes.days.n + figures.pulls.days.n).toBe(0);
    expect(figures.pushes.perDeal).toBeNull();
  });

  it('counts calendar days across a month end and a leap day', () => {
    expect(daysFromTo('2028-02-28', '2028-03-01')).toBe(2);
  });
});
