import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../days.js';
import { offsetSpans } from './zone-offsets.js';

/** The span an instant falls in, as the SQLite CASE picks it (latest start reached). */
function offsetAt(spans: ReturnType<typeof offsetSpans>, iso: string): number {
  let offset = spans[0]?.offsetSeconds ?? 0;
  for (const span of spans.slice(1))
    if (span.from !== null && iso >= span.from) offset = span.offsetSeconds;
  return offset;
}

describe('offsetSpans', () => {
  const start = Date.parse('2020-01-01T00:00:00.000Z');
  const end = Date.parse('2027-01-01T00:00:00.000Z');

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'])(
    'turns every instant of the window into the local date calendarDate gives (%s)',
    (zone) => {
      const spans = offsetSpans(start, end, zone);
      fc.assert(
        fc.property(fc.integer({ min: start / 1000, max: end / 1000 - 1 }), (seconds) => {
          const iso = new Date(seconds * 1000).toISOString();
          const local = new Date(seconds * 1000 + offsetAt(spans, iso) * 1000)
            .toISOString()
            .slice(0, 10);
          expect(local).toBe(calendarDate(new Date(seconds * 1000), zone));
        }),
        { numRuns: 2000 },
      );
    },
  );

  it('finds a daylight-saving change to the second', () => {
    const spans = offsetSpans(
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-04-01T00:00:00Z'),
      'America/New_York',
    );
    expect(spans).toEqual([
      { from: null, offsetSeconds: -5 * 3600 },
      { from: '2026-03-08T07:00:00.000Z', offsetSeconds: -4 * 3600 },
    ]);
  });

  it('has a single span for a zone without changes', () => {
    expect(offsetSpans(start, end, 'Asia/Shanghai')).toEqual([
      { from: null, offsetSeconds: 8 * 3600 },
    ]);
  });
});
