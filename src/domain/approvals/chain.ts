import type { Approval, ApprovalStep } from './approval.js';

/** A resolved link: the person asked, or null for any admin. */
export interface ResolvedApprover {
  readonly approverId: string | null;
}

/**
 * The steps of a new chain. Consecutive links that land on the same person (a manager who
 * is also the director, two links falling back to admin) are asked once.
 */
export function buildSteps(approvers: readonly ResolvedApprover[]): ApprovalStep[] {
  const unique = approvers.filter(
    (approver, index) => index === 0 || approvers[index - 1]?.approverId !== approver.approverId,
  );
  return unique.map((approver, position) => ({
    position,
    approverId: approver.approverId,
    approverRole: approver.approverId === null ? 'admin' : null,
    delegateId: null,
    status: position === 0 ? 'pending' : 'waiting',
    decidedBy: null,
    onBehalfOf: null,
    comment: null,
    decidedAt: null,
  }));
}

/** An active leave: `userId`'s steps go to `delegateId`. */
export interface ActiveDelegation {
  readonly userId: string;
  readonly delegateId: string;
}

const MAX_HOPS = 5;

/**
 * Where a step asking `approverId` goes: to their delegate, and on to the delegate's
 * delegate when that person is away too, but never round in a circle (A→B→A stays with
 * B) and never past a few hops. Null when no one stands in.
 */
export function delegateFor(
  approverId: string | null,
  delegations: ReadonlyMap<string, ActiveDelegation>,
): string | null {
  if (approverId === null) return null;
  const seen = new Set([approverId]);
  let current = approverId;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const next = delegations.get(current)?.delegateId;
    if (next === undefined || seen.has(next)) break;
    seen.add(next);
    current = next;
  }
  return current === approverId ? null : current;
}

export interface StepDecision {
  readonly approve: boolean;
  readonly userId: string | null;
  readonly comment: string | null;
  readonly now: string;
  /** Who the next step goes to, given the leaves in force now. */
  readonly delegateOf: (approverId: string | null) => string | null;
}

/**
 * Applies a decision to the current step: a rejection ends the chain, an approval hands
 * it to the next step (routed to a delegate if that approver is away), and the last
 * approval approves the whole request. The caller has checked the decider may decide.
 */
export function decideStep(approval: Approval, decision: StepDecision): Approval {
  const index = approval.currentStep;
  const step = approval.steps[index];
  if (!step || approval.status !== 'pending') return approval;
  const decided: ApprovalStep = {
    ...step,
    status: decision.approve ? 'approved' : 'rejected',
    decidedBy: decision.userId,
    onBehalfOf: decision.userId !== step.approverId ? step.approverId : null,
    comment: decision.comment,
    decidedAt: decision.now,
  };
  const following = approval.steps[index + 1];
  const advancing = decision.approve && following !== undefined;
  const steps = approval.steps.map((candidate, position): ApprovalStep => {
    if (position === index) return decided;
    if (position < index) return candidate;
    if (advancing && position === index + 1) {
      return {
        ...candidate,
        status: 'pending',
        delegateId: decision.delegateOf(candidate.approverId),
      };
    }
    return decision.approve ? candidate : { ...candidate, status: 'cancelled' };
  });
  const base = { ...approval, steps, updatedAt: decision.now, version: approval.version + 1 };
  if (advancing) {
    const next = steps[index + 1] as ApprovalStep;
    return {
      ...base,
      currentStep: index + 1,
      approverId: next.delegateId ?? next.approverId,
      approverRole: next.approverRole,
    };
  }
  return {
    ...base,
    status: decision.approve ? 'approved' : 'rejected',
    comment: decision.comment,
    decidedBy: decision.userId,
    decidedAt: decision.now,
  };
}

/** Closes the open steps of a withdrawn or superseded request. */
export function cancelSteps(steps: readonly ApprovalStep[]): ApprovalStep[] {
  return steps.map((step) =>
    step.status === 'pending' || step.status === 'waiting'
      ? { ...step, status: 'cancelled' }
      : step,
  );
}
