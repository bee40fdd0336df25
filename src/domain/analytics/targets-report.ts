import { periodOf } from './period.js';
import type { Period } from './period.js';
import { proRatedAmount } from './targets.js';
import type { SalesTarget } from './targets.js';

/**
 * Attainment and coverage of sales targets over a report period. Each target is read over
 * its WINDOW: the days it shares with the period. Its amount is pro-rated by days to that
 * window (a quarterly quota read over one month counts a third of it; see `proRatedAmount`)
 * and the deals are measured over the same window, so the two always describe the same
 * days:
 * - won: deals closed won inside the window (UTC instants of the window's local days),
 *   owned by the subject (a user) or by anyone in the subject team's subtree, in the
 *   target's pipeline or (pipelineId null) any pipeline, in the report currency;
 * - open pipeline: open deals of the same people whose expected close date falls in the
 *   window (dates, inclusive).
 * attainment = won ÷ target; remaining = max(0, target − won); coverage = open pipeline ÷
 * remaining, null when nothing remains.
 * Team selling: a deal counts for the holders of its REVENUE credit (docs/deal-teams.md) —
 * the owner alone when it is not split. A deal counts once for a target when anyone of the
 * subject holds some of it, with the subject's shares summed and its amount credited as
 * round(amount × shares ÷ 10 000), rounded once per deal and target (half up).
 */
export type TargetWindowed = Pick<SalesTarget, 'periodStart' | 'periodEnd' | 'amountMinor'>;

export function targetWindow(
  target: TargetWindowed,
  period: { readonly from: string; readonly to: string },
  timeZone: string,
): Period | null {
  const from = target.periodStart > period.from ? target.periodStart : period.from;
  const to = target.periodEnd < period.to ? target.periodEnd : period.to;
  return from > to ? null : periodOf(from, to, timeZone);
}

export interface DealSums {
  readonly count: number;
  readonly amountMinor: number;
}

export interface TargetFigures {
  readonly window: { readonly from: string; readonly to: string };
  /** The target's amount pro-rated to the window. */
  readonly targetMinor: number;
  readonly won: DealSums;
  readonly remainingMinor: number;
  /** won ÷ target; null when the pro-rated target is 0. */
  readonly attainment: number | null;
  readonly openPipeline: DealSums;
  /** Open pipeline ÷ remaining; null when nothing remains. */
  readonly coverage: number | null;
}

/** The arithmetic on the sums (SQL and reference both end here). */
export function targetFigures(
  target: TargetWindowed,
  window: { readonly from: string; readonly to: string },
  won: DealSums,
  openPipeline: DealSums,
): TargetFigures {
  const targetMinor = proRatedAmount(target, window);
  const remainingMinor = Math.max(0, targetMinor - won.amountMinor);
  return {
    window: { from: window.from, to: window.to },
    targetMinor,
    won,
    remainingMinor,
    attainment: targetMinor === 0 ? null : won.amountMinor / targetMinor,
    openPipeline,
    coverage: remainingMinor === 0 ? null : openPipeline.amountMinor / remainingMinor,
  };
}

/** A deal as the reference sees it: any pipeline, already in currency, live and visible. */
export interface AttainmentDeal {
  readonly ownerId: string;
  /** Stored revenue split lines; none (or absent): the owner holds all of it. */
  readonly revenueSplits?: readonly CreditShare[];
  readonly pipelineId: string;
  readonly status: 'open' | 'won' | 'lost';
  readonly amountMinor: number;
  readonly closedAt: string | null;
  readonly expectedCloseDate: string | null;
}

export interface AttainmentTarget extends TargetWindowed {
  readonly id: string;
  readonly pipelineId: string | null;
  /** The users whose deals count: the subject, or everyone in the subject team's subtree. */
  readonly ownerIds: readonly string[];
}

export interface CreditShare {
  readonly userId: string;
  readonly shareBp: number;
}

/** Basis points of a deal's revenue credit held by `people`. */
export function creditHeld(deal: AttainmentDeal, people: readonly string[]): number {
  const lines =
    deal.revenueSplits && deal.revenueSplits.length > 0
      ? deal.revenueSplits
      : [{ userId: deal.ownerId, shareBp: 10_000 }];
  return lines
    .filter((line) => people.includes(line.userId))
    .reduce((sum, line) => sum + line.shareBp, 0);
}

/** An amount's part for a credit share, half up (exact for the whole share). */
export const creditedAmount = (amountMinor: number, shareBp: number): number =>
  Math.floor((amountMinor * shareBp + 5000) / 10_000);

/** The reference: figures per target, in the order given. */
export function attainmentOf(
  targets: readonly AttainmentTarget[],
  deals: readonly AttainmentDeal[],
  period: { readonly from: string; readonly to: string },
  timeZone: string,
): (TargetFigures & { readonly targetId: string })[] {
  return targets.flatMap((target) => {
    const window = targetWindow(target, period, timeZone);
    if (!window) return [];
    const mine = deals.filter(
      (deal) =>
        creditHeld(deal, target.ownerIds) > 0 &&
        (target.pipelineId === null || deal.pipelineId === target.pipelineId),
    );
    const sum = (list: readonly AttainmentDeal[]): DealSums => ({
      count: list.length,
      amountMinor: list.reduce(
        (total, deal) =>
          total + creditedAmount(deal.amountMinor, creditHeld(deal, target.ownerIds)),
        0,
      ),
    });
    const won = mine.filter(
      (deal) =>
        deal.status === 'won' &&
        deal.closedAt !== null &&
        deal.closedAt >= window.start &&
        deal.closedAt < window.end,
    );
    const open = mine.filter(
      (deal) =>
        deal.status === 'open' &&
        deal.expectedCloseDate !== null &&
        deal.expectedCloseDate >= window.from &&
        deal.expectedCloseDate <= window.to,
    );
    return [{ targetId: target.id, ...targetFigures(target, window, sum(won), sum(open)) }];
  });
}

/** The teams and users in a team's subtree (the team itself included). */
export interface TeamReach {
  readonly teams: ReadonlySet<string>;
  readonly users: ReadonlySet<string>;
}

/**
 * One revenue number for a set of targets, each subject counted once: a target whose
 * subject sits inside another listed team target's subtree is already part of that team's
 * number and is left out, and a subject with a target for the pipeline does not also add
 * its all-pipelines target. `targetMinor` is each target's amount pro-rated to the period.
 */
export function headlineTotal(
  targets: readonly {
    readonly subjectType: 'user' | 'team';
    readonly subjectId: string;
    readonly pipelineId: string | null;
    readonly targetMinor: number;
  }[],
  below: ReadonlyMap<string, TeamReach>,
): number {
  const nested = (target: (typeof targets)[number]) =>
    [...below].some(
      ([teamId, reach]) =>
        !(target.subjectType === 'team' && target.subjectId === teamId) &&
        (target.subjectType === 'team' ? reach.teams : reach.users).has(target.subjectId),
    );
  const specific = new Set(
    targets.filter((t) => t.pipelineId !== null).map((t) => `${t.subjectType}:${t.subjectId}`),
  );
  return targets
    .filter(
      (target) =>
        !nested(target) &&
        !(target.pipelineId === null && specific.has(`${target.subjectType}:${target.subjectId}`)),
    )
    .reduce((total, target) => total + target.targetMinor, 0);
}
