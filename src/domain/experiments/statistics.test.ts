import { describe, expect, it } from 'vitest';
import { holmAdjust, mannWhitneyTest, median, twoProportionTest, twoSidedP } from './statistics.js';

describe('twoSidedP', () => {
  it('matches the normal table', () => {
    // Standard normal table: P(|Z| > 1.959964) = 0.05, P(|Z| > 2.575829) = 0.01.
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
  });
});

describe('twoProportionTest', () => {
  it('matches a hand computation: 20/100 against 35/100', () => {
    // By hand: pooled p = 55/200 = 0.275, SE = sqrt(0.275·0.725·(1/100 + 1/100)) = 0.0631466,
    // z = 0.15 / 0.0631466 = 2.375423, p = 2·(1 − Φ(2.375423)) = 0.017529 (scipy.stats.norm
    // 1.17 agrees); the Wald interval 0.15 ± 1.959964·sqrt(0.2·0.8/100 + 0.35·0.65/100)
    // = [0.027993, 0.272007].
    const test = twoProportionTest({ successes: 20, n: 100 }, { successes: 35, n: 100 });
    expect(test?.difference).toBeCloseTo(0.15, 10);
    expect(test?.z).toBeCloseTo(2.375423, 5);
    expect(test?.pValue).toBeCloseTo(0.017529, 5);
    expect(test?.ci95[0]).toBeCloseTo(0.027993, 5);
    expect(test?.ci95[1]).toBeCloseTo(0.272007, 5);
  });

  it('is symmetric: the treatment doing worse gives a negative z and the same p', () => {
    const test = twoProportionTest({ successes: 35, n: 100 }, { successes: 20, n: 100 });
    expect(test?.z).toBeCloseTo(-2.375423, 5);
    expect(test?.pValue).toBeCloseTo(0.017529, 5);
  });

  it('says not enough data below 30 per group or 5 expected successes', () => {
    expect(twoProportionTest({ successes: 5, n: 29 }, { successes: 10, n: 100 })).toBeNull();
    // Pooled rate 2/200: 100 · 0.01 = 1 expected success, far below 5.
    expect(twoProportionTest({ successes: 1, n: 100 }, { successes: 1, n: 100 })).toBeNull();
  });
});

describe('mannWhitneyTest', () => {
  it('matches scipy with ties and the continuity correction', () => {
    // scipy 1.17: mannwhitneyu(b, a, method="asymptotic", use_continuity=True)
    // → statistic 86.5, pvalue 0.028518691508641364 (ties: 2,2; 5,5,5; 3,3; 4,4; 6,6; 9,9; 12,12).
    const a = [1, 2, 2, 3, 4, 5, 5, 5, 7, 9, 10];
    const b = [3, 4, 6, 6, 8, 9, 11, 12, 12, 14];
    const test = mannWhitneyTest(a, b);
    expect(test?.u).toBe(86.5);
    expect(test?.pValue).toBeCloseTo(0.0285187, 5);
    expect(test?.z).toBeGreaterThan(0);
  });

  it('finds nothing between identical samples and needs 10 values per group', () => {
    const same = Array.from({ length: 12 }, () => 3);
    expect(mannWhitneyTest(same, same)?.pValue).toBe(1);
    expect(mannWhitneyTest([1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12, 13])).toBeNull();
  });
});

describe('holmAdjust', () => {
  it('adjusts step-down and keeps the order monotone', () => {
    // By hand, m = 3: sorted 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04).
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
  });

  it('leaves a single test alone and skips tests not run', () => {
    expect(holmAdjust([0.02])).toEqual([0.02]);
    const adjusted = holmAdjust([null, 0.02, 0.6]);
    expect(adjusted[0]).toBeNull();
    expect(adjusted[1]).toBeCloseTo(0.04, 12);
    expect(adjusted[2]).toBeCloseTo(0.6, 12);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
