import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealChangesBetween } from './deal-changes.js';
import type { DealTerms } from './deal-changes.js';

const deal = (amountMinor: number, expectedCloseDate: string | null, currency = 'CNY') =>
  ({ id: 'd1', amount: { amountMinor, currency }, expectedCloseDate }) as DealTerms;
const meta = { at: '2026-03-01T08:00:00.000Z', by: 'u1' };

describe('dealChangesBetween', () => {
  it('records nothing when amount and close date stay (a no-op or a rename)', () => {
    expect(dealChangesBetween(deal(100, '2026-04-01'), deal(100, '2026-04-01'), meta)).toEqual([]);
    expect(dealChangesBetween(deal(100, null), deal(100, null), meta)).toEqual([]);
  });

  it('records an amount change with both amounts, who and when', () => {
    expect(dealChangesBetween(deal(100, null), deal(250, null), meta)).toEqual([
      {
        opportunityId: 'd1',
        field: 'amount',
        fromAmountMinor: 100,
        toAmountMinor: 250,
        fromDate: null,
        toDate: null,
        currency: 'CNY',
        changedAt: meta.at,
        changedBy: 'u1',
      },
    ]);
  });

  it('records a close date set, moved and cleared', () => {
    const set = dealChangesBetween(deal(1, null), deal(1, '2026-05-01'), meta);
    expect(set.map((r) => [r.field, r.fromDate, r.toDate])).toEqual([
      ['close_date', null, '2026-05-01'],
    ]);
    const cleared = dealChangesBetween(deal(1, '2026-05-01'), deal(1, null), meta);
    expect(cleared.map((r) => [r.fromDate, r.toDate])).toEqual([['2026-05-01', null]]);
  });

  it('records a currency change as an amount change in the new currency', () => {
    const [record] = dealChangesBetween(deal(100, null), deal(100, null, 'USD'), meta);
    expect(record).toMatchObject({ field: 'amount', currency: 'USD', toAmountMinor: 100 });
  });

  it('gives exactly one record per field that differs', () => {
    const terms = fc.record({
      amount: fc.integer({ min: 0, max: 1000 }),
      date: fc.option(fc.constantFrom('2026-01-01', '2026-02-01'), { nil: null }),
    });
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        const records = dealChangesBetween(deal(a.amount, a.date), deal(b.amount, b.date), meta);
        expect(records.map((r) => r.field)).toEqual([
          ...(a.amount !== b.amount ? ['amount'] : []),
          ...(a.date !== b.date ? ['close_date'] : []),
        ]);
      }),
    );
  });
});
