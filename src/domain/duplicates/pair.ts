import type { MatchKind } from './match-keys.js';
import type { PairType, RecordRef } from './pair-rules.js';

/** open: waiting for review; merged: one record absorbed the other; dismissed: not duplicates. */
export const pairStatuses = ['open', 'merged', 'dismissed'] as const;
export type PairStatus = (typeof pairStatuses)[number];

/** A candidate pair in the review queue. */
export interface DuplicatePair {
  readonly id: string;
  readonly type: PairType;
  readonly left: RecordRef;
  readonly right: RecordRef;
  /** What the two share, strongest first. */
  readonly reasons: readonly MatchKind[];
  readonly status: PairStatus;
  /** Why it was dismissed (or a remark on the merge). */
  readonly note: string | null;
  /** For merged pairs: the record that remains. */
  readonly survivorId: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** A pair to record: ordered (see `orderPair`) and with its reasons. */
export interface CandidatePair {
  readonly left: RecordRef;
  readonly right: RecordRef;
  readonly reasons: readonly MatchKind[];
}
