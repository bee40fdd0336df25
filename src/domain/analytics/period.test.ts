import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  bucketStart,
  bucketsOf,
  isCalendarDate,
  periodOf,
  startOfLocalDate,
} from './period.js';

describe('report periods in the tenant’s calendar', () => {
  it('starts a local day at its midnight in the zone, DST included', () => {
    expect(startOfLocalDate('2026-01-01', 'Asia/Shanghai')).toBe('2025-12-31T16:00:00.000Z');
    expect(startOfLocalDate('2026-01-01', 'UTC')).toBe('2026-01-01T00:00:00.000Z');
    // New York springs forward at 02:00 on 2026-03-08: that midnight is still EST (−5).
    expect(startOfLocalDate('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDate('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfLocalDate('2026-04-01', 'Asia/Kolkata')).toBe('2026-03-31T18:30:00.000Z');
  });

  it('covers whole local days: [from midnight, the midnight after to)', () => {
    expect(periodOf('2026-01-01', '2026-03-31', 'Asia/Shanghai')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      start: '2025-12-31T16:00:00.000Z',
      end: '2026-03-31T16:00:00.000Z',
    });
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('buckets by day, Monday weeks, months and quarters', () => {
    expect(bucketStart('2026-11-24', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-11-23', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-05-17', 'quarter')).toBe('2026-04-01');
    expect(bucketStart('2026-05-17', 'month')).toBe('2026-05-01');
    const months = bucketsOf(periodOf('2026-01-15', '2026-03-10', 'UTC'), 'month', 'UTC');
    expect(months.map((b) => [b.from, b.to])).toEqual([
      ['2026-01-15', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-10'],
    ]);
  });

  it('tiles a period with buckets that neither overlap nor leave gaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom('day', 'week', 'month', 'quarter' as const),
        (offset, length, grain) => {
          const from = addDays('2020-01-01', offset);
          const period = periodOf(from, addDays(from, length), 'Asia/Shanghai');
          const buckets = bucketsOf(period, grain, 'Asia/Shanghai');
          expect(buckets[0]?.start).toBe(period.start);
          expect(buckets.at(-1)?.end).toBe(period.end);
          for (let i = 1; i < buckets.length; i++)
            expect(buckets[i]?.start).toBe(buckets[i - 1]?.end);
        },
      ),
    );
  });
});
