import { sql } from 'kysely';
import type { Kysely, SqlBool } from 'kysely';
import type { ReverseFunnelStageInput } from '../../domain/analytics/reverse-funnel.js';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { Database } from '../schema.js';
import { stageConversion } from './conversion.sql.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { totalsWhere } from './totals.sql.js';

/**
 * The inputs of the reverse funnel (`domain/analytics/reverse-funnel.ts`): deals won in
 * the look-back (count, amount), each open stage's cohort conversion over the look-back
 * from the conversion report's own query, and the open deals standing in each stage now
 * (one pass with a sum per stage, `totalsWhere`).
 */
export async function reverseFunnelInputs(
  db: Kysely<Database>,
  scope: DealScope,
  lookback: InstantRange,
): Promise<{
  won: { count: number; amountMinor: number };
  stages: ReverseFunnelStageInput[];
}> {
  const inScope = dealInScope(scope);
  const won = await sql<{ deals: unknown; amount: unknown }>`
    select count(*) as deals, sum(opportunities.amount_minor) as amount
    from opportunities
    where ${inScope} and opportunities.status = 'won'
      and opportunities.closed_at >= ${lookback.start} and opportunities.closed_at < ${lookback.end}`.execute(
    db,
  );
  const [conversion] = await stageConversion(db, scope, [lookback]);
  const stageIds = (conversion?.stages ?? []).map((stage) => stage.stageId);
  const open = await totalsWhere(
    db,
    sql`${inScope} and opportunities.status = 'open'`,
    stageIds.map((stageId) => sql<SqlBool>`opportunities.stage_id = ${stageId}`),
  );
  return {
    won: { count: num(won.rows[0]?.deals ?? 0), amountMinor: num(won.rows[0]?.amount ?? 0) },
    stages: (conversion?.stages ?? []).map((stage, i) => ({
      stageId: stage.stageId,
      cohort: stage.cohort,
      advanced: stage.advanced,
      openDeals: open[i]?.count ?? 0,
      openAmountMinor: open[i]?.amountMinor ?? 0,
    })),
  };
}
