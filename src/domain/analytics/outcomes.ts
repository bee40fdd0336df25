import type { DealHistory } from './facts.js';
import { secondsFromTo, summarize } from './percentiles.js';
import type { Summary } from './percentiles.js';

/**
 * Outcomes of a period: win rate, won deal size, ACV and sales velocity. The SQL
 * (`store/analytics/outcomes.sql.ts`) and the reference below both produce the integer
 * `OutcomeFactors`; `outcomesFrom` derives every rate and average from them once, in JS, so
 * the two can only disagree on the counts and sums themselves.
 */
export interface OutcomeFactors {
  readonly won: number;
  readonly lost: number;
  /** Won deals' amounts (minor units): n, total, mean, nearest-rank median, p75, p90. */
  readonly wonAmounts: Summary;
  /** Won deals' sales cycles, created_at → closed_at, whole seconds. */
  readonly wonCycles: Summary;
  /** Open deals now in an open stage at or beyond the qualifying stage. */
  readonly openQualified: number;
  readonly openQualifiedAmountMinor: number;
}

export interface OutcomeQuestion {
  /** Period as UTC instants, [start, end). */
  readonly start: string;
  readonly end: string;
  /** Position of the qualifying open stage. */
  readonly qualifiedFromPosition: number;
}

export interface OutcomeFigures extends OutcomeFactors {
  readonly closed: number;
  /** won ÷ (won + lost) of the deals closed in the period; null when none closed. */
  readonly winRate: number | null;
  /** Assumed-12-month-term ACV: the average won deal (see docs); null with no won deal. */
  readonly acvMinor: number | null;
  /** Won amount per 365 days of the period (bookings run rate). */
  readonly annualisedWonMinor: number;
  /** Mean cycle in days, two decimals. */
  readonly averageCycleDays: number | null;
  /** open qualified × win rate × average won ÷ average cycle days, minor units per day. */
  readonly velocityPerDayMinor: number | null;
  /** The same over the period's length in days. */
  readonly velocityPerPeriodMinor: number | null;
  readonly periodDays: number;
}

/** Local calendar days from `from` to `to`, both inclusive. */
export function daysInPeriod(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/**
 * Everything derived from the factors. Velocity is computed from the exact sums in one
 * expression (open × won/closed × wonTotal/won ÷ (cycleTotal/won/86400) simplified) and
 * rounded once, so no intermediate rounding moves it.
 */
export function outcomesFrom(factors: OutcomeFactors, periodDays: number): OutcomeFigures {
  const closed = factors.won + factors.lost;
  const wonTotal = factors.wonAmounts.total;
  const cycleTotal = factors.wonCycles.total;
  const perDay =
    closed === 0 || factors.won === 0 || cycleTotal <= 0
      ? null
      : (factors.openQualified * wonTotal * factors.won * 86_400) / (closed * cycleTotal);
  return {
    ...factors,
    closed,
    winRate: closed === 0 ? null : factors.won / closed,
    acvMinor: factors.wonAmounts.mean,
    annualisedWonMinor: periodDays <= 0 ? 0 : Math.round((wonTotal * 365) / periodDays),
    averageCycleDays:
      factors.won === 0 ? null : Math.round((cycleTotal * 100) / (factors.won * 86_400)) / 100,
    velocityPerDayMinor: perDay === null ? null : Math.round(perDay),
    velocityPerPeriodMinor: perDay === null ? null : Math.round(perDay * periodDays),
    periodDays,
  };
}

/** The reference: the factors from every in-scope deal in memory. */
export function outcomeFactorsOf(history: DealHistory, question: OutcomeQuestion): OutcomeFactors {
  const closedIn = (status: 'won' | 'lost') =>
    history.deals.filter(
      (deal) =>
        deal.status === status &&
        deal.closedAt !== null &&
        deal.closedAt >= question.start &&
        deal.closedAt < question.end,
    );
  const won = closedIn('won');
  const stageById = new Map(history.stages.map((stage) => [stage.id, stage]));
  const qualified = history.deals.filter((deal) => {
    const stage = stageById.get(deal.stageId);
    return (
      deal.status === 'open' &&
      stage?.kind === 'open' &&
      stage.position >= question.qualifiedFromPosition
    );
  });
  return {
    won: won.length,
    lost: closedIn('lost').length,
    wonAmounts: summarize(won.map((deal) => deal.amountMinor)),
    wonCycles: summarize(won.map((deal) => secondsFromTo(deal.createdAt, deal.closedAt ?? ''))),
    openQualified: qualified.length,
    openQualifiedAmountMinor: qualified.reduce((sum, deal) => sum + deal.amountMinor, 0),
  };
}
