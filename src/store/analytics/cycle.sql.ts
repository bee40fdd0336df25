import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { CycleFigures } from '../../domain/analytics/cycle.js';
import type { Database } from '../schema.js';
import { dealInScope, secondsBetween } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/** The sales cycle (see `domain/analytics/cycle.ts`): one query, summaries per outcome. */
export async function cycleFigures(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<CycleFigures> {
  const values = sql`
    select opportunities.status,
      ${secondsBetween(db, sql`opportunities.created_at`, sql`opportunities.closed_at`)} as value
    from opportunities
    where ${dealInScope(scope)} and opportunities.status in ('won', 'lost')
      and opportunities.closed_at >= ${range.start} and opportunities.closed_at < ${range.end}`;
  const result = await sql<SummaryRow & { status: string }>`
    select * from (${nearestRankSummaries(values, ['status'])}) s`.execute(db);
  const of = (status: string) => summaryOfRow(result.rows.find((row) => row.status === status));
  return { won: of('won'), lost: of('lost') };
}
