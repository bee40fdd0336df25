import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  meanOf,
  nearestRank,
  nearestRankPosition,
  secondsFromTo,
  summarize,
} from './percentiles.js';

describe('nearest-rank percentiles', () => {
  it('picks the value at 1-based position ceil(p·n)', () => {
    // n = 10: median is the 5th value, p75 the 8th (ceil 7.5), p90 the 9th.
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRank(values, 50)).toBe(50);
    expect(nearestRank(values, 75)).toBe(80);
    expect(nearestRank(values, 90)).toBe(90);
  });

  it('never interpolates: an even count has a median that occurred', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
  });

  it('gives the only value for one value and null for none', () => {
    expect(summarize([7])).toEqual({ n: 1, total: 7, mean: 7, median: 7, p75: 7, p90: 7 });
    expect(summarize([])).toEqual({
      n: 0,
      total: 0,
      mean: null,
      median: null,
      p75: null,
      p90: null,
    });
  });

  it('sorts its input itself (order of rows is not an ordering)', () => {
    expect(summarize([30, 10, 20]).median).toBe(20);
  });

  it('integer position equals ceil(p·n) for every n and p', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        (n, p) => {
          expect(nearestRankPosition(p, n)).toBe(Math.ceil((p * n) / 100));
        },
      ),
    );
  });

  it('rounds the mean once, from the exact total', () => {
    expect(meanOf(5, 2)).toBe(3);
    expect(meanOf(10, 3, 1)).toBe(3.3);
    expect(meanOf(0, 0)).toBeNull();
  });

  it('counts whole seconds between instants, dropping milliseconds', () => {
    expect(secondsFromTo('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:01.999Z')).toBe(86_401);
  });
});
