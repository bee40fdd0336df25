import { offsetMsAt } from '../wall-clock.js';

/**
 * A zone's UTC offsets over a window of instants, as spans: each span's offset holds from
 * its `from` instant (inclusive) to the next span's. SQL on SQLite, which knows no time
 * zones, turns an instant into the zone's local date with a CASE over these spans
 * (`store/analytics/local-date.ts`); PostgreSQL uses `at time zone` directly, and both agree
 * with `calendarDate` for every instant inside the window. Instants before the window take
 * the first span's offset.
 */
export interface OffsetSpan {
  /** ISO instant the offset starts at; null for the first span (open to the past). */
  readonly from: string | null;
  readonly offsetSeconds: number;
}

const WEEK_MS = 7 * 86_400_000;

const offsetSeconds = (ms: number, timeZone: string) => Math.round(offsetMsAt(ms, timeZone) / 1000);

export function offsetSpans(fromMs: number, toMs: number, timeZone: string): OffsetSpan[] {
  // Whole seconds, so the search below lands on the second the offset changes at.
  const startMs = Math.floor(fromMs / 1000) * 1000;
  const endMs = Math.ceil(toMs / 1000) * 1000;
  const spans: OffsetSpan[] = [{ from: null, offsetSeconds: offsetSeconds(startMs, timeZone) }];
  // Weekly steps find every change (a zone changes offset at most twice a year), then a
  // binary search pins the change to the second.
  let at = startMs;
  let current = spans[0]?.offsetSeconds ?? 0;
  while (at < endMs) {
    const next = Math.min(at + WEEK_MS, endMs);
    const offset = offsetSeconds(next, timeZone);
    if (offset !== current) {
      let low = at;
      let high = next;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetSeconds(middle, timeZone) === current) low = middle;
        else high = middle;
      }
      spans.push({ from: new Date(high).toISOString(), offsetSeconds: offset });
      current = offset;
    }
    at = next;
  }
  return spans;
}
