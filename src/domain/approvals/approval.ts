/** A request for someone's sign-off; the pipeline engine uses it for gated stages. */
export const approvalStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

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

export interface Approval {
  readonly id: string;
  readonly opportunityId: string;
  readonly kind: 'stage';
  readonly stageId: string | null;
  readonly requestedBy: string | null;
  /** The person asked; null when any holder of `approverRole` may decide. */
  readonly approverId: string | null;
  readonly approverRole: 'admin' | null;
  readonly status: ApprovalStatus;
  readonly request: StageApprovalRequest;
  readonly comment: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Who may decide: the person asked, or any admin (admins can always unblock a deal). */
export function mayDecide(approval: Approval, userId: string | null, role: string): boolean {
  if (approval.status !== 'pending') return false;
  if (role === 'admin') return true;
  return approval.approverId !== null && approval.approverId === userId;
}
