import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { FunnelFigures, FunnelQuestion } from '../../domain/analytics/funnel.js';
import { weightedTotal } from '../../domain/analytics/facts.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

interface StandingRow {
  stage_id: string;
  deals: unknown;
  amount: unknown;
  product: unknown;
}

/**
 * Where the open deals stand now: one grouped read of the open deals (index-only through
 * `opportunities_outcome_idx`). For any instant from now on it equals the history's answer,
 * since a deal's row holds its latest stage and amount; the agreement test checks both ways.
 */
function standingNow(db: Kysely<Database>, scope: DealScope) {
  return sql<StandingRow>`
    select opportunities.stage_id, count(*) as deals, sum(opportunities.amount_minor) as amount,
      sum(opportunities.amount_minor * st.probability) as product
    from opportunities
    join stages st on st.tenant_id = opportunities.tenant_id and st.id = opportunities.stage_id
    where ${dealInScope(scope)} and opportunities.status = 'open' and st.kind = 'open'
    group by opportunities.stage_id`.execute(db);
}

/**
 * Where the open deals stood at a past instant: the stage intervals open then, each at its
 * amount then (the latest amount change inside the interval before the instant, else the
 * amount on entering). Materialised, so the correlated amount lookup runs once per interval
 * rather than once per aggregate that reads it.
 */
function standingAt(db: Kysely<Database>, scope: DealScope, at: string) {
  return sql<StandingRow>`
    with standing as materialized (
      select sh.stage_id, coalesce((
        select dc.to_amount_minor from deal_changes dc
        where dc.tenant_id = sh.tenant_id and dc.opportunity_id = sh.opportunity_id
          and dc.field = 'amount' and dc.changed_at >= sh.entered_at and dc.changed_at < ${at}
        order by dc.changed_at desc limit 1), sh.amount_minor) as amount
      from stage_history sh
      join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
      where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
        and sh.entered_at < ${at} and (sh.left_at is null or sh.left_at >= ${at})
        and ${dealInScope(scope)}
    )
    select standing.stage_id, count(*) as deals, sum(standing.amount) as amount,
      sum(standing.amount * st.probability) as product
    from standing
    join stages st on st.tenant_id = ${scope.tenantId} and st.id = standing.stage_id
    where st.kind = 'open'
    group by standing.stage_id`.execute(db);
}

/**
 * The funnel (see `domain/analytics/funnel.ts`) in three aggregate queries: the standing
 * funnel (from the deals' rows when asked for now, else from stage history), how far the
 * period's new deals got, and the deals closed in the period.
 */
export async function funnelFigures(
  db: Kysely<Database>,
  scope: DealScope,
  question: FunnelQuestion,
  options: { readonly standingNow: boolean },
): Promise<FunnelFigures> {
  const inScope = dealInScope(scope);
  const { at, start, end } = question;
  const standing = options.standingNow
    ? await standingNow(db, scope)
    : await standingAt(db, scope, at);

  const reached = await sql<{ stage_id: string; deals: unknown; amount: unknown }>`
    with reach as (
      select opportunities.id, opportunities.amount_minor as amount,
        max(case when st.kind = 'open' then st.position end) as max_open,
        max(case when st.kind = 'won' then 1 else 0 end) as won
      from opportunities
      join stage_history sh on sh.tenant_id = opportunities.tenant_id and sh.opportunity_id = opportunities.id
      join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
        and st.pipeline_id = ${scope.pipelineId}
      where ${inScope} and opportunities.created_at >= ${start} and opportunities.created_at < ${end}
      group by opportunities.id, opportunities.amount_minor
    )
    select st.id as stage_id, count(*) as deals, sum(reach.amount) as amount
    from stages st join reach on (reach.won = 1 or reach.max_open >= st.position)
    where st.tenant_id = ${scope.tenantId} and st.pipeline_id = ${scope.pipelineId} and st.kind = 'open'
    group by st.id`.execute(db);

  const closed = await sql<{ status: string; deals: unknown; amount: unknown }>`
    select opportunities.status, count(*) as deals, sum(opportunities.amount_minor) as amount
    from opportunities
    where ${inScope} and opportunities.status in ('won', 'lost')
      and opportunities.closed_at >= ${start} and opportunities.closed_at < ${end}
    group by opportunities.status`.execute(db);

  const standingBy = new Map(standing.rows.map((row) => [row.stage_id, row]));
  const reachedBy = new Map(reached.rows.map((row) => [row.stage_id, row]));
  const closedOf = (status: string) => {
    const row = closed.rows.find((candidate) => candidate.status === status);
    return { count: num(row?.deals ?? 0), amountMinor: num(row?.amount ?? 0) };
  };
  const openStages = await db
    .selectFrom('stages')
    .select(['id'])
    .where('tenant_id', '=', scope.tenantId)
    .where('pipeline_id', '=', scope.pipelineId)
    .where('kind', '=', 'open')
    .orderBy('position')
    .execute();
  return {
    stages: openStages.map(({ id }) => {
      const now = standingBy.get(id);
      const far = reachedBy.get(id);
      return {
        stageId: id,
        count: num(now?.deals ?? 0),
        amountMinor: num(now?.amount ?? 0),
        weightedMinor: weightedTotal(num(now?.product ?? 0)),
        reachedCount: num(far?.deals ?? 0),
        reachedAmountMinor: num(far?.amount ?? 0),
      };
    }),
    won: closedOf('won'),
    lost: closedOf('lost'),
  };
}
