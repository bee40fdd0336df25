import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ForecastFigures, ForecastQuestion } from '../../domain/analytics/forecast.js';
import {
  bigOf,
  historicalWeighted,
  roundRatio,
  rollUp,
  stageRate,
} from '../../domain/analytics/forecast-math.js';
import type { StageRate } from '../../domain/analytics/forecast-math.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * The forecast (see `domain/analytics/forecast.ts`) in three aggregate queries: the period's
 * open deals per stage × category with their stage-weighted and learned products, the
 * tenant's P(won | stage) sample, and the deals won in the period. Products come back as
 * decimal text (exact beyond 2^53) and are divided once, in BigInt.
 */
export const openCategorySql = sql<string>`case coalesce(opportunities.forecast_category, st.forecast_category)
    when 'closed' then 'commit' when 'commit' then 'commit' when 'best_case' then 'best_case'
    when 'omitted' then 'omitted' else 'pipeline' end`;

/** P(won | stage) now: closed deals of the pipeline and currency (every owner) per visited stage. */
export async function stageRatesNow(
  db: Kysely<Database>,
  scope: DealScope,
  minSample: number,
): Promise<Map<string, StageRate>> {
  // The closed deals grouped by the stages they visited (`visited_stages`, a bit per stage
  // slot: see store/stage-reach.repo.ts), then matched to each stage whose bit is set: a
  // deal counts once per stage however often it re-entered it. One pass over the closed
  // deals instead of a join to every visit of each (at a million deals, about four
  // million history rows).
  const result = await sql<{ stage_id: string; closed: unknown; won: unknown }>`
    select st.id as stage_id, sum(v.closed) as closed, sum(v.won) as won
    from (
      select opportunities.visited_stages as visited, count(*) as closed,
        sum(case when opportunities.status = 'won' then 1 else 0 end) as won
      from opportunities
      where opportunities.tenant_id = ${scope.tenantId}
        and opportunities.pipeline_id = ${scope.pipelineId} and opportunities.currency = ${scope.currency}
        and opportunities.deleted_at is null and opportunities.status in ('won', 'lost')
      group by opportunities.visited_stages
    ) v
    join stages st on st.tenant_id = ${scope.tenantId} and st.pipeline_id = ${scope.pipelineId}
      and (v.visited & (1 << st.slot)) <> 0
    group by st.id`.execute(db);
  return new Map(
    result.rows.map((row) => [row.stage_id, stageRate(num(row.closed), num(row.won), minSample)]),
  );
}

export async function forecastFigures(
  db: Kysely<Database>,
  scope: DealScope,
  question: ForecastQuestion,
): Promise<ForecastFigures> {
  const inScope = dealInScope(scope);
  const open = await sql<{
    stage_id: string;
    category: string;
    deals: unknown;
    amount: unknown;
    product: unknown;
    scored: unknown;
    learned: unknown;
    unscored_amount: unknown;
  }>`
    select d.stage_id, d.category, count(*) as deals, sum(d.amount) as amount,
      cast(sum(d.amount * d.probability) as text) as product,
      count(d.bp) as scored,
      cast(sum(d.amount * d.bp) as text) as learned,
      sum(case when d.bp is null then d.amount else 0 end) as unscored_amount
    from (
      select opportunities.stage_id, opportunities.amount_minor as amount, st.probability,
        wp.probability_bp as bp, ${openCategorySql} as category
      from opportunities
      join stages st on st.tenant_id = opportunities.tenant_id and st.id = opportunities.stage_id
      left join win_predictions wp on wp.tenant_id = opportunities.tenant_id
        and wp.opportunity_id = opportunities.id
      where ${inScope} and opportunities.status = 'open' and st.kind = 'open'
        and opportunities.expected_close_date >= ${question.from}
        and opportunities.expected_close_date <= ${question.to}
    ) d
    group by d.stage_id, d.category`.execute(db);

  const won = await sql<{ deals: unknown; amount: unknown }>`
    select count(*) as deals, sum(opportunities.amount_minor) as amount
    from opportunities
    where ${inScope} and opportunities.status = 'won'
      and opportunities.closed_at >= ${question.start} and opportunities.closed_at < ${question.end}`.execute(
    db,
  );

  const rates = await stageRatesNow(db, scope, question.minSample);
  const openStages = await db
    .selectFrom('stages')
    .select(['id', 'probability'])
    .where('tenant_id', '=', scope.tenantId)
    .where('pipeline_id', '=', scope.pipelineId)
    .where('kind', '=', 'open')
    .orderBy('position')
    .execute();

  return {
    stages: openStages.map(({ id, probability }) => {
      const rows = open.rows.filter((row) => row.stage_id === id);
      const sum = (pick: (row: (typeof rows)[number]) => unknown) =>
        rows.reduce((total, row) => total + bigOf(pick(row)), 0n);
      const byCategory = { commit: 0, best_case: 0, pipeline: 0, omitted: 0 };
      for (const row of rows)
        if (row.category in byCategory)
          byCategory[row.category as keyof typeof byCategory] += num(row.amount);
      const amount = Number(sum((row) => row.amount));
      const count = Number(sum((row) => row.deals));
      const scored = Number(sum((row) => row.scored));
      const rate = rates.get(id) ?? stageRate(0, 0, question.minSample);
      return {
        stageId: id,
        count,
        amountMinor: amount,
        stageWeightedMinor: roundRatio(
          sum((row) => row.product),
          100n,
        ),
        categories: rollUp(byCategory),
        historical: { ...rate, weightedMinor: historicalWeighted(amount, rate, probability) },
        learned: {
          scoredCount: scored,
          weightedMinor: roundRatio(
            sum((row) => row.learned),
            10_000n,
          ),
          unscoredCount: count - scored,
          unscoredAmountMinor: Number(sum((row) => row.unscored_amount)),
        },
      };
    }),
    closed: { count: num(won.rows[0]?.deals ?? 0), amountMinor: num(won.rows[0]?.amount ?? 0) },
  };
}

/** (b) alone, rolled up, for the deals of a narrower scope (a manager override's subject). */
export async function categoryTotals(
  db: Kysely<Database>,
  scope: DealScope,
  period: { readonly from: string; readonly to: string },
): Promise<ReturnType<typeof rollUp>> {
  const result = await sql<{ category: string; amount: unknown }>`
    select d.category, sum(d.amount) as amount from (
      select opportunities.amount_minor as amount, ${openCategorySql} as category
      from opportunities
      join stages st on st.tenant_id = opportunities.tenant_id and st.id = opportunities.stage_id
      where ${dealInScope(scope)} and opportunities.status = 'open' and st.kind = 'open'
        and opportunities.expected_close_date >= ${period.from}
        and opportunities.expected_close_date <= ${period.to}
    ) d
    group by d.category`.execute(db);
  const amount = (category: string) =>
    num(result.rows.find((row) => row.category === category)?.amount ?? 0);
  return rollUp({
    commit: amount('commit'),
    best_case: amount('best_case'),
    pipeline: amount('pipeline'),
    omitted: amount('omitted'),
  });
}
