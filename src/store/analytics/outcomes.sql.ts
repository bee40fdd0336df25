import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { OutcomeFactors, OutcomeQuestion } from '../../domain/analytics/outcomes.js';
import type { Database } from '../schema.js';
import { dealInScope, num, secondsBetween } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/**
 * The outcome factors (see `domain/analytics/outcomes.ts`) in four aggregate queries: the
 * closed counts, the won amounts' and won cycles' nearest-rank summaries, and the open
 * qualified deals standing now.
 */
export async function outcomeFactors(
  db: Kysely<Database>,
  scope: DealScope,
  question: OutcomeQuestion,
): Promise<OutcomeFactors> {
  const inScope = dealInScope(scope);
  const { start, end } = question;
  const closed = await sql<{ status: string; deals: unknown }>`
    select opportunities.status, count(*) as deals
    from opportunities
    where ${inScope} and opportunities.status in ('won', 'lost')
      and opportunities.closed_at >= ${start} and opportunities.closed_at < ${end}
    group by opportunities.status`.execute(db);

  const wonIn = sql`${inScope} and opportunities.status = 'won'
      and opportunities.closed_at >= ${start} and opportunities.closed_at < ${end}`;
  const amounts = await sql<SummaryRow>`${nearestRankSummaries(
    sql`select opportunities.amount_minor as value from opportunities where ${wonIn}`,
    [],
  )}`.execute(db);
  const cycle = secondsBetween(db, sql`opportunities.created_at`, sql`opportunities.closed_at`);
  const cycles = await sql<SummaryRow>`${nearestRankSummaries(
    sql`select ${cycle} as value from opportunities where ${wonIn}`,
    [],
  )}`.execute(db);

  // The qualified stages first, then the open deals in them: a list the index entries are
  // checked against, instead of a stage lookup for each of the (many) open deals.
  const qualifiedStages = sql`select st.id from stages st
    where st.tenant_id = ${scope.tenantId} and st.pipeline_id = ${scope.pipelineId}
      and st.kind = 'open' and st.position >= ${question.qualifiedFromPosition}`;
  const qualified = await sql<{ deals: unknown; amount: unknown }>`
    select count(*) as deals, sum(opportunities.amount_minor) as amount
    from opportunities
    where ${inScope} and opportunities.status = 'open'
      and opportunities.stage_id in (${qualifiedStages})`.execute(db);

  const count = (status: string) =>
    num(closed.rows.find((row) => row.status === status)?.deals ?? 0);
  // An empty input still yields one aggregate row (n = 0); summaryOfRow reads it as empty.
  const amountsRow = amounts.rows[0];
  const cyclesRow = cycles.rows[0];
  return {
    won: count('won'),
    lost: count('lost'),
    wonAmounts: summaryOfRow(amountsRow && num(amountsRow.n) > 0 ? amountsRow : undefined),
    wonCycles: summaryOfRow(cyclesRow && num(cyclesRow.n) > 0 ? cyclesRow : undefined),
    openQualified: num(qualified.rows[0]?.deals ?? 0),
    openQualifiedAmountMinor: num(qualified.rows[0]?.amount ?? 0),
  };
}
