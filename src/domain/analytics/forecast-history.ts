import type { DealChange, DealFact, StageVisit } from './facts.js';
import type { ForecastInput, ForecastStageFact } from './forecast.js';
import {
  historicalWeighted,
  openCategory,
  roundRatio,
  rollUp,
  stageRate,
} from './forecast-math.js';
import type { CategoryTotals, StageRate } from './forecast-math.js';

/**
 * Forecast versus actual for a past period: what models (a), (b) and (c) would have said AT
 * THE PERIOD START, from the state at that instant, against what was then won in it. (d) is
 * absent: predictions are overwritten by each scoring run, so none exist as of a past instant.
 *
 * The state "at" an instant s is the state just before it, as in the funnel:
 * - a deal was open in stage S at s when a visit to open stage S has entered_at < s and
 *   (left_at is null or left_at ≥ s);
 * - its amount then: the latest amount change inside that visit before s, else the visit's
 *   entry amount (the funnel's rule);
 * - its expected close date then: the latest close-date change before s (its to_date); if
 *   there is none but later changes exist, the first change's from_date (what the date was
 *   before anyone moved it); with no change at all, today's expected_close_date;
 * - (b) uses the stage's category (reps' calls are not kept as history);
 * - (c) uses P(won | stage) as known at s: of the tenant's deals that had entered the stage
 *   before s and stood in a won or lost stage at s, the share won.
 * The deal set is today's scope (current owner, pipeline, currency, visibility), like the
 * funnel's as-of view.
 */
export interface PastQuestion {
  readonly from: string;
  readonly to: string;
  readonly start: string;
  readonly end: string;
  readonly minSample: number;
}

export interface PastForecast {
  readonly openCount: number;
  readonly openAmountMinor: number;
  readonly stageWeightedMinor: number;
  readonly categories: CategoryTotals;
  readonly historicalMinor: number;
  readonly actual: { readonly count: number; readonly amountMinor: number };
}

export interface PastInput extends Omit<ForecastInput, 'predictions' | 'experience'> {
  readonly visits: readonly StageVisit[];
  readonly changes: readonly DealChange[];
  readonly experience: {
    readonly deals: readonly DealFact[];
    readonly visits: readonly StageVisit[];
  };
}

/** The visit standing at `at` (just before it), if any. */
export function visitAt(visits: readonly StageVisit[], at: string): StageVisit | undefined {
  return visits.find((v) => v.enteredAt < at && (v.leftAt === null || v.leftAt >= at));
}

export function amountAt(changes: readonly DealChange[], visit: StageVisit, at: string): number {
  const inside = changes
    .filter((c) => c.field === 'amount' && c.changedAt >= visit.enteredAt && c.changedAt < at)
    .sort((x, y) => (x.changedAt < y.changedAt ? 1 : -1));
  return inside[0] ? (inside[0].toAmountMinor ?? 0) : visit.amountMinor;
}

export function closeDateAt(
  changes: readonly DealChange[],
  current: string | null,
  at: string,
): string | null {
  const moves = changes
    .filter((c) => c.field === 'close_date')
    .sort((x, y) => (x.changedAt < y.changedAt ? -1 : 1));
  const before = moves.filter((c) => c.changedAt < at);
  const last = before[before.length - 1];
  if (last) return last.toDate;
  return moves[0] ? moves[0].fromDate : current;
}

/** P(won | stage) as known at `at`. */
export function stageRatesAt(
  stages: readonly ForecastStageFact[],
  experience: PastInput['experience'],
  at: string,
  minSample: number,
): Map<string, StageRate> {
  const kind = new Map(stages.map((stage) => [stage.id, stage.kind]));
  const visitsOf = groupBy(experience.visits, (v) => v.opportunityId);
  const counts = new Map<string, { closed: number; won: number }>();
  for (const deal of experience.deals) {
    const visits = visitsOf.get(deal.id) ?? [];
    const standing = visitAt(visits, at);
    const outcome = standing ? kind.get(standing.stageId) : undefined;
    if (outcome !== 'won' && outcome !== 'lost') continue;
    const entered = new Set(visits.filter((v) => v.enteredAt < at).map((v) => v.stageId));
    for (const stageId of entered) {
      const cell = counts.get(stageId) ?? { closed: 0, won: 0 };
      cell.closed += 1;
      if (outcome === 'won') cell.won += 1;
      counts.set(stageId, cell);
    }
  }
  return new Map(
    [...counts].map(([id, cell]) => [id, stageRate(cell.closed, cell.won, minSample)]),
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function pastForecastOf(input: PastInput, question: PastQuestion): PastForecast {
  const at = question.start;
  const rates = stageRatesAt(input.stages, input.experience, at, question.minSample);
  const visitsOf = groupBy(input.visits, (v) => v.opportunityId);
  const changesOf = groupBy(input.changes, (c) => c.opportunityId);
  const perStage = new Map<string, number>();
  let openCount = 0;
  for (const deal of input.deals) {
    const visit = visitAt(visitsOf.get(deal.id) ?? [], at);
    const stage = visit && input.stages.find((s) => s.id === visit.stageId);
    if (!visit || !stage || stage.kind !== 'open') continue;
    const changes = changesOf.get(deal.id) ?? [];
    const close = closeDateAt(changes, deal.expectedCloseDate, at);
    if (close === null || close < question.from || close > question.to) continue;
    openCount += 1;
    perStage.set(stage.id, (perStage.get(stage.id) ?? 0) + amountAt(changes, visit, at));
  }
  const byCategory = { commit: 0, best_case: 0, pipeline: 0, omitted: 0 };
  let stageWeighted = 0;
  let historical = 0;
  let openAmount = 0;
  for (const stage of input.stages) {
    const amount = perStage.get(stage.id);
    if (amount === undefined) continue;
    openAmount += amount;
    byCategory[openCategory(null, stage.forecastCategory)] += amount;
    stageWeighted += roundRatio(BigInt(amount) * BigInt(stage.probability), 100n);
    const rate = rates.get(stage.id) ?? stageRate(0, 0, question.minSample);
    historical += historicalWeighted(amount, rate, stage.probability);
  }
  const won = input.deals.filter(
    (d) =>
      d.status === 'won' && d.closedAt !== null && d.closedAt >= at && d.closedAt < question.end,
  );
  return {
    openCount,
    openAmountMinor: openAmount,
    stageWeightedMinor: stageWeighted,
    categories: rollUp(byCategory),
    historicalMinor: historical,
    actual: { count: won.length, amountMinor: won.reduce((sum, d) => sum + d.amountMinor, 0) },
  };
}
