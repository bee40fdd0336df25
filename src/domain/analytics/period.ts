import { offsetMsAt } from '../wall-clock.js';

/**
 * Report periods are calendar dates in the tenant's time zone ("2026-01-01 to 2026-03-31"
 * in Asia/Shanghai); rows hold UTC instants. These functions turn local dates into the UTC
 * instants SQL compares against, so both databases bucket by the tenant's calendar without
 * knowing about time zones (SQLite knows none).
 */
export interface Period {
  /** First local date, inclusive (YYYY-MM-DD). */
  readonly from: string;
  /** Last local date, inclusive. */
  readonly to: string;
  /** UTC instant of `from`'s midnight in the zone, inclusive. */
  readonly start: string;
  /** UTC instant of the midnight after `to`, exclusive. */
  readonly end: string;
}

export type Grain = 'day' | 'week' | 'month' | 'quarter';
export const grains: readonly Grain[] = ['day', 'week', 'month', 'quarter'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The UTC instant at which local date `date` begins in `timeZone`. */
export function startOfLocalDate(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guessed instant can differ across a DST change.
  let instant = naive - offsetMsAt(naive, timeZone);
  instant = naive - offsetMsAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function periodOf(from: string, to: string, timeZone: string): Period {
  return {
    from,
    to,
    start: startOfLocalDate(from, timeZone),
    end: startOfLocalDate(addDays(to, 1), timeZone),
  };
}

/** The first local date of the grain's bucket holding `date` (weeks start on Monday). */
export function bucketStart(date: string, grain: Grain): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  switch (grain) {
    case 'day':
      return date;
    case 'week': {
      const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      return addDays(date, -weekday);
    }
    case 'month':
      return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
    case 'quarter':
      return `${String(y).padStart(4, '0')}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  }
}

function nextBucket(start: string, grain: Grain): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  switch (grain) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    case 'quarter':
      return new Date(Date.UTC(y, m + 2, 1)).toISOString().slice(0, 10);
  }
}

/** The buckets covering a period (the first and last clipped to it), at most `limit`. */
export function bucketsOf(period: Period, grain: Grain, timeZone: string, limit = 1000): Period[] {
  const buckets: Period[] = [];
  let start = period.from;
  while (start <= period.to && buckets.length < limit) {
    const next = nextBucket(bucketStart(start, grain), grain);
    const last = addDays(next, -1) < period.to ? addDays(next, -1) : period.to;
    buckets.push(periodOf(start, last, timeZone));
    start = next;
  }
  return buckets;
}
