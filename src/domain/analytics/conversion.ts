import type { DealFact, DealHistory, StageFact } from './facts.js';

/**
 * Cohort conversion, the definitions every report shares (conversion, people, targets'
 * reverse funnel):
 * - a stage's COHORT in a period: the deals whose FIRST entry into the stage (earliest
 *   visit) falls in it; a re-entry never counts a deal twice, and a deal whose first entry
 *   was earlier is not in the cohort even if it comes back in the period;
 * - ADVANCED: after that first entry the deal entered a higher open stage or a won stage
 *   (going back and forward again counts; a skip counts);
 * - WON / LOST / OPEN: the deal's status now; they add up to the cohort.
 * Stage→next = advanced / cohort, stage→won = won / cohort; null for an empty cohort.
 */
export interface ConversionCounts {
  readonly cohort: number;
  readonly advanced: number;
  readonly won: number;
  readonly lost: number;
  readonly open: number;
}

export interface StageConversion extends ConversionCounts {
  readonly stageId: string;
  readonly toNext: number | null;
  readonly toWon: number | null;
}

/** A slice of the period, UTC instants [start, end). */
export interface InstantRange {
  readonly start: string;
  readonly end: string;
}

export interface BucketConversion extends InstantRange {
  readonly stages: readonly StageConversion[];
}

/** One deal in one open stage's cohort. */
export interface CohortMember {
  readonly deal: DealFact;
  readonly stageId: string;
  readonly firstAt: string;
  readonly advanced: boolean;
}

export const emptyCounts: ConversionCounts = { cohort: 0, advanced: 0, won: 0, lost: 0, open: 0 };

export function withRates(stageId: string, counts: ConversionCounts): StageConversion {
  return {
    stageId,
    ...counts,
    toNext: counts.cohort === 0 ? null : counts.advanced / counts.cohort,
    toWon: counts.cohort === 0 ? null : counts.won / counts.cohort,
  };
}

export function countsOf(members: readonly CohortMember[]): ConversionCounts {
  return {
    cohort: members.length,
    advanced: members.filter((member) => member.advanced).length,
    won: members.filter((member) => member.deal.status === 'won').length,
    lost: members.filter((member) => member.deal.status === 'lost').length,
    open: members.filter((member) => member.deal.status === 'open').length,
  };
}

function isBeyond(stage: StageFact, seen: StageFact): boolean {
  return seen.kind === 'won' || (seen.kind === 'open' && seen.position > stage.position);
}

/** Every (deal, open stage) whose first entry falls in [start, end). */
export function cohortMembers(history: DealHistory, range: InstantRange): CohortMember[] {
  const stageById = new Map(history.stages.map((stage) => [stage.id, stage]));
  const dealById = new Map(history.deals.map((deal) => [deal.id, deal]));
  const first = new Map<string, { dealId: string; stage: StageFact; at: string }>();
  for (const visit of history.visits) {
    const stage = stageById.get(visit.stageId);
    if (!stage || stage.kind !== 'open') continue;
    const key = `${visit.opportunityId}\u0000${stage.id}`;
    const seen = first.get(key);
    if (!seen || visit.enteredAt < seen.at)
      first.set(key, { dealId: visit.opportunityId, stage, at: visit.enteredAt });
  }
  const members: CohortMember[] = [];
  for (const { dealId, stage, at } of first.values()) {
    const deal = dealById.get(dealId);
    if (!deal || at < range.start || at >= range.end) continue;
    const advanced = history.visits.some((visit) => {
      const seen = stageById.get(visit.stageId);
      return (
        visit.opportunityId === dealId &&
        visit.enteredAt > at &&
        seen !== undefined &&
        isBeyond(stage, seen)
      );
    });
    members.push({ deal, stageId: stage.id, firstAt: at, advanced });
  }
  return members;
}

/** Per bucket (contiguous ranges, a cohort member in the one holding its first entry). */
export function conversionOf(
  history: DealHistory,
  buckets: readonly InstantRange[],
): BucketConversion[] {
  const open = [...history.stages]
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position);
  return buckets.map((bucket) => {
    const members = cohortMembers(history, bucket);
    return {
      start: bucket.start,
      end: bucket.end,
      stages: open.map((stage) =>
        withRates(stage.id, countsOf(members.filter((member) => member.stageId === stage.id))),
      ),
    };
  });
}
