import { DomainError } from '../errors.js';
import type { OpportunityStatus } from '../opportunities/opportunity.js';
import type { Stage } from './pipeline.js';

export interface StageMoveRequest {
  readonly from: Stage;
  readonly to: Stage;
  readonly reason: string | null;
  readonly now: string;
}

export interface StageMoveDecision {
  readonly status: OpportunityStatus;
  readonly closedAt: string | null;
  readonly direction: 'forward' | 'backward' | 'close' | 'reopen';
}

/**
 * Decides what a stage move means for the opportunity. Gate criteria arrive with the
 * pipeline engine; the rules here are the ones every pipeline shares: entering a won or lost
 * stage closes the deal, leaving one reopens it, and going backwards or reopening must be
 * explained, because those moves are what managers question in a pipeline review.
 */
export function decideStageMove({ from, to, reason, now }: StageMoveRequest): StageMoveDecision {
  const explained = reason !== null && reason.trim() !== '';
  if (to.kind !== 'open') {
    return { status: to.kind, closedAt: now, direction: 'close' };
  }
  if (from.kind !== 'open') {
    if (!explained) throw new DomainError('backward_move_needs_reason');
    return { status: 'open', closedAt: null, direction: 'reopen' };
  }
  if (to.position < from.position) {
    if (!explained) throw new DomainError('backward_move_needs_reason');
    return { status: 'open', closedAt: null, direction: 'backward' };
  }
  return { status: 'open', closedAt: null, direction: 'forward' };
}
