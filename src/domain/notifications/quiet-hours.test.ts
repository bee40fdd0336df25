import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.js';

const at = (iso: string) => new Date(iso);
const night = { start: '21:00', end: '08:00', days: [] };
const lunch = { start: '12:00', end: '13:30', days: [] };

describe('quietUntil in Asia/Shanghai (UTC+8, no daylight saving)', () => {
  const zone = 'Asia/Shanghai';

  it('is quiet before midnight and ends at 08:00 local the next morning', () => {
    // 2026-11-24 22:30 in Shanghai.
    expect(quietUntil(at('2026-11-24T14:30:00Z'), night, zone)?.toISOString()).toBe(
      '2026-11-25T00:00:00.000Z',
    );
  });

  it('is quiet after midnight and ends the same morning', () => {
    // 2026-11-25 03:00 in Shanghai.
    expect(quietUntil(at('2026-11-24T19:00:00Z'), night, zone)?.toISOString()).toBe(
      '2026-11-25T00:00:00.000Z',
    );
  });

  it('is not quiet at the window’s end or during the day', () => {
    expect(quietUntil(at('2026-11-25T00:00:00Z'), night, zone)).toBe(null);
    expect(quietUntil(at('2026-11-25T04:00:00Z'), night, zone)).toBe(null);
  });

  it('opens at its start exactly (a same-day window)', () => {
    expect(quietUntil(at('2026-11-25T04:00:00Z'), lunch, zone)?.toISOString()).toBe(
      '2026-11-25T05:30:00.000Z',
    );
    expect(quietUntil(at('2026-11-25T03:59:00Z'), lunch, zone)).toBe(null);
  });

  it('belongs to the day it opened: Friday night stays quiet into Saturday', () => {
    const fridays = { ...night, days: [5] };
    // Saturday 2026-11-28 02:00 in Shanghai: the window opened Friday.
    expect(quietUntil(at('2026-11-27T18:00:00Z'), fridays, zone)?.toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
    // Saturday 22:00: Saturday is not one of its days.
    expect(quietUntil(at('2026-11-28T14:00:00Z'), fridays, zone)).toBe(null);
  });

  it('treats equal start and end as no window', () => {
    expect(
      quietUntil(at('2026-11-24T14:30:00Z'), { start: '08:00', end: '08:00', days: [] }, zone),
    ).toBe(null);
  });
});

describe('quietUntil in Europe/Berlin (daylight saving)', () => {
  const zone = 'Europe/Berlin';

  it('keeps local hours in winter (UTC+1) and summer (UTC+2)', () => {
    // Winter: 23:00 local is 22:00Z; the window ends 08:00 local = 07:00Z.
    expect(quietUntil(at('2026-01-15T22:00:00Z'), night, zone)?.toISOString()).toBe(
      '2026-01-16T07:00:00.000Z',
    );
    // Summer: 23:00 local is 21:00Z; 08:00 local = 06:00Z.
    expect(quietUntil(at('2026-07-15T21:00:00Z'), night, zone)?.toISOString()).toBe(
      '2026-07-16T06:00:00.000Z',
    );
  });

  it('ends at 08:00 local across the spring-forward night (29 March 2026)', () => {
    // 22:00 local on 28 March (UTC+1) = 21:00Z; next morning is already UTC+2.
    expect(quietUntil(at('2026-03-28T21:00:00Z'), night, zone)?.toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });

  it('ends at 08:00 local across the fall-back night (25 October 2026)', () => {
    // 22:00 local on 24 October (UTC+2) = 20:00Z; next morning is UTC+1.
    expect(quietUntil(at('2026-10-24T20:00:00Z'), night, zone)?.toISOString()).toBe(
      '2026-10-25T07:00:00.000Z',
    );
  });

  it('ends a window that closes in the skipped hour when that hour is over', () => {
    const early = { start: '01:00', end: '02:30', days: [] };
    // 01:30 local (UTC+1) = 00:30Z on 29 March; 02:30 does not exist, 03:30 CEST = 01:30Z.
    expect(quietUntil(at('2026-03-29T00:30:00Z'), early, zone)?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });
});
