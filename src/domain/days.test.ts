import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, DAY_MS, moreThanDaysBefore, wholeDaysBetween } from './days.js';

const NOW = new Date('2026-03-20T10:00:00.000Z');

describe('day arithmetic', () => {
  it('counts whole days, rounding down, never negative', () => {
    expect(wholeDaysBetween('2026-03-20T10:00:00.000Z', NOW)).toBe(0);
    expect(wholeDaysBetween('2026-03-19T10:00:00.001Z', NOW)).toBe(0);
    expect(wholeDaysBetween('2026-03-19T10:00:00.000Z', NOW)).toBe(1);
    expect(wholeDaysBetween('2026-01-01T00:00:00.000Z', NOW)).toBe(78);
    expect(wholeDaysBetween('2026-04-01T00:00:00.000Z', NOW)).toBe(0);
  });

  it('turns "more than N days ago" into one instant to compare with', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 * DAY_MS }),
        fc.integer({ min: 0, max: 900 }),
        (ago, days) => {
          const instant = new Date(NOW.getTime() - ago).toISOString();
          expect(wholeDaysBetween(instant, NOW) > days).toBe(
            Date.parse(instant) <= Date.parse(moreThanDaysBefore(NOW, days)),
          );
        },
      ),
    );
  });

  it('gives the calendar date of an instant in a zone', () => {
    const evening = new Date('2026-03-19T20:00:00.000Z');
    expect(calendarDate(evening, 'UTC')).toBe('2026-03-19');
    expect(calendarDate(evening, 'Asia/Shanghai')).toBe('2026-03-20');
    expect(calendarDate(evening, 'America/Los_Angeles')).toBe('2026-03-19');
  });
});
