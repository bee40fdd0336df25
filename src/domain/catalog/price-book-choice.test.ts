import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriceBook } from './price-book.js';
import { choosePriceBook, specificity } from './price-book-choice.js';

let next = 0;
const book = (fields: Partial<PriceBook>): PriceBook => ({
  id: `book-${String(next++).padStart(4, '0')}`,
  name: 'Book',
  currency: 'CNY',
  channel: null,
  customerTier: null,
  isDefault: false,
  active: true,
  validFrom: null,
  validTo: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...fields,
});

const on = '2026-06-15';

describe('choosePriceBook', () => {
  const standard = book({ name: 'Standard', isDefault: true });
  const partner = book({ name: 'Partner', channel: 'partner' });
  const benchmark = book({ name: 'Benchmark', customerTier: 'benchmark' });
  const both = book({ name: 'Benchmark partner', customerTier: 'benchmark', channel: 'partner' });
  const all = [standard, partner, benchmark, both];

  it.each([
    [{}, standard],
    [{ channel: 'partner' }, partner],
    [{ customerTier: 'benchmark' }, benchmark],
    [{ customerTier: 'benchmark', channel: 'partner' }, both],
    [{ customerTier: 'potential', channel: 'partner' }, partner],
    [{ customerTier: 'benchmark', channel: 'direct' }, benchmark],
    [{ channel: 'direct' }, standard],
  ])('for %j picks %o', (buyer, expected) => {
    expect(choosePriceBook(all, { currency: 'CNY', on, ...buyer })?.id).toBe(expected.id);
  });

  it('skips other currencies, archived books and books outside their dates', () => {
    const books = [
      standard,
      book({ customerTier: 'benchmark', currency: 'USD' }),
      book({ customerTier: 'benchmark', active: false }),
      book({ customerTier: 'benchmark', validTo: '2026-06-14' }),
      book({ customerTier: 'benchmark', validFrom: '2026-06-16' }),
    ];
    expect(choosePriceBook(books, { currency: 'CNY', customerTier: 'benchmark', on })).toBe(
      standard,
    );
    // the window is inclusive at both ends
    const edge = book({ customerTier: 'benchmark', validFrom: on, validTo: on });
    expect(
      choosePriceBook([...books, edge], { currency: 'CNY', customerTier: 'benchmark', on }),
    ).toBe(edge);
    expect(choosePriceBook(books, { currency: 'EUR', on })).toBeNull();
  });

  it('prefers a dated promotion over the standing book of the same rank', () => {
    const promo = book({ name: 'Summer', channel: 'partner', validFrom: '2026-06-01' });
    expect(choosePriceBook([partner, promo], { currency: 'CNY', channel: 'partner', on })).toBe(
      promo,
    );
  });

  const arbitraryBook = fc
    .record({
      channel: fc.constantFrom(null, 'partner', 'direct'),
      customerTier: fc.constantFrom(null, 'benchmark', 'potential'),
      isDefault: fc.boolean(),
      active: fc.boolean(),
      validFrom: fc.constantFrom(null, '2026-01-01', '2026-07-01'),
      validTo: fc.constantFrom(null, '2026-05-31', '2026-12-31'),
      name: fc.constantFrom('A', 'B', 'C'),
      currency: fc.constantFrom('CNY' as const, 'USD' as const),
    })
    .map((fields) => book(fields));
  const buyer = fc.record({
    channel: fc.constantFrom(null, 'partner', 'direct'),
    customerTier: fc.constantFrom(null, 'benchmark', 'potential'),
  });

  it('picks an applicable book of the highest rank, whatever the order of the books', () => {
    fc.assert(
      fc.property(fc.array(arbitraryBook, { maxLength: 12 }), buyer, (books, who) => {
        const criteria = { currency: 'CNY', on, ...who };
        const chosen = choosePriceBook(books, criteria);
        const ranks = books.map((b) => specificity(b, criteria)).filter((r) => r !== null);
        if (ranks.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        expect(chosen).not.toBeNull();
        expect(specificity(chosen as PriceBook, criteria)).toBe(Math.max(...ranks));
        // deterministic: the same answer for the books in reverse order
        expect(choosePriceBook([...books].reverse(), criteria)?.id).toBe(chosen?.id);
      }),
    );
  });

  it('never picks a book narrowed to another tier or channel than the buyer’s', () => {
    fc.assert(
      fc.property(fc.array(arbitraryBook, { maxLength: 12 }), buyer, (books, who) => {
        const chosen = choosePriceBook(books, { currency: 'CNY', on, ...who });
        if (!chosen) return;
        expect([null, who.channel]).toContain(chosen.channel);
        expect([null, who.customerTier]).toContain(chosen.customerTier);
        expect(chosen.active).toBe(true);
      }),
    );
  });
});
