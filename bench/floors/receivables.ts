import { offsetSpans } from '../../src/domain/analytics/zone-offsets.js';
import { DAY_MS } from '../../src/domain/days.js';
import { n, same } from './floor.js';
import type { FloorQuestion, FloorRow } from './floor.js';

/**
 * What the receivables floors share (docs/l2c/reports.md): contracts not terminated, every
 * pipeline and currency (the bench asks for no filter, as the admin, so no visibility or
 * deal join is needed), active allocations, whole days between local dates.
 */
export const LIVE = `c.status <> 'terminated'`;
export const ACTIVE = `a.reversed_at is null and r.status <> 'voided'`;

/** Whole days from one date column to another. */
export const days = (q: FloorQuestion, from: string, to: string): string =>
  q.dialect === 'postgres'
    ? `(${to} - ${from})`
    : `cast(round(julianday(${to}) - julianday(${from})) as integer)`;

/** The tenant-local date of an instant column (SQLite: the zone's offset spans near the period). */
export function localDate(q: FloorQuestion, instant: string): string {
  if (q.dialect === 'postgres') return `(${instant} at time zone '${q.timeZone}')::date`;
  const spans = offsetSpans(
    Date.parse(q.from) - 3660 * DAY_MS,
    Date.parse(q.to) + 366 * DAY_MS,
    q.timeZone,
  );
  const shift = (seconds: number) => `'${seconds >= 0 ? '+' : ''}${seconds} seconds'`;
  const [first, ...later] = spans;
  if (later.length === 0) return `date(${instant}, ${shift(first?.offsetSeconds ?? 0)})`;
  const whens = later
    .reverse()
    .map((span) => `when ${instant} >= '${span.from}' then ${shift(span.offsetSeconds)}`);
  return `date(${instant}, case ${whens.join(' ')} else ${shift(first?.offsetSeconds ?? 0)} end)`;
}

/** The nearest-rank columns (`<prefix>50/75/90`) of a value ranked `rank` in a group of `size`. */
export const rankColumns = (value: string, rank: string, size: string, prefix: string): string =>
  [50, 75, 90]
    .map(
      (p) =>
        `max(case when ${rank} = (${size} * ${p} + 99) / 100 then ${value} end) as ${prefix}${p}`,
    )
    .join(', ');

/** A report's `{ currency, … }` entry. */
export function currencyEntry<T>(json: unknown, currency: string): T | undefined {
  return (json as { currencies: (T & { currency: string })[] }).currencies.find(
    (entry) => entry.currency === currency,
  );
}

export interface DaysSummaryJson {
  n: number;
  totalDays: number;
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
}

/** A floor row's `<prefix>n/total/50/75/90` against a report's days summary. */
export function sameDays(
  wrong: string[],
  what: string,
  row: FloorRow | undefined,
  prefix: string,
  summary: DaysSummaryJson | undefined,
): void {
  same(wrong, `${what} n`, n(row?.[`${prefix}n`]), summary?.n ?? 0);
  same(wrong, `${what} total`, n(row?.[`${prefix}total`]), summary?.totalDays ?? 0);
  same(wrong, `${what} median`, row?.[`${prefix}50`], summary?.medianDays ?? null);
  same(wrong, `${what} p75`, row?.[`${prefix}75`], summary?.p75Days ?? null);
  same(wrong, `${what} p90`, row?.[`${prefix}90`], summary?.p90Days ?? null);
}
