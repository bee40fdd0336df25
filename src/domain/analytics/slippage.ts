import type { InstantRange } from './conversion.js';
import type { DealHistory } from './facts.js';
import { meanOf, summarize } from './percentiles.js';
import type { Summary } from './percentiles.js';

/**
 * Close-date slippage: the expected close-date changes made in the period (`deal_changes`,
 * field close_date, changed_at in it). A PUSH moves the date later (the deal slipped), a
 * PULL earlier; a change to or from no date, or to the same date, is neither. For each
 * direction: how many changes, how many distinct deals, changes per deal, and how far in
 * days (total, mean to one decimal, nearest-rank median, p75, p90 of the per-change days).
 */
export interface DirectionFigures {
  /** Days per change: n = number of changes, total = days moved in all. */
  readonly days: Summary;
  readonly deals: number;
  /** Changes per deal, two decimals; null when no deal. */
  readonly perDeal: number | null;
}

export interface SlippageFigures {
  readonly pushes: DirectionFigures;
  readonly pulls: DirectionFigures;
}

const DAY_MS = 86_400_000;

/** Whole days from one calendar date to another (negative when earlier). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export function slippageOf(history: DealHistory, range: InstantRange): SlippageFigures {
  const inScope = new Set(history.deals.map((deal) => deal.id));
  const moves = history.changes.flatMap((change) =>
    change.field === 'close_date' &&
    inScope.has(change.opportunityId) &&
    change.changedAt >= range.start &&
    change.changedAt < range.end &&
    change.fromDate !== null &&
    change.toDate !== null
      ? [{ dealId: change.opportunityId, days: daysFromTo(change.fromDate, change.toDate) }]
      : [],
  );
  const direction = (picked: { dealId: string; days: number }[]): DirectionFigures => {
    const deals = new Set(picked.map((move) => move.dealId)).size;
    return {
      days: summarize(
        picked.map((move) => Math.abs(move.days)),
        1,
      ),
      deals,
      perDeal: meanOf(picked.length, deals, 2),
    };
  };
  return {
    pushes: direction(moves.filter((move) => move.days > 0)),
    pulls: direction(moves.filter((move) => move.days < 0)),
  };
}
