import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitPriceFor, volumeTierIssues } from './volume-tiers.js';
import type { VolumeTier } from './volume-tiers.js';

/** Valid tiers: distinct thresholds ≥ 2, sorted ascending, any non-negative prices. */
const validTiers = fc
  .uniqueArray(fc.integer({ min: 2, max: 10_000 }), { maxLength: 8 })
  .chain((mins) =>
    fc.tuple(
      fc.constant([...mins].sort((a, b) => a - b)),
      fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), {
        minLength: mins.length,
        maxLength: mins.length,
      }),
    ),
  )
  .map(([mins, prices]): VolumeTier[] =>
    mins.map((minQuantity, i) => ({ minQuantity, unitPriceMinor: prices[i] ?? 0 })),
  );

const price = fc.integer({ min: 0, max: 1_000_000_00 });

describe('unitPriceFor', () => {
  const entry = {
    unitPriceMinor: 100_00,
    volumeTiers: [
      { minQuantity: 10, unitPriceMinor: 90_00 },
      { minQuantity: 50, unitPriceMinor: 80_00 },
    ],
  };

  it.each([
    [1, 100_00, null],
    [9, 100_00, null],
    [10, 90_00, 10],
    [49, 90_00, 10],
    [50, 80_00, 50],
    [10_000, 80_00, 50],
  ])('prices %i units at %i (tier %s)', (quantity, unitPriceMinor, tierMinQuantity) => {
    expect(unitPriceFor(entry, quantity)).toEqual({ unitPriceMinor, tierMinQuantity });
  });

  it('takes the tier with the largest threshold not above the quantity, else the base', () => {
    fc.assert(
      fc.property(price, validTiers, fc.integer({ min: 1, max: 20_000 }), (base, tiers, q) => {
        const { unitPriceMinor, tierMinQuantity } = unitPriceFor(
          { unitPriceMinor: base, volumeTiers: tiers },
          q,
        );
        const reached = tiers.filter((tier) => tier.minQuantity <= q);
        const expected = reached.at(-1);
        expect(tierMinQuantity).toBe(expected?.minQuantity ?? null);
        expect(unitPriceMinor).toBe(expected?.unitPriceMinor ?? base);
      }),
    );
  });

  it('does not depend on the order the tiers are stored in', () => {
    fc.assert(
      fc.property(price, validTiers, fc.integer({ min: 1, max: 20_000 }), (base, tiers, q) => {
        const reversed = { unitPriceMinor: base, volumeTiers: [...tiers].reverse() };
        expect(unitPriceFor(reversed, q)).toEqual(
          unitPriceFor({ unitPriceMinor: base, volumeTiers: tiers }, q),
        );
      }),
    );
  });

  it('moves to a later tier only as the quantity grows', () => {
    fc.assert(
      fc.property(
        validTiers,
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (tiers, q, more) => {
          const entryOf = { unitPriceMinor: 1, volumeTiers: tiers };
          const at = unitPriceFor(entryOf, q).tierMinQuantity ?? 0;
          const later = unitPriceFor(entryOf, q + more).tierMinQuantity ?? 0;
          expect(later).toBeGreaterThanOrEqual(at);
        },
      ),
    );
  });
});

describe('volumeTierIssues', () => {
  it('accepts every valid tier list', () => {
    fc.assert(
      fc.property(price, validTiers, (base, tiers) => {
        expect(volumeTierIssues({ unitPriceMinor: base, volumeTiers: tiers })).toEqual([]);
      }),
    );
  });

  it('refuses a tier list that is not strictly ascending', () => {
    fc.assert(
      fc.property(
        validTiers.filter((tiers) => tiers.length >= 2),
        (tiers) => {
          const swapped = [tiers[1], tiers[0], ...tiers.slice(2)] as VolumeTier[];
          const codes = volumeTierIssues({ unitPriceMinor: 1, volumeTiers: swapped }).map(
            (issue) => issue.code,
          );
          expect(codes).toContain('tiers_not_ascending');
        },
      ),
    );
  });

  it.each([
    ['a tier at 1 unit', [{ minQuantity: 1, unitPriceMinor: 5 }], 'tier_min_quantity'],
    ['a fractional threshold', [{ minQuantity: 2.5, unitPriceMinor: 5 }], 'tier_min_quantity'],
    ['a negative tier price', [{ minQuantity: 2, unitPriceMinor: -1 }], 'invalid_amount'],
    ['a fractional tier price', [{ minQuantity: 2, unitPriceMinor: 1.5 }], 'invalid_amount'],
    [
      'two tiers at the same threshold',
      [
        { minQuantity: 5, unitPriceMinor: 5 },
        { minQuantity: 5, unitPriceMinor: 4 },
      ],
      'tiers_not_ascending',
    ],
  ])('refuses %s', (_what, volumeTiers, code) => {
    const issues = volumeTierIssues({ unitPriceMinor: 10, volumeTiers });
    expect(issues.map((issue) => issue.code)).toContain(code);
  });

  it('refuses a negative base price', () => {
    expect(volumeTierIssues({ unitPriceMinor: -5, volumeTiers: [] })[0]?.path).toBe(
      'unitPriceMinor',
    );
  });
});
