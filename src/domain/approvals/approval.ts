/** A request for someone's sign-off: a gated stage move, a deep discount or a rule's ask. */
export const approvalStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

export const approvalKinds = ['stage', 'discount', 'rule'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];

export interface StageApprovalRequest {
  /** The move that waits for the decision. */
  readonly toStageId: string;
  readonly reason: string | null;
  /** Every stage on the way whose entry this sign-off covers. */
  readonly stageIds: readonly string[];
  /** The win review sent with a close that waits for sign-off, written when it completes. */
  readonly review?: {
    readonly reasons: readonly string[];
    readonly competitor: string | null;
    readonly notes: string | null;
  };
}

/**
 * The deal's overall discount when asked, in basis points of its gross (1% = 100). With a
 * `quoteId` it is the discount of that quote revision (docs/l2c/quotes.md): it clears that
 * quote for sending and says nothing about the deal's own product lines.
 */
export interface DiscountApprovalRequest {
  readonly discountBasisPoints: number;
  readonly thresholdPercent: number;
  readonly quoteId?: string;
  /** The quote's number and revision as shown to the approver, e.g. "Q-000042 r2". */
  readonly quoteLabel?: string;
}

/** Whether a discount request is about a quote rather than the deal's own lines. */
export function isQuoteDiscount(request: DiscountApprovalRequest): boolean {
  return request.quoteId !== undefined;
}

/** A sign-off an automation rule asked for; it blocks nothing by itself. */
export interface RuleApprovalRequest {
  readonly title: string;
}

export const stepStatuses = ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** One link of the chain, with its decision once made. */
export interface ApprovalStep {
  readonly position: number;
  /** The person the chain asks; null when any admin may decide. */
  readonly approverId: string | null;
  readonly approverRole: 'admin' | null;
  /** Who the step went to instead, while `approverId` is on leave. */
  readonly delegateId: string | null;
  readonly status: StepStatus;
  readonly decidedBy: string | null;
  /** Set when the decider was not the person asked (their delegate, or an admin). */
  readonly onBehalfOf: string | null;
  readonly comment: string | null;
  readonly decidedAt: string | null;
}

interface ApprovalBase {
  readonly id: string;
  readonly opportunityId: string;
  readonly stageId: string | null;
  readonly requestedBy: string | null;
  /** Who the current step waits for (its delegate when there is one); mirrors the step. */
  readonly approverId: string | null;
  readonly approverRole: 'admin' | null;
  readonly status: ApprovalStatus;
  /** What the chain was chosen by: the deal's amount, or the amount asked about. */
  readonly amountMinor: number | null;
  /** Asking again with the same key while pending returns the pending one. */
  readonly dedupeKey: string | null;
  readonly currentStep: number;
  readonly steps: readonly ApprovalStep[];
  readonly comment: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export type Approval = ApprovalBase &
  (
    | { readonly kind: 'stage'; readonly request: StageApprovalRequest }
    | { readonly kind: 'discount'; readonly request: DiscountApprovalRequest }
    | { readonly kind: 'rule'; readonly request: RuleApprovalRequest }
  );

/** The step waiting for a decision, if the approval is still open. */
export function currentStep(approval: Approval): ApprovalStep | undefined {
  if (approval.status !== 'pending') return undefined;
  return approval.steps[approval.currentStep];
}

/**
 * Who may decide: the person the current step asks, their delegate, or any admin (admins
 * can always unblock a deal).
 */
export function mayDecide(approval: Approval, userId: string | null, role: string): boolean {
  const step = currentStep(approval);
  if (!step) return false;
  if (role === 'admin') return true;
  if (userId === null) return false;
  return step.approverId === userId || step.delegateId === userId;
}
