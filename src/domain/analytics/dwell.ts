import type { InstantRange } from './conversion.js';
import type { DealFact, DealHistory, StageVisit } from './facts.js';
import { secondsFromTo, summarize } from './percentiles.js';
import type { Summary } from './percentiles.js';

/**
 * Dwell time per open stage, over the visits that ENDED in the period (left_at in it), so a
 * period's figure never changes once the period is over and deals still sitting in a
 * stage do not drag it down with unfinished visits. Every visit counts, re-entries
 * included (a deal back in "propose" spends time there again); a RE-ENTRY is a visit with
 * an earlier visit of the same deal to the same stage (at any time, not only in the period;
 * of visits entered at the same instant, the one written first is the earlier).
 */
export interface EndedVisit {
  readonly deal: DealFact;
  readonly stageId: string;
  readonly seconds: number;
  readonly reentry: boolean;
}

export interface StageDwell extends Summary {
  readonly stageId: string;
  /** How many of the n visits were re-entries. */
  readonly reentries: number;
}

/** The visits to open stages of in-scope deals that ended in [start, end). */
export function endedVisits(history: DealHistory, range: InstantRange): EndedVisit[] {
  const open = new Set(history.stages.filter((s) => s.kind === 'open').map((s) => s.id));
  const dealById = new Map(history.deals.map((deal) => [deal.id, deal]));
  // The deal's first visit to each stage: the earliest entry, and of visits entered at the
  // same instant the one written first (the history's order; the SQL breaks ties by id).
  const firstVisit = new Map<string, StageVisit>();
  for (const visit of history.visits) {
    const key = `${visit.opportunityId}\u0000${visit.stageId}`;
    const seen = firstVisit.get(key);
    if (seen === undefined || visit.enteredAt < seen.enteredAt) firstVisit.set(key, visit);
  }
  const ended: EndedVisit[] = [];
  for (const visit of history.visits) {
    const deal = dealById.get(visit.opportunityId);
    if (!deal || !open.has(visit.stageId) || visit.leftAt === null) continue;
    if (visit.leftAt < range.start || visit.leftAt >= range.end) continue;
    const first = firstVisit.get(`${visit.opportunityId}\u0000${visit.stageId}`);
    ended.push({
      deal,
      stageId: visit.stageId,
      seconds: secondsFromTo(visit.enteredAt, visit.leftAt),
      reentry: first !== undefined && first !== visit,
    });
  }
  return ended;
}

export function stageDwell(stageId: string, visits: readonly EndedVisit[]): StageDwell {
  return {
    stageId,
    ...summarize(visits.map((visit) => visit.seconds)),
    reentries: visits.filter((visit) => visit.reentry).length,
  };
}

/** Per open stage, in pipeline order. */
export function dwellOf(history: DealHistory, range: InstantRange): StageDwell[] {
  const ended = endedVisits(history, range);
  return [...history.stages]
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position)
    .map((stage) =>
      stageDwell(
        stage.id,
        ended.filter((visit) => visit.stageId === stage.id),
      ),
    );
}
