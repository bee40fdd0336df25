import type { DealFact, DealHistory, StageFact, StageVisit } from './facts.js';

/**
 * The pipeline-change waterfall between the start and the end of a period: how the open
 * pipeline standing at the start became the one standing at the end. Every deal is judged
 * by where it stood at the two instants (its stage-history interval then, the amount as it
 * was then — the funnel's rule — and its expected close date as it was then):
 *
 *   starting  deals open at the start, with their amounts then;
 * + new       deals not open at the start that entered an open stage during the period
 *             (created, or reopened): with the amount at the end, or at closing if they
 *             closed within the period — such a deal is counted in new AND in won/lost;
 * − won       deals open at the start or new, standing in a won stage at the end, with the
 *             amount they closed with;
 * − lost      the same for every other deal no longer open at the end (a lost stage, or,
 *             in damaged histories, no stage at all), amount at closing;
 * ± amount    for deals open at the start: amount at the end (or at closing) minus the
 *   changes   amount at the start; new deals enter at their final amount, so add nothing;
 * = ending    deals open at the end, with their amounts then.
 *
 * So starting + new − won − lost + amount changes = ending, in count (amount changes carry
 * no count in the sum) and in amount, for every history. Movements inside the pipeline are
 * reported beside the waterfall, not in it, because they change no total: of the deals open
 * at both ends, those standing at a higher stage position at the end (advanced), a lower
 * one (moved back), and those whose expected close date at the start lay inside the period
 * and at the end lies after it (slipped), each counted once with its amount at the end.
 */
export interface Flow {
  readonly count: number;
  readonly amountMinor: number;
}

export interface AmountChanges {
  /** Deals of the starting pipeline whose amount differed at the end (or at closing). */
  readonly count: number;
  /** Net change, signed: increaseMinor − decreaseMinor. */
  readonly amountMinor: number;
  readonly increaseMinor: number;
  readonly decreaseMinor: number;
}

export interface PipelineChangesFigures {
  readonly starting: Flow;
  readonly new: Flow;
  readonly won: Flow;
  readonly lost: Flow;
  readonly amountChanges: AmountChanges;
  readonly ending: Flow;
  readonly advanced: Flow;
  readonly movedBack: Flow;
  readonly slipped: Flow;
}

export interface PipelineChangesQuestion {
  /** UTC instants: the period is [start, end). */
  readonly start: string;
  readonly end: string;
  /** The same period as local dates (inclusive), for the close-date test of slipping. */
  readonly from: string;
  readonly to: string;
}

interface Standing {
  readonly stage: StageFact;
  readonly amount: number;
}

/** The stage interval a deal stood in at `at` (entered before it, not left before it). */
function standingAt(
  history: DealHistory,
  stages: ReadonlyMap<string, StageFact>,
  visits: readonly StageVisit[],
  at: string,
): Standing | null {
  let found: StageVisit | null = null;
  for (const visit of visits) {
    if (!stages.has(visit.stageId) || visit.enteredAt >= at) continue;
    if (visit.leftAt !== null && visit.leftAt < at) continue;
    if (found === null || visit.enteredAt > found.enteredAt) found = visit;
  }
  if (found === null) return null;
  const stage = stages.get(found.stageId);
  if (!stage) return null;
  // The funnel's rule: the latest amount change inside the interval before `at`.
  let latest: { at: string; amount: number } | null = null;
  for (const change of history.changes) {
    if (change.opportunityId !== found.opportunityId || change.field !== 'amount') continue;
    if (change.changedAt < found.enteredAt || change.changedAt >= at) continue;
    if (latest === null || change.changedAt > latest.at)
      latest = { at: change.changedAt, amount: change.toAmountMinor ?? 0 };
  }
  return { stage, amount: latest?.amount ?? found.amountMinor };
}

/** The expected close date at `at`: the latest change before it, else the first change's old value, else today's. */
export function closeDateAt(history: DealHistory, deal: DealFact, at: string): string | null {
  const changes = history.changes
    .filter((change) => change.opportunityId === deal.id && change.field === 'close_date')
    .sort((a, b) => (a.changedAt < b.changedAt ? -1 : a.changedAt > b.changedAt ? 1 : 0));
  const before = changes.filter((change) => change.changedAt < at);
  const last = before[before.length - 1];
  if (last) return last.toDate;
  const first = changes[0];
  return first ? first.fromDate : deal.expectedCloseDate;
}

const add = (flow: { count: number; amountMinor: number }, amount: number) => {
  flow.count += 1;
  flow.amountMinor += amount;
};

export function pipelineChangesOf(
  history: DealHistory,
  question: PipelineChangesQuestion,
): PipelineChangesFigures {
  const stages = new Map(history.stages.map((stage) => [stage.id, stage]));
  const visitsOf = new Map<string, StageVisit[]>();
  for (const visit of history.visits)
    visitsOf.set(visit.opportunityId, [...(visitsOf.get(visit.opportunityId) ?? []), visit]);
  const zero = () => ({ count: 0, amountMinor: 0 });
  const f = {
    starting: zero(),
    new: zero(),
    won: zero(),
    lost: zero(),
    ending: zero(),
    advanced: zero(),
    movedBack: zero(),
    slipped: zero(),
  };
  const changes = { count: 0, amountMinor: 0, increaseMinor: 0, decreaseMinor: 0 };
  for (const deal of history.deals) {
    const visits = visitsOf.get(deal.id) ?? [];
    const atStart = standingAt(history, stages, visits, question.start);
    const atEnd = standingAt(history, stages, visits, question.end);
    const openAtStart = atStart?.stage.kind === 'open';
    const openAtEnd = atEnd?.stage.kind === 'open';
    const enteredOpen = visits.some(
      (visit) =>
        stages.get(visit.stageId)?.kind === 'open' &&
        visit.enteredAt >= question.start &&
        visit.enteredAt < question.end,
    );
    if (!openAtStart && !enteredOpen) continue;
    // At the end, or at closing: a deal no longer standing anywhere keeps today's amount.
    const finalAmount = atEnd?.amount ?? deal.amountMinor;
    if (openAtStart && atStart) add(f.starting, atStart.amount);
    else add(f.new, finalAmount);
    if (openAtEnd) add(f.ending, finalAmount);
    else add(atEnd?.stage.kind === 'won' ? f.won : f.lost, finalAmount);
    if (!openAtStart || !atStart) continue;
    const delta = finalAmount - atStart.amount;
    if (delta !== 0) {
      changes.count += 1;
      changes.amountMinor += delta;
      if (delta > 0) changes.increaseMinor += delta;
      else changes.decreaseMinor -= delta;
    }
    if (!openAtEnd || !atEnd) continue;
    if (atEnd.stage.position > atStart.stage.position) add(f.advanced, finalAmount);
    if (atEnd.stage.position < atStart.stage.position) add(f.movedBack, finalAmount);
    const before = closeDateAt(history, deal, question.start);
    const after = closeDateAt(history, deal, question.end);
    if (
      before !== null &&
      before >= question.from &&
      before <= question.to &&
      after !== null &&
      after > question.to
    )
      add(f.slipped, finalAmount);
  }
  return { ...f, amountChanges: changes };
}
