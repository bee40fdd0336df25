import { cohortMembers, countsOf, withRates } from './conversion.js';
import type { InstantRange, StageConversion } from './conversion.js';
import { endedVisits } from './dwell.js';
import type { DealHistory } from './facts.js';
import { weightedTotal } from './facts.js';
import { nearestRank } from './percentiles.js';
import { creditedAmount } from './targets-report.js';
import type { CreditShare } from './targets-report.js';

/**
 * Each rep against the team, per open stage, for coaching: the rep's cohort conversion
 * (same definitions as `conversion.ts`, the rep's own deals) and median dwell (visits
 * ended in the period, as `dwell.ts`) beside the whole scope's, and the difference (rep −
 * team; positive conversion / negative dwell is better). The "team" is everything in
 * scope, so a team filter compares each member with that team. Plus the open pipeline each
 * rep carries now. A rep is anyone owning an in-scope deal; deals count for their current
 * owner.
 * Team selling (docs/deal-teams.md): each rep's performance credit — the deals won in the
 * period they hold PERFORMANCE credit of (the owner alone when not split, a mentor's share
 * included), and Σ round(amount × share ÷ 10 000) per deal — and whoever holds performance
 * credit of an in-scope deal is a rep of the report too, even owning none of them.
 */
export interface DwellBrief {
  /** Visits ended in the period. */
  readonly n: number;
  /** Nearest-rank median, seconds; null when n = 0. */
  readonly median: number | null;
}

export interface TeamStage {
  readonly stageId: string;
  readonly conversion: StageConversion;
  readonly dwell: DwellBrief;
}

export interface PersonStage extends TeamStage {
  /** Rep's stage→next minus the team's; null when either is undefined. */
  readonly toNextDiff: number | null;
  /** Rep's median dwell minus the team's, seconds. */
  readonly medianDiff: number | null;
}

export interface OpenPipeline {
  readonly count: number;
  readonly amountMinor: number;
  /** Σ amount × current stage probability, rounded once. */
  readonly weightedMinor: number;
}

export interface PerformanceCredit {
  /** Deals won in the period the rep holds performance credit of. */
  readonly wonCount: number;
  /** Σ the rep's share of each such deal's amount, half up per deal. */
  readonly wonAmountMinor: number;
}

export interface Person {
  readonly ownerId: string;
  readonly pipeline: OpenPipeline;
  readonly credit: PerformanceCredit;
  readonly stages: readonly PersonStage[];
}

export interface PeopleFigures {
  readonly team: readonly TeamStage[];
  /** Ordered by owner id. */
  readonly people: readonly Person[];
}

export const difference = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : a - b;

export function dwellBrief(seconds: readonly number[]): DwellBrief {
  return {
    n: seconds.length,
    median: nearestRank(
      [...seconds].sort((a, b) => a - b),
      50,
    ),
  };
}

/** Performance credit lines of a deal: its splits, or the owner's whole share. */
export type PerformanceSplits = (dealId: string) => readonly CreditShare[];

export function peopleOf(
  history: DealHistory,
  range: InstantRange,
  performanceSplits: PerformanceSplits = () => [],
): PeopleFigures {
  const creditOf = (deal: { id: string; ownerId: string }) => {
    const lines = performanceSplits(deal.id);
    return lines.length > 0 ? lines : [{ userId: deal.ownerId, shareBp: 10_000 }];
  };
  const wonInRange = history.deals.filter(
    (deal) =>
      deal.status === 'won' &&
      deal.closedAt !== null &&
      deal.closedAt >= range.start &&
      deal.closedAt < range.end,
  );
  const open = [...history.stages]
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position);
  const probability = new Map(history.stages.map((stage) => [stage.id, stage.probability]));
  const members = cohortMembers(history, range);
  const visits = endedVisits(history, range);
  const figuresFor = (ownerId: string | null): TeamStage[] =>
    open.map((stage) => {
      const mine = (m: { deal: { ownerId: string }; stageId: string }) =>
        m.stageId === stage.id && (ownerId === null || m.deal.ownerId === ownerId);
      return {
        stageId: stage.id,
        conversion: withRates(stage.id, countsOf(members.filter(mine))),
        dwell: dwellBrief(visits.filter(mine).map((visit) => visit.seconds)),
      };
    });
  const team = figuresFor(null);
  const owners = [
    ...new Set(
      history.deals.flatMap((deal) => [
        deal.ownerId,
        ...performanceSplits(deal.id).map((line) => line.userId),
      ]),
    ),
  ].sort();
  return {
    team,
    people: owners.map((ownerId) => {
      const carried = history.deals.filter(
        (deal) => deal.ownerId === ownerId && deal.status === 'open',
      );
      const credited = wonInRange.flatMap((deal) =>
        creditOf(deal)
          .filter((line) => line.userId === ownerId)
          .map((line) => creditedAmount(deal.amountMinor, line.shareBp)),
      );
      return {
        ownerId,
        credit: {
          wonCount: credited.length,
          wonAmountMinor: credited.reduce((sum, amount) => sum + amount, 0),
        },
        pipeline: {
          count: carried.length,
          amountMinor: carried.reduce((sum, deal) => sum + deal.amountMinor, 0),
          weightedMinor: weightedTotal(
            carried.reduce(
              (sum, deal) => sum + deal.amountMinor * (probability.get(deal.stageId) ?? 0),
              0,
            ),
          ),
        },
        stages: figuresFor(ownerId).map((mine, index) => {
          const theirs = team[index];
          return {
            ...mine,
            toNextDiff: difference(mine.conversion.toNext, theirs?.conversion.toNext ?? null),
            medianDiff: difference(mine.dwell.median, theirs?.dwell.median ?? null),
          };
        }),
      };
    }),
  };
}
