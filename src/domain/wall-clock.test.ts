import { describe, expect, it } from 'vitest';
import { offsetMsAt, wallAt, wallMs } from './wall-clock.js';

const HOUR = 3_600_000;

describe('wall clock in a time zone', () => {
  it('reads the local clock of an instant, across midnight and a date line', () => {
    const instant = Date.parse('2026-03-04T16:30:15Z');
    expect(wallAt(instant, 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 3,
      day: 5,
      hour: 0,
      minute: 30,
      second: 15,
    });
    expect(wallAt(instant, 'America/Los_Angeles')).toMatchObject({ day: 4, hour: 8 });
    expect(wallMs(wallAt(instant, 'UTC'))).toBe(instant);
  });

  it('gives the offset in force, which follows daylight saving where there is one', () => {
    expect(offsetMsAt(Date.parse('2026-07-01T12:00:00Z'), 'Asia/Shanghai')).toBe(8 * HOUR);
    expect(offsetMsAt(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(offsetMsAt(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    // Berlin springs forward at 01:00 UTC on 2026-03-29: one second either side.
    expect(offsetMsAt(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(offsetMsAt(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(offsetMsAt(Date.parse('2026-03-29T01:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
  });
});
