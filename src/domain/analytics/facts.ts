import type { StageKind } from '../pipeline/pipeline.js';

/**
 * The plain data the reference implementations in this folder take: what a report would
 * see if it loaded every row into memory. The SQL versions in `store/analytics` must give
 * the same answers on the same data (test/analytics checks it on both databases); the
 * reference is the specification, the SQL is what runs.
 */
export interface DealFact {
  readonly id: string;
  readonly ownerId: string;
  readonly accountId: string;
  readonly stageId: string;
  readonly status: 'open' | 'won' | 'lost';
  readonly amountMinor: number;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly expectedCloseDate: string | null;
  readonly source: string | null;
  readonly sourceLeadId: string | null;
}

/** One interval a deal spent in a stage (`stage_history`). */
export interface StageVisit {
  readonly opportunityId: string;
  readonly stageId: string;
  readonly fromStageId: string | null;
  readonly enteredAt: string;
  readonly leftAt: string | null;
  /** The deal's amount when it entered the stage. */
  readonly amountMinor: number;
}

/** A change of amount or expected close date (`deal_changes`). */
export interface DealChange {
  readonly opportunityId: string;
  readonly field: 'amount' | 'close_date';
  readonly fromAmountMinor: number | null;
  readonly toAmountMinor: number | null;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly changedAt: string;
}

export interface StageFact {
  readonly id: string;
  readonly key: string;
  readonly position: number;
  readonly kind: StageKind;
  /** Percent, 0–100. */
  readonly probability: number;
}

/** Everything in scope for one report: one pipeline, one currency, visible deals only. */
export interface DealHistory {
  readonly stages: readonly StageFact[];
  readonly deals: readonly DealFact[];
  readonly visits: readonly StageVisit[];
  readonly changes: readonly DealChange[];
}

/**
 * A probability-weighted total: Σ(amount × probability%) rounded once, at the end, so the
 * SQL (which sums the integer products) and the reference agree to the minor unit.
 */
export function weightedTotal(amountTimesPercent: number): number {
  return Math.round(amountTimesPercent / 100);
}
