import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { offsetSpans } from '../../domain/analytics/zone-offsets.js';
import { isPostgres } from '../migrations/columns.js';
import type { Database } from '../schema.js';

/** The instants a local-date conversion must be exact for (earlier ones are approximate). */
export interface InstantWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The local date (in `timeZone`) an instant column falls on, as a date both databases can
 * subtract: PostgreSQL converts with `at time zone`; SQLite adds the zone's offset at that
 * instant, picked by a CASE over the offset spans of the window (domain/analytics/zone-offsets).
 */
export function localDateOf(
  db: Kysely<Database>,
  instant: RawBuilder<unknown>,
  timeZone: string,
  window: InstantWindow,
): RawBuilder<string> {
  if (isPostgres(db)) return sql<string>`(${instant} at time zone ${timeZone})::date`;
  const spans = offsetSpans(window.startMs, window.endMs, timeZone);
  const modifier = (seconds: number) => sql.lit(`${seconds >= 0 ? '+' : ''}${seconds} seconds`);
  const first = spans[0]?.offsetSeconds ?? 0;
  if (spans.length === 1) return sql<string>`date(${instant}, ${modifier(first)})`;
  // Latest span first: the first WHEN whose start the instant has reached.
  const whens = spans
    .slice(1)
    .reverse()
    .map(
      (span) => sql`when ${instant} >= ${sql.lit(span.from)} then ${modifier(span.offsetSeconds)}`,
    );
  return sql<string>`date(${instant}, case ${sql.join(whens, sql` `)} else ${modifier(first)} end)`;
}

/** Whole days from one date expression to another (dates, or YYYY-MM-DD text in SQLite). */
export function daysBetweenDates(
  db: Kysely<Database>,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`(${to} - ${from})`
    : sql<number>`cast(round(julianday(${to}) - julianday(${from})) as integer)`;
}
