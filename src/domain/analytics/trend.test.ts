import { describe, expect, it } from 'vitest';
import { bucketsOf, periodOf } from './period.js';
import { lastSnapshotPerBucket, metricOf } from './trend.js';

describe('lastSnapshotPerBucket', () => {
  const zone = 'Asia/Shanghai';
  it('takes the latest snapshot inside each bucket, null where none was taken', () => {
    const weeks = bucketsOf(periodOf('2026-03-02', '2026-03-22', zone), 'week', zone);
    const picked = lastSnapshotPerBucket(weeks, [
      '2026-03-03',
      '2026-03-08',
      '2026-03-04',
      '2026-03-22',
    ]);
    expect(picked.map((p) => [p.bucket.from, p.snapshotDate])).toEqual([
      ['2026-03-02', '2026-03-08'],
      ['2026-03-09', null],
      ['2026-03-16', '2026-03-22'],
    ]);
  });

  it('keeps a clipped first and last bucket to the period', () => {
    const months = bucketsOf(periodOf('2026-01-15', '2026-02-10', zone), 'month', zone);
    const picked = lastSnapshotPerBucket(months, ['2026-01-10', '2026-01-31', '2026-02-11']);
    expect(picked.map((p) => p.snapshotDate)).toEqual(['2026-01-31', null]);
  });
});

describe('metricOf', () => {
  it('picks the named figure', () => {
    const cell = { count: 2, amountMinor: 300, weightedMinor: 75 };
    expect([metricOf(cell, 'count'), metricOf(cell, 'amount'), metricOf(cell, 'weighted')]).toEqual(
      [2, 300, 75],
    );
  });
});
