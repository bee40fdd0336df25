import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { DwellStats } from '../domain/pipeline/stalled.js';
import { isPostgres } from './migrations/columns.js';
import type { Database } from './schema.js';

/**
 * Whole days from `entered_at` to `left_at`, rounded down like `domain/days.ts`. The one
 * dialect difference: SQLite has julianday() (fractional days as a double, rounded back to
 * whole milliseconds so 7 days never come out as 6.9999999), PostgreSQL subtracts instants.
 */
function wholeDaysOfInterval(db: Kysely<Database>): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`floor(extract(epoch from (left_at - entered_at)) / 86400)::integer`
    : sql<number>`(cast(round((julianday(left_at) - julianday(entered_at)) * 86400000) as integer) / 86400000)`;
}

/**
 * The tenant's 75th percentile of whole days spent in each of `stageIds`, over the latest
 * `perStage` intervals that ended (the deal left the stage) since `since`, with the number
 * of intervals used. Bounded on purpose: each stage reads at most `perStage` entries of the
 * (tenant_id, stage_id, left_at, entered_at) index, newest first, so the cost does not grow
 * with the tenant's history, and the yardstick follows the recent process.
 *
 * Computed in the database and identically on both dialects: PostgreSQL's percentile_cont
 * would interpolate and SQLite has none, so both take the nearest rank — the interval at
 * position ceil(0.75·n) in order of dwell, `(3n + 3) / 4` in integer arithmetic — with
 * window functions both support.
 *
 * Tenant-wide on purpose: the yardstick is the company's norm and must be the same for
 * whoever looks at a deal; it reveals a number of days and a count, never a record.
 */
export async function dwellPercentiles(
  db: Kysely<Database>,
  tenantId: string,
  stageIds: readonly string[],
  since: string,
  perStage: number,
): Promise<Map<string, DwellStats>> {
  const result = new Map<string, DwellStats>();
  if (stageIds.length === 0) return result;
  const days = wholeDaysOfInterval(db);
  // One bounded, index-ordered read per stage; a window over all stages would read them all.
  const latest = stageIds.map(
    (stageId, index) => sql`select * from (
      select stage_id, ${days} as days from stage_history
      where tenant_id = ${tenantId} and stage_id = ${stageId} and left_at >= ${since}
      order by left_at desc limit ${perStage}) as ${sql.raw(`latest_${index}`)}`,
  );
  const rows = await sql<{ stage_id: string; p75_days: number; sample_size: number }>`
    with sample as (${sql.join(latest, sql` union all `)}),
    ranked as (
      select stage_id, days,
        row_number() over (partition by stage_id order by days) as position,
        count(*) over (partition by stage_id) as n
      from sample
    )
    select stage_id, days as p75_days, n as sample_size
    from ranked where position = (3 * n + 3) / 4`.execute(db);
  for (const row of rows.rows)
    result.set(row.stage_id, {
      p75Days: Number(row.p75_days),
      sampleSize: Number(row.sample_size),
    });
  return result;
}
