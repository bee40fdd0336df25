import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/** Open deals in scope per 10% band of learned probability; band null: not scored. */
export interface WinDistributionRow {
  readonly band: number | null;
  readonly count: number;
  readonly amountMinor: number;
  /** Σ amount × probability in basis points, unrounded (divide by 10000 once, at the end). */
  readonly amountTimesBp: number;
  readonly sumBp: number;
}

/**
 * How the learned probabilities of the open deals a reader may see spread, in one grouped
 * query. Only predictions of `modelId` (the pipeline's active model) count, so the figures
 * never mix two models; a deal it has not scored yet is counted as unscored. Integer
 * division gives the band the same way on both databases.
 */
export async function winDistribution(
  db: Kysely<Database>,
  scope: DealScope,
  modelId: string | null,
): Promise<WinDistributionRow[]> {
  const rows = await sql<{
    band: unknown;
    deals: unknown;
    amount: unknown;
    product: unknown;
    bp: unknown;
  }>`
    select case when wp.probability_bp is null then -1
        when wp.probability_bp >= 10000 then 9
        else wp.probability_bp / 1000 end as band,
      count(*) as deals, sum(opportunities.amount_minor) as amount,
      sum(opportunities.amount_minor * wp.probability_bp) as product,
      sum(wp.probability_bp) as bp
    from opportunities
    left join win_predictions wp on wp.tenant_id = opportunities.tenant_id
      and wp.opportunity_id = opportunities.id and wp.model_id = ${modelId ?? ''}
    where ${dealInScope(scope)} and opportunities.status = 'open'
    group by 1
    order by 1`.execute(db);
  return rows.rows.map((row) => {
    const band = num(row.band);
    return {
      band: band < 0 ? null : band,
      count: num(row.deals),
      amountMinor: num(row.amount),
      amountTimesBp: num(row.product),
      sumBp: num(row.bp),
    };
  });
}

/** Closed deals of the pipeline, tenant-wide: what the model learns from (or would). */
export async function closedDealCount(
  db: Kysely<Database>,
  tenantId: string,
  pipelineId: string,
): Promise<number> {
  const row = await sql<{ deals: unknown }>`
    select count(*) as deals from opportunities
    where tenant_id = ${tenantId} and pipeline_id = ${pipelineId}
      and status in ('won', 'lost') and deleted_at is null`.execute(db);
  return num(row.rows[0]?.deals ?? 0);
}
