import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandIndex, brierScore, calibrationBands } from './evaluation.js';

const o = (probabilityBp: number, won: boolean) => ({ probabilityBp, won });

describe('brierScore', () => {
  it.each([
    ['nothing to score', [], null],
    ['certain and right', [o(10_000, true), o(0, false)], 0],
    ['certain and wrong', [o(0, true), o(10_000, false)], 1],
    ['a coin toss', [o(5_000, true), o(5_000, false)], 0.25],
    ['70% then won, 20% then lost', [o(7_000, true), o(2_000, false)], (0.09 + 0.04) / 2],
  ])('%s', (_why, outcomes, expected) => {
    const score = brierScore(outcomes);
    if (expected === null) expect(score).toBeNull();
    else expect(score).toBeCloseTo(expected, 6);
  });

  it('stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ probabilityBp: fc.integer({ min: 0, max: 10_000 }), won: fc.boolean() }),
          {
            minLength: 1,
          },
        ),
        (outcomes) => {
          const score = brierScore(outcomes) ?? -1;
          return score >= 0 && score <= 1;
        },
      ),
    );
  });
});

describe('calibrationBands', () => {
  it.each([
    [0, 0],
    [999, 0],
    [1_000, 1],
    [9_999, 9],
    [10_000, 9],
  ])('%i bp falls in band %i', (bp, band) => expect(bandIndex(bp)).toBe(band));

  it('sets predicted mean against actual share per band, with counts', () => {
    const bands = calibrationBands([
      o(7_200, true),
      o(7_800, false),
      o(7_500, true),
      o(500, false),
    ]);
    expect(bands).toHaveLength(10);
    expect(bands[7]).toEqual({
      fromBp: 7_000,
      toBp: 8_000,
      count: 3,
      wins: 2,
      predictedMeanBp: 7_500,
      actualShareBp: 6_667,
    });
    expect(bands[0]).toMatchObject({ count: 1, wins: 0, predictedMeanBp: 500, actualShareBp: 0 });
    expect(bands[5]).toMatchObject({ count: 0, predictedMeanBp: null, actualShareBp: null });
  });

  it('accounts for every outcome exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ probabilityBp: fc.integer({ min: 0, max: 10_000 }), won: fc.boolean() }),
        ),
        (outcomes) => {
          const bands = calibrationBands(outcomes);
          const count = bands.reduce((sum, band) => sum + band.count, 0);
          const wins = bands.reduce((sum, band) => sum + band.wins, 0);
          return count === outcomes.length && wins === outcomes.filter((x) => x.won).length;
        },
      ),
    );
  });
});
