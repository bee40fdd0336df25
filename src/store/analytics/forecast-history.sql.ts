import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { PastForecast, PastQuestion } from '../../domain/analytics/forecast-history.js';
import {
  bigOf,
  historicalWeighted,
  openCategory,
  roundRatio,
  rollUp,
  stageRate,
} from '../../domain/analytics/forecast-math.js';
import type { Pipeline } from '../../domain/pipeline/pipeline.js';
import { isPostgres } from '../migrations/columns.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * Forecast versus actual for past periods (see `domain/analytics/forecast-history.ts`), all
 * periods at once: a `periods` CTE of literal rows joined to the history, three aggregate
 * queries whatever the number of periods. PostgreSQL types literal rows as text, so its
 * dates and instants are cast; SQLite compares the ISO texts as they are.
 */
function periodsCte(db: Kysely<Database>, periods: readonly PastQuestion[]): RawBuilder<unknown> {
  const pg = isPostgres(db);
  const date = (value: string) => (pg ? sql`cast(${value} as date)` : sql`${value}`);
  const instant = (value: string) => (pg ? sql`cast(${value} as timestamptz)` : sql`${value}`);
  const rows = periods.map(
    (p, idx) =>
      sql`(${sql.lit(idx)}, ${date(p.from)}, ${date(p.to)}, ${instant(p.start)}, ${instant(p.end)})`,
  );
  return sql`periods(idx, pfrom, pto, pstart, pend) as (values ${sql.join(rows)})`;
}

export async function pastForecasts(
  db: Kysely<Database>,
  scope: DealScope & { readonly pipeline: Pipeline },
  periods: readonly PastQuestion[],
  minSample: number,
): Promise<PastForecast[]> {
  if (periods.length === 0) return [];
  const inScope = dealInScope(scope);
  const cte = periodsCte(db, periods);
  const { tenantId, pipelineId } = scope;

  const standing = await sql<{ idx: unknown; stage_id: string; deals: unknown; amount: unknown }>`
    with ${cte}, state as (
      select p.idx, p.pfrom, p.pto, sh.stage_id,
        coalesce((
          select dc.to_amount_minor from deal_changes dc
          where dc.tenant_id = sh.tenant_id and dc.opportunity_id = sh.opportunity_id
            and dc.field = 'amount' and dc.changed_at >= sh.entered_at and dc.changed_at < p.pstart
          order by dc.changed_at desc limit 1), sh.amount_minor) as amount,
        case when exists (
          select 1 from deal_changes dc where dc.tenant_id = sh.tenant_id
            and dc.opportunity_id = sh.opportunity_id and dc.field = 'close_date')
        then (
          select case when dc.changed_at < p.pstart then dc.to_date else dc.from_date end
          from deal_changes dc
          where dc.tenant_id = sh.tenant_id and dc.opportunity_id = sh.opportunity_id
            and dc.field = 'close_date'
          order by case when dc.changed_at < p.pstart then 0 else 1 end,
            case when dc.changed_at < p.pstart then dc.changed_at end desc, dc.changed_at
          limit 1)
        else opportunities.expected_close_date end as close_date
      from periods p
      join stage_history sh on sh.tenant_id = ${tenantId} and sh.pipeline_id = ${pipelineId}
        and sh.entered_at < p.pstart and (sh.left_at is null or sh.left_at >= p.pstart)
      join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
      join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id and st.kind = 'open'
      where ${inScope}
    )
    select idx, stage_id, count(*) as deals, sum(amount) as amount
    from state where close_date >= pfrom and close_date <= pto
    group by idx, stage_id`.execute(db);

  // Driven from the visits standing in a won or lost stage at each s, then by index to the
  // same deal's earlier visits: every join is an index lookup, so the plan stays linear
  // even when the planner's row estimates are off. count(distinct) counts a deal once per
  // stage however often it re-entered it.
  const rates = await sql<{ idx: unknown; stage_id: string; closed: unknown; won: unknown }>`
    with ${cte}
    select p.idx, sh.stage_id, count(distinct sh.opportunity_id) as closed,
      count(distinct case when cs.kind = 'won' then sh.opportunity_id end) as won
    from periods p
    join stage_history c on c.tenant_id = ${tenantId} and c.pipeline_id = ${pipelineId}
      and c.entered_at < p.pstart and (c.left_at is null or c.left_at >= p.pstart)
    join stages cs on cs.tenant_id = c.tenant_id and cs.id = c.stage_id and cs.kind in ('won', 'lost')
    join opportunities o on o.tenant_id = c.tenant_id and o.id = c.opportunity_id
      and o.pipeline_id = ${pipelineId} and o.currency = ${scope.currency} and o.deleted_at is null
    join stage_history sh on sh.tenant_id = c.tenant_id and sh.opportunity_id = c.opportunity_id
      and sh.pipeline_id = ${pipelineId} and sh.entered_at < p.pstart
    group by p.idx, sh.stage_id`.execute(db);

  const actual = await sql<{ idx: unknown; deals: unknown; amount: unknown }>`
    with ${cte}
    select p.idx, count(*) as deals, sum(opportunities.amount_minor) as amount
    from periods p
    join opportunities on opportunities.closed_at >= p.pstart and opportunities.closed_at < p.pend
    where ${inScope} and opportunities.status = 'won'
    group by p.idx`.execute(db);

  return periods.map((_, idx) => {
    const here = <T extends { idx: unknown }>(rows: readonly T[]) =>
      rows.filter((row) => num(row.idx) === idx);
    const byCategory = { commit: 0, best_case: 0, pipeline: 0, omitted: 0 };
    let openCount = 0;
    let openAmount = 0;
    let stageWeighted = 0;
    let historical = 0;
    for (const stage of scope.pipeline.stages) {
      const row = here(standing.rows).find((candidate) => candidate.stage_id === stage.id);
      if (!row || stage.kind !== 'open') continue;
      const amount = num(row.amount);
      openCount += num(row.deals);
      openAmount += amount;
      byCategory[openCategory(null, stage.forecastCategory)] += amount;
      stageWeighted += roundRatio(bigOf(row.amount) * BigInt(stage.probability), 100n);
      const sample = here(rates.rows).find((candidate) => candidate.stage_id === stage.id);
      const rate = stageRate(num(sample?.closed ?? 0), num(sample?.won ?? 0), minSample);
      historical += historicalWeighted(amount, rate, stage.probability);
    }
    const won = here(actual.rows)[0];
    return {
      openCount,
      openAmountMinor: openAmount,
      stageWeightedMinor: stageWeighted,
      categories: rollUp(byCategory),
      historicalMinor: historical,
      actual: { count: num(won?.deals ?? 0), amountMinor: num(won?.amount ?? 0) },
    };
  });
}
