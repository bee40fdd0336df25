import type { DealHistory, StageFact } from './facts.js';
import { weightedTotal } from './facts.js';

/**
 * The funnel, two ways:
 * - `standing`: where the open deals stood at an instant (the end of the as-of date), per
 *   open stage: count, amount as it was then, probability-weighted amount. From stage
 *   history, so any past date gives the funnel as it was.
 * - `reached`: of the deals created in the period, how many got at least as far as each
 *   open stage (a won deal reached them all), with today's amounts: the funnel's shape.
 * And the deals that closed won or lost in the period.
 */
export interface FunnelStageFigures {
  readonly stageId: string;
  readonly count: number;
  readonly amountMinor: number;
  readonly weightedMinor: number;
  readonly reachedCount: number;
  readonly reachedAmountMinor: number;
}

export interface ClosedFigures {
  readonly count: number;
  readonly amountMinor: number;
}

export interface FunnelFigures {
  readonly stages: readonly FunnelStageFigures[];
  readonly won: ClosedFigures;
  readonly lost: ClosedFigures;
}

export interface FunnelQuestion {
  /** The instant the standing funnel is taken at (exclusive): the end of the as-of date. */
  readonly at: string;
  /** The period (UTC instants, [start, end)) for `reached` and the closed deals. */
  readonly start: string;
  readonly end: string;
}

/** The deal's amount at `at`: the latest change before it, else its amount on entering. */
function amountAt(
  history: DealHistory,
  dealId: string,
  enteredAt: string,
  entryAmount: number,
  at: string,
) {
  let latest: { at: string; amount: number } | null = null;
  for (const change of history.changes) {
    if (change.opportunityId !== dealId || change.field !== 'amount') continue;
    if (change.changedAt < enteredAt || change.changedAt >= at) continue;
    if (latest === null || change.changedAt > latest.at)
      latest = { at: change.changedAt, amount: change.toAmountMinor ?? 0 };
  }
  return latest?.amount ?? entryAmount;
}

function reachedStage(stage: StageFact, visited: readonly StageFact[]): boolean {
  return visited.some(
    (seen) => seen.kind === 'won' || (seen.kind === 'open' && seen.position >= stage.position),
  );
}

export function funnelOf(history: DealHistory, question: FunnelQuestion): FunnelFigures {
  const stageById = new Map(history.stages.map((stage) => [stage.id, stage]));
  const open = history.stages.filter((stage) => stage.kind === 'open');
  const standing = new Map(open.map((stage) => [stage.id, { count: 0, amount: 0, product: 0 }]));
  for (const visit of history.visits) {
    const cell = standing.get(visit.stageId);
    if (!cell || visit.enteredAt >= question.at) continue;
    if (visit.leftAt !== null && visit.leftAt < question.at) continue;
    const amount = amountAt(
      history,
      visit.opportunityId,
      visit.enteredAt,
      visit.amountMinor,
      question.at,
    );
    cell.count += 1;
    cell.amount += amount;
    cell.product += amount * (stageById.get(visit.stageId)?.probability ?? 0);
  }
  const created = history.deals.filter(
    (deal) => deal.createdAt >= question.start && deal.createdAt < question.end,
  );
  const visitedBy = new Map<string, StageFact[]>();
  for (const visit of history.visits) {
    const stage = stageById.get(visit.stageId);
    if (!stage) continue;
    visitedBy.set(visit.opportunityId, [...(visitedBy.get(visit.opportunityId) ?? []), stage]);
  }
  const closed = (status: 'won' | 'lost'): ClosedFigures => {
    const deals = history.deals.filter(
      (deal) =>
        deal.status === status &&
        deal.closedAt !== null &&
        deal.closedAt >= question.start &&
        deal.closedAt < question.end,
    );
    return { count: deals.length, amountMinor: deals.reduce((sum, d) => sum + d.amountMinor, 0) };
  };
  return {
    stages: open.map((stage) => {
      const cell = standing.get(stage.id) ?? { count: 0, amount: 0, product: 0 };
      const reached = created.filter((deal) => reachedStage(stage, visitedBy.get(deal.id) ?? []));
      return {
        stageId: stage.id,
        count: cell.count,
        amountMinor: cell.amount,
        weightedMinor: weightedTotal(cell.product),
        reachedCount: reached.length,
        reachedAmountMinor: reached.reduce((sum, deal) => sum + deal.amountMinor, 0),
      };
    }),
    won: closed('won'),
    lost: closed('lost'),
  };
}
