import type { ForecastCategory } from '../pipeline/pipeline.js';
import type { DealFact, StageFact, StageVisit } from './facts.js';
import { bigOf, historicalWeighted, openCategory, roundRatio, stageRate } from './forecast-math.js';
import type { CategoryTotals, StageRate } from './forecast-math.js';
import { rollUp } from './forecast-math.js';

/**
 * The forecast for a period, four models side by side, per open stage (the specification
 * the SQL in `store/analytics/forecast.sql.ts` must match). The deals forecast are the open
 * deals in scope whose expected close date falls in the period (local dates); each model
 * weighs their current amounts:
 * (a) stage-weighted: amount × the stage's probability;
 * (b) categories: the rep's call (`opportunities.forecast_category`), else the stage's;
 * (c) historical: amount × P(won | stage) from the tenant's closed deals (every owner, in
 *     this pipeline and currency) that ever visited the stage, falling back to the stage
 *     probability below `minSample`;
 * (d) learned: amount × the stored win prediction (basis points); unscored deals are
 *     counted, never guessed.
 * Deals won in the period (closed_at in it) are the "closed" figure every model shares.
 */
export interface ForecastStageFact extends StageFact {
  readonly forecastCategory: ForecastCategory;
}

export interface ForecastDealFact extends DealFact {
  /** The rep's own call; null: the stage's category. */
  readonly forecastCategory: string | null;
}

export interface ForecastInput {
  readonly stages: readonly ForecastStageFact[];
  /** Deals in scope (pipeline, currency, owners, visibility). */
  readonly deals: readonly ForecastDealFact[];
  /** opportunityId → learned win probability in basis points. */
  readonly predictions: ReadonlyMap<string, number>;
  /** The tenant's experience for (c): every live deal of the pipeline and currency. */
  readonly experience: {
    readonly deals: readonly DealFact[];
    readonly visits: readonly StageVisit[];
  };
}

export interface ForecastQuestion {
  /** Local dates, inclusive, compared with expected close dates. */
  readonly from: string;
  readonly to: string;
  /** UTC instants [start, end), compared with closed_at. */
  readonly start: string;
  readonly end: string;
  readonly minSample: number;
}

export interface StageForecast {
  readonly stageId: string;
  readonly count: number;
  readonly amountMinor: number;
  readonly stageWeightedMinor: number;
  readonly categories: CategoryTotals;
  readonly historical: StageRate & { readonly weightedMinor: number };
  readonly learned: {
    readonly scoredCount: number;
    readonly weightedMinor: number;
    readonly unscoredCount: number;
    readonly unscoredAmountMinor: number;
  };
}

export interface ForecastFigures {
  readonly stages: readonly StageForecast[];
  readonly closed: { readonly count: number; readonly amountMinor: number };
}

/** P(won | stage) per stage from the experience: closed deals that ever visited it. */
export function stageRatesOf(
  experience: ForecastInput['experience'],
  minSample: number,
): Map<string, StageRate> {
  const closed = new Map(
    experience.deals.filter((deal) => deal.status !== 'open').map((deal) => [deal.id, deal]),
  );
  const seen = new Map<string, Set<string>>();
  for (const visit of experience.visits) {
    if (!closed.has(visit.opportunityId)) continue;
    const deals = seen.get(visit.stageId) ?? new Set<string>();
    deals.add(visit.opportunityId);
    seen.set(visit.stageId, deals);
  }
  const rates = new Map<string, StageRate>();
  for (const [stageId, deals] of seen) {
    const won = [...deals].filter((id) => closed.get(id)?.status === 'won').length;
    rates.set(stageId, stageRate(deals.size, won, minSample));
  }
  return rates;
}

export function forecastOf(input: ForecastInput, question: ForecastQuestion): ForecastFigures {
  const rates = stageRatesOf(input.experience, question.minSample);
  const forecast = input.deals.filter(
    (deal) =>
      deal.status === 'open' &&
      deal.expectedCloseDate !== null &&
      deal.expectedCloseDate >= question.from &&
      deal.expectedCloseDate <= question.to,
  );
  const stages = input.stages
    .filter((stage) => stage.kind === 'open')
    .map((stage): StageForecast => {
      const deals = forecast.filter((deal) => deal.stageId === stage.id);
      const amount = deals.reduce((sum, deal) => sum + deal.amountMinor, 0);
      const byCategory = { commit: 0, best_case: 0, pipeline: 0, omitted: 0 };
      for (const deal of deals)
        byCategory[openCategory(deal.forecastCategory, stage.forecastCategory)] += deal.amountMinor;
      const rate = rates.get(stage.id) ?? stageRate(0, 0, question.minSample);
      const scored = deals.filter((deal) => input.predictions.has(deal.id));
      const learnedProduct = scored.reduce(
        (sum, deal) => sum + bigOf(deal.amountMinor) * bigOf(input.predictions.get(deal.id)),
        0n,
      );
      return {
        stageId: stage.id,
        count: deals.length,
        amountMinor: amount,
        stageWeightedMinor: roundRatio(BigInt(amount) * BigInt(stage.probability), 100n),
        categories: rollUp(byCategory),
        historical: { ...rate, weightedMinor: historicalWeighted(amount, rate, stage.probability) },
        learned: {
          scoredCount: scored.length,
          weightedMinor: roundRatio(learnedProduct, 10_000n),
          unscoredCount: deals.length - scored.length,
          unscoredAmountMinor: deals
            .filter((deal) => !input.predictions.has(deal.id))
            .reduce((sum, deal) => sum + deal.amountMinor, 0),
        },
      };
    });
  const won = input.deals.filter(
    (deal) =>
      deal.status === 'won' &&
      deal.closedAt !== null &&
      deal.closedAt >= question.start &&
      deal.closedAt < question.end,
  );
  return {
    stages,
    closed: { count: won.length, amountMinor: won.reduce((sum, d) => sum + d.amountMinor, 0) },
  };
}
