import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { MAX_AMOUNT_MINOR } from '../money.js';
import { allocateLargestRemainder } from './allocation.js';
import type { QuoteLineFigures } from './arithmetic.js';
import { effectiveDiscountBp, priceQuote } from './arithmetic.js';

const line = (
  quantity: number,
  unitPriceMinor: number,
  discountBp = 0,
  taxRateBp = 0,
): QuoteLineFigures => ({ quantity, unitPriceMinor, discountBp, taxRateBp });

const lineArb = fc.record({
  quantity: fc.integer({ min: 1, max: 10_000 }),
  unitPriceMinor: fc.integer({ min: 0, max: 100_000_000 }),
  discountBp: fc.integer({ min: 0, max: 10_000 }),
  taxRateBp: fc.constantFrom(0, 600, 900, 1300, 1000, 825),
});
const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 8 });
const bpArb = fc.integer({ min: 0, max: 10_000 });

describe('priceQuote — hand-computed examples', () => {
  it('CNY (2 minor digits): line discount, 5% overall by largest remainder, 6%/13% VAT', () => {
    // A: 3 × ¥1,980.00 − 10% = 5,346.00; B: 1 × ¥333.33. Σ net 5,679.33; 5% = 283.9665 → 283.97.
    // Exact shares: A 267.30…(rem 187110/567933), B 16.66…(rem 380823/567933) → the 1 fen left
    // goes to B. A net 5,078.70 × 6% = 304.722 → 304.72; B net 316.66 × 13% = 41.1658 → 41.17.
    const { lines, totals } = priceQuote(
      [line(3, 198_000, 1_000, 600), line(1, 33_333, 0, 1_300)],
      500,
    );
    expect(lines).toEqual([
      {
        grossMinor: 594_000,
        lineDiscountMinor: 59_400,
        allocatedDiscountMinor: 26_730,
        discountMinor: 86_130,
        netMinor: 507_870,
        taxMinor: 30_472,
        totalMinor: 538_342,
      },
      {
        grossMinor: 33_333,
        lineDiscountMinor: 0,
        allocatedDiscountMinor: 1_667,
        discountMinor: 1_667,
        netMinor: 31_666,
        taxMinor: 4_117,
        totalMinor: 35_783,
      },
    ]);
    expect(totals).toEqual({
      subtotalMinor: 627_333,
      lineDiscountMinor: 59_400,
      overallDiscountMinor: 28_397,
      netMinor: 539_536,
      taxMinor: 34_589,
      totalMinor: 574_125,
    });
    // (59,400 + 28,397) / 627,333 = 13.995…% → 1399 bp, rounded down.
    expect(effectiveDiscountBp(totals)).toBe(1_399);
  });

  it('JPY (0 minor digits): halves round up, the yen left over goes to the larger remainder', () => {
    // A: 7 × ¥1,250 = 8,750, 3% = 262.5 → 263; B: 2 × ¥999 = 1,998. Σ net 10,485; 2.5% =
    // 262.125 → 262; shares A 212 (rem 774), B 49 (rem 9711) → B 50. Tax 10%: A 8,275 → 827.5
    // → 828; B 1,948 → 194.8 → 195.
    const { lines, totals } = priceQuote([line(7, 1_250, 300, 1_000), line(2, 999, 0, 1_000)], 250);
    expect(lines.map((l) => [l.netMinor, l.taxMinor, l.allocatedDiscountMinor])).toEqual([
      [8_275, 828, 212],
      [1_948, 195, 50],
    ]);
    expect(totals).toEqual({
      subtotalMinor: 10_748,
      lineDiscountMinor: 263,
      overallDiscountMinor: 262,
      netMinor: 10_223,
      taxMinor: 1_023,
      totalMinor: 11_246,
    });
  });

  it('an empty quote is all zeros', () => {
    expect(priceQuote([], 1_000).totals.totalMinor).toBe(0);
  });
});

describe('priceQuote — refusals', () => {
  it('refuses a line beyond MAX_AMOUNT_MINOR, and bad basis points, as validation_failed', () => {
    const tooBig = (): unknown => priceQuote([line(2, MAX_AMOUNT_MINOR)], 0);
    expect(tooBig).toThrow(DomainError);
    expect(() => priceQuote([line(1, 1), line(1, MAX_AMOUNT_MINOR)], 0)).toThrow(DomainError);
    expect(() => priceQuote([line(1, 100, 10_001)], 0)).toThrow(DomainError);
    expect(() => priceQuote([line(1, 100)], -1)).toThrow(DomainError);
    expect(() => priceQuote([line(0, 100)], 0)).toThrow(DomainError);
    expect(() => priceQuote([line(1, 1.5)], 0)).toThrow(DomainError);
  });

  it('refuses a total that only tax pushes beyond MAX_AMOUNT_MINOR', () => {
    expect(() => priceQuote([line(1, MAX_AMOUNT_MINOR, 0, 1_000)], 0)).toThrow(DomainError);
  });
});

describe('priceQuote — properties', () => {
  it('totals are exact sums of the lines and each line adds up', () => {
    fc.assert(
      fc.property(linesArb, bpArb, (input, bp) => {
        const { lines, totals } = priceQuote(input, bp);
        const sum = (pick: (l: (typeof lines)[number]) => number): number =>
          lines.reduce((acc, l) => acc + pick(l), 0);
        expect(totals.subtotalMinor).toBe(sum((l) => l.grossMinor));
        expect(totals.netMinor).toBe(sum((l) => l.netMinor));
        expect(totals.taxMinor).toBe(sum((l) => l.taxMinor));
        expect(totals.totalMinor).toBe(totals.netMinor + totals.taxMinor);
        expect(totals.netMinor).toBe(
          totals.subtotalMinor - totals.lineDiscountMinor - totals.overallDiscountMinor,
        );
        for (const [index, l] of lines.entries()) {
          const src = input[index]!;
          expect(l.grossMinor).toBe(src.quantity * src.unitPriceMinor);
          expect(l.netMinor).toBe(l.grossMinor - l.discountMinor);
          expect(l.totalMinor).toBe(l.netMinor + l.taxMinor);
        }
      }),
    );
  });

  it('the allocation sums exactly to the overall discount, which is Σ net × bp rounded half up', () => {
    fc.assert(
      fc.property(linesArb, bpArb, (input, bp) => {
        const before = priceQuote(input, 0).totals.netMinor;
        const { lines, totals } = priceQuote(input, bp);
        const expected = Number((BigInt(before) * BigInt(bp) + 5_000n) / 10_000n);
        expect(totals.overallDiscountMinor).toBe(expected);
        expect(lines.reduce((acc, l) => acc + l.allocatedDiscountMinor, 0)).toBe(expected);
      }),
    );
  });

  it('no line goes negative and no discount exceeds its gross', () => {
    fc.assert(
      fc.property(linesArb, bpArb, (input, bp) => {
        for (const l of priceQuote(input, bp).lines) {
          expect(l.netMinor).toBeGreaterThanOrEqual(0);
          expect(l.taxMinor).toBeGreaterThanOrEqual(0);
          expect(l.allocatedDiscountMinor).toBeGreaterThanOrEqual(0);
          expect(l.discountMinor).toBeLessThanOrEqual(l.grossMinor);
        }
      }),
    );
  });

  it('totals do not depend on the order of the lines', () => {
    fc.assert(
      fc.property(
        linesArb.chain((lines) =>
          fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length })),
        ),
        bpArb,
        ([lines, shuffled], bp) => {
          expect(priceQuote(shuffled, bp).totals).toEqual(priceQuote(lines, bp).totals);
        },
      ),
    );
  });

  it('0 bp everywhere is the identity: net = gross and no discount', () => {
    fc.assert(
      fc.property(linesArb, (input) => {
        const plain = input.map((l) => ({ ...l, discountBp: 0 }));
        const { lines, totals } = priceQuote(plain, 0);
        expect(totals.netMinor).toBe(totals.subtotalMinor);
        expect(lines.every((l) => l.discountMinor === 0)).toBe(true);
        expect(effectiveDiscountBp(totals)).toBe(0);
      }),
    );
  });

  it('a deeper overall or line discount never raises the net', () => {
    fc.assert(
      fc.property(linesArb, bpArb, bpArb, (input, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(priceQuote(input, high).totals.netMinor).toBeLessThanOrEqual(
          priceQuote(input, low).totals.netMinor,
        );
        const deeper = input.map((l) => ({ ...l, discountBp: Math.max(l.discountBp, high) }));
        expect(priceQuote(deeper, low).totals.netMinor).toBeLessThanOrEqual(
          priceQuote(input, low).totals.netMinor,
        );
      }),
    );
  });

  it('stays exact where products exceed 2^53', () => {
    // 9,999 × 99,999,999,999 ≈ 10^15: gross × bp overflows a double's exact range.
    const { totals } = priceQuote([line(9_999, 99_999_999_999, 3_333, 1_300)], 1_234);
    const gross = 9_999n * 99_999_999_999n;
    const lineDisc = (gross * 3_333n + 5_000n) / 10_000n;
    const overall = ((gross - lineDisc) * 1_234n + 5_000n) / 10_000n;
    expect(BigInt(totals.netMinor)).toBe(gross - lineDisc - overall);
  });
});

describe('allocateLargestRemainder', () => {
  it('gives the units left over to the largest remainders, ties to the larger weight', () => {
    expect(allocateLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateLargestRemainder(1, [1, 2])).toEqual([0, 1]);
    expect(allocateLargestRemainder(5, [0, 0])).toEqual([0, 0]);
  });

  it('always sums exactly and never gives a part more than its ceiling share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (weights, total) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const shares = allocateLargestRemainder(total, weights);
          if (sum === 0) return;
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          shares.forEach((share, i) => {
            const exact = (BigInt(total) * BigInt(weights[i]!)) / BigInt(sum);
            expect(BigInt(share) - exact).toBeGreaterThanOrEqual(0n);
            expect(BigInt(share) - exact).toBeLessThanOrEqual(1n);
          });
        },
      ),
    );
  });
});
