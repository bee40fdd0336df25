import { describe, expect, it } from 'vitest';
import { activityBucket, ageBucket, featuresOf, NONE, wholeDays } from './features.js';
import type { WinFeatureRow } from './features.js';

const NOW = '2026-03-20T10:00:00.000Z';

const row = (overrides: Partial<WinFeatureRow> = {}): WinFeatureRow => ({
  id: 'd1',
  status: 'open',
  stageId: 'qualify',
  stageProbability: 20,
  source: 'referral',
  industry: 'manufacturing',
  size: '50-200',
  productType: 'lighthouse',
  ownerId: 'u1',
  stageSince: '2026-03-10T10:00:00.000Z',
  stageUntil: null,
  activityCount: 3,
  ...overrides,
});

describe('buckets', () => {
  it.each([
    [0, '0-7'],
    [7, '0-7'],
    [8, '8-30'],
    [30, '8-30'],
    [31, '31-90'],
    [90, '31-90'],
    [91, '91+'],
    [-3, '0-7'],
  ])('age %i days → %s', (days, expected) => expect(ageBucket(days)).toBe(expected));

  it.each([
    [0, '0'],
    [1, '1-2'],
    [2, '1-2'],
    [3, '3-5'],
    [10, '6-10'],
    [11, '11+'],
  ])('%i activities → %s', (count, expected) => expect(activityBucket(count)).toBe(expected));

  it('counts whole days, rounding down, never below zero', () => {
    expect(wholeDays('2026-03-19T10:00:00.001Z', NOW)).toBe(0);
    expect(wholeDays('2026-03-19T10:00:00.000Z', NOW)).toBe(1);
    expect(wholeDays('2026-03-21T10:00:00.000Z', NOW)).toBe(0);
    expect(wholeDays(null, NOW)).toBe(0);
  });
});

describe('featuresOf', () => {
  it('ages an open deal up to now', () => {
    expect(featuresOf(row(), NOW)).toEqual({
      stage: 'qualify',
      source: 'referral',
      industry: 'manufacturing',
      size: '50-200',
      product: 'lighthouse',
      owner: 'u1',
      age_in_stage: '8-30',
      activities: '3-5',
    });
  });

  it('ages a closed deal up to when it left its last open stage, whatever now is', () => {
    const closed = row({ status: 'won', stageUntil: '2026-03-12T10:00:00.000Z' });
    expect(featuresOf(closed, NOW).age_in_stage).toBe('0-7');
    expect(featuresOf(closed, '2030-01-01T00:00:00.000Z').age_in_stage).toBe('0-7');
  });

  it('gives missing values a value of their own', () => {
    const bare = featuresOf(
      row({ stageId: null, source: null, industry: '', size: null, productType: null }),
      NOW,
    );
    expect([bare.stage, bare.source, bare.industry, bare.size, bare.product]).toEqual([
      NONE,
      NONE,
      NONE,
      NONE,
      NONE,
    ]);
  });
});
