import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReverseFunnelStageInput } from '../../domain/analytics/reverse-funnel.js';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { Database } from '../schema.js';
import { stageConversion } from './conversion.sql.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * The inputs of the reverse funnel (`domain/analytics/reverse-funnel.ts`): deals won in
 * the look-back (count, amount), each open stage's cohort conversion over the look-back
 * from the conversion report's own query, and the open deals standing in each stage now.
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
  const open = await sql<{ stage_id: string; deals: unknown; amount: unknown }>`
    select opportunities.stage_id, count(*) as deals, sum(opportunities.amount_minor) as amount
    from opportunities
    where ${inScope} and opportunities.status = 'open'
    group by opportunities.stage_id`.execute(db);
  const [conversion] = await stageConversion(db, scope, [lookback]);
  const openBy = new Map(open.rows.map((row) => [row.stage_id, row]));
  return {
    won: { count: num(won.rows[0]?.deals ?? 0), amountMinor: num(won.rows[0]?.amount ?? 0) },
    stages: (conversion?.stages ?? []).map((stage) => ({
      stageId: stage.stageId,
      cohort: stage.cohort,
      advanced: stage.advanced,
      openDeals: num(openBy.get(stage.stageId)?.deals ?? 0),
      openAmountMinor: num(openBy.get(stage.stageId)?.amount ?? 0),
    })),
  };
}
