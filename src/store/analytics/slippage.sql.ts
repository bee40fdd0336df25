import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import { meanOf } from '../../domain/analytics/percentiles.js';
import type { DirectionFigures, SlippageFigures } from '../../domain/analytics/slippage.js';
import { isPostgres } from '../migrations/columns.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/**
 * Close-date slippage (see `domain/analytics/slippage.ts`) in one aggregate query over
 * the period's close-date changes: day summaries and distinct deals per direction. Dates are `date` in PostgreSQL (their difference is whole days) and
 * YYYY-MM-DD text in SQLite (julianday difference, exact for dates).
 */
export async function slippageFigures(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<SlippageFigures> {
  const days = isPostgres(db)
    ? sql`(dc.to_date - dc.from_date)`
    : sql`cast(round(julianday(dc.to_date) - julianday(dc.from_date)) as integer)`;
  const moves = sql`
    from deal_changes dc
    join opportunities on opportunities.tenant_id = dc.tenant_id and opportunities.id = dc.opportunity_id
    where dc.tenant_id = ${scope.tenantId} and dc.field = 'close_date'
      and dc.changed_at >= ${range.start} and dc.changed_at < ${range.end}
      and dc.from_date is not null and dc.to_date is not null and dc.to_date <> dc.from_date
      and ${dealInScope(scope)}`;
  const direction = sql`case when dc.to_date > dc.from_date then 'push' else 'pull' end`;
  // One pass over the moves (materialized, read twice): the day summaries and the distinct
  // deals per direction come from the same rows.
  const { rows } = await sql<SummaryRow & { direction: string; deals: unknown }>`
    with moves as materialized (
      select ${direction} as direction, dc.opportunity_id, abs(${days}) as value ${moves}
    )
    select s.*, d.deals
    from (${nearestRankSummaries(sql`select direction, value from moves`, ['direction'])}) s
    join (select direction, count(distinct opportunity_id) as deals from moves group by direction) d
      on d.direction = s.direction`.execute(db);
  const of = (name: string): DirectionFigures => {
    const row = rows.find((candidate) => candidate.direction === name);
    const summary = summaryOfRow(row, 1);
    const dealCount = num(row?.deals ?? 0);
    return { days: summary, deals: dealCount, perDeal: meanOf(summary.n, dealCount, 2) };
  };
  return { pushes: of('push'), pulls: of('pull') };
}
