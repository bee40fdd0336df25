import type { DealHistory } from './facts.js';

/**
 * Why deals were lost (and won): from the closing reviews of the deals closed in the
 * period, the latest review per deal whose outcome matches the deal's. Each review gives
 * reasons (a list of keys), the stage the deal was lost (or won) at and the competitor.
 * A deal with two reasons counts once under each, so reason counts may add up to more
 * than the deals; stage and competitor counts are per deal and add up to the reviewed deals.
 * The SQL and the reference both produce `ReviewCells`; `breakdownFrom` totals and orders
 * them once, so only the cells can differ.
 */
export interface ReviewFact {
  readonly id: string;
  readonly opportunityId: string;
  readonly outcome: 'won' | 'lost';
  readonly reasons: readonly string[];
  readonly competitor: string | null;
  readonly stageId: string;
  readonly createdAt: string;
}

/** Deals of one reason × stage × competitor; reason null: a review without reasons. */
export interface ReasonCell {
  readonly reason: string | null;
  readonly stageId: string;
  readonly competitor: string | null;
  readonly count: number;
  readonly amountMinor: number;
}

/** Reviewed deals of one stage × competitor, each deal once. */
export interface DealCell {
  readonly stageId: string;
  readonly competitor: string | null;
  readonly count: number;
  readonly amountMinor: number;
}

export interface ReviewCells {
  /** Every deal closed with this outcome in the period, reviewed or not. */
  readonly deals: number;
  readonly amountMinor: number;
  readonly reasonCells: readonly ReasonCell[];
  readonly dealCells: readonly DealCell[];
}

export interface Tally<K> {
  readonly key: K;
  readonly count: number;
  readonly amountMinor: number;
}

export interface ReviewBreakdown {
  readonly deals: number;
  readonly amountMinor: number;
  readonly reviewed: number;
  readonly reviewedAmountMinor: number;
  readonly cube: readonly ReasonCell[];
  readonly byReason: readonly Tally<string | null>[];
  readonly byStage: readonly Tally<string>[];
  readonly byCompetitor: readonly Tally<string | null>[];
}

/** Nulls last, then code-unit order: the same on every machine (no locale collation). */
function compareKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Biggest first (count, then amount), ties by key. */
function byWeight(
  a: { count: number; amountMinor: number },
  b: { count: number; amountMinor: number },
): number {
  return b.count - a.count || b.amountMinor - a.amountMinor;
}

function tally<K extends string | null, C extends { count: number; amountMinor: number }>(
  cells: readonly C[],
  keyOf: (cell: C) => K,
): Tally<K>[] {
  const sums = new Map<K, { count: number; amountMinor: number }>();
  for (const cell of cells) {
    const sum = sums.get(keyOf(cell)) ?? { count: 0, amountMinor: 0 };
    sums.set(keyOf(cell), {
      count: sum.count + cell.count,
      amountMinor: sum.amountMinor + cell.amountMinor,
    });
  }
  return [...sums]
    .map(([key, sum]) => ({ key, ...sum }))
    .sort((a, b) => byWeight(a, b) || compareKey(a.key, b.key));
}

export function breakdownFrom(cells: ReviewCells): ReviewBreakdown {
  const cube = [...cells.reasonCells].sort(
    (a, b) =>
      byWeight(a, b) ||
      compareKey(a.reason, b.reason) ||
      compareKey(a.stageId, b.stageId) ||
      compareKey(a.competitor, b.competitor),
  );
  return {
    deals: cells.deals,
    amountMinor: cells.amountMinor,
    reviewed: cells.dealCells.reduce((sum, cell) => sum + cell.count, 0),
    reviewedAmountMinor: cells.dealCells.reduce((sum, cell) => sum + cell.amountMinor, 0),
    cube,
    byReason: tally(cells.reasonCells, (cell) => cell.reason),
    byStage: tally(cells.dealCells, (cell) => cell.stageId),
    byCompetitor: tally(cells.dealCells, (cell) => cell.competitor),
  };
}

/** The latest review per deal with the given outcome: newest created_at, then highest id. */
export function latestReviews(
  reviews: readonly ReviewFact[],
  outcome: 'won' | 'lost',
): Map<string, ReviewFact> {
  const latest = new Map<string, ReviewFact>();
  for (const review of reviews) {
    if (review.outcome !== outcome) continue;
    const seen = latest.get(review.opportunityId);
    if (
      !seen ||
      review.createdAt > seen.createdAt ||
      (review.createdAt === seen.createdAt && review.id > seen.id)
    )
      latest.set(review.opportunityId, review);
  }
  return latest;
}

/** The reference: cells of the deals closed with `outcome` in [start, end). */
export function reviewCellsOf(
  history: DealHistory,
  reviews: readonly ReviewFact[],
  outcome: 'won' | 'lost',
  question: { readonly start: string; readonly end: string },
): ReviewCells {
  const closed = history.deals.filter(
    (deal) =>
      deal.status === outcome &&
      deal.closedAt !== null &&
      deal.closedAt >= question.start &&
      deal.closedAt < question.end,
  );
  const latest = latestReviews(reviews, outcome);
  const reasonCells = new Map<string, ReasonCell>();
  const dealCells = new Map<string, DealCell>();
  const add = <C extends { count: number; amountMinor: number }>(
    map: Map<string, C>,
    cell: C,
    amount: number,
  ) => {
    const key = JSON.stringify(cell);
    const seen = map.get(key) ?? cell;
    map.set(key, { ...seen, count: seen.count + 1, amountMinor: seen.amountMinor + amount });
  };
  for (const deal of closed) {
    const review = latest.get(deal.id);
    if (!review) continue;
    const { stageId, competitor } = review;
    add(dealCells, { stageId, competitor, count: 0, amountMinor: 0 }, deal.amountMinor);
    const reasons = [...new Set(review.reasons)];
    for (const reason of reasons.length === 0 ? [null] : reasons)
      add(reasonCells, { reason, stageId, competitor, count: 0, amountMinor: 0 }, deal.amountMinor);
  }
  return {
    deals: closed.length,
    amountMinor: closed.reduce((sum, deal) => sum + deal.amountMinor, 0),
    reasonCells: [...reasonCells.values()],
    dealCells: [...dealCells.values()],
  };
}
