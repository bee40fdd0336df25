import type { Approval, ApprovalKind, ApprovalStatus } from '../domain/approvals/approval.js';
import { mayDecide } from '../domain/approvals/approval.js';
import { cancelSteps, decideStep } from '../domain/approvals/chain.js';
import { DomainError, isDomainError, notFound, versionConflict } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listApprovals, toApproval, toApprovalRow } from '../store/approvals.repo.js';
import type { Page } from '../store/pagination.js';
import { can } from './access.js';
import { delegationRouter } from './approval-requests.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { opportunityStore } from './opportunity-store.js';
import { onQuoteApprovalDecided } from './quotes/quote-approval.js';
import { moveOpportunity } from './stage-moves.service.js';
import type { MoveOutcome } from './stage-moves.service.js';
import { tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export const approvalStore = tableStore('approval', 'approvals', toApproval, toApprovalRow);
export const approvalSorts = { createdAt: { key: 'createdAt', column: 'created_at' } } as const;

export interface ApprovalQuery {
  readonly status?: ApprovalStatus;
  readonly kind?: ApprovalKind;
  readonly opportunityId?: string;
  /** Only those waiting for me. */
  readonly mine?: boolean;
}

/** The approvals queue: mine to decide, or the history of one deal I can see. */
export async function listApprovalsPage(
  ctx: AppContext,
  principal: Principal,
  query: ApprovalQuery,
  list: ListInput<keyof typeof approvalSorts>,
): Promise<Page<Approval>> {
  if (query.opportunityId) await getEntity(ctx, principal, opportunityStore, query.opportunityId);
  else if (!query.mine && !can(principal, 'audit.read_all'))
    throw new DomainError('forbidden', { action: 'approvals.read_all' });
  return listApprovals(
    dbFor(ctx),
    principal.tenantId,
    {
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.opportunityId ? { opportunityId: query.opportunityId } : {}),
      ...(query.mine && principal.userId
        ? { decidableBy: { userId: principal.userId, admin: principal.role === 'admin' } }
        : {}),
    },
    pageQuery(list, approvalSorts),
  );
}

async function loadApproval(ctx: AppContext, principal: Principal, id: string): Promise<Approval> {
  const approval = await approvalStore.load(dbFor(ctx), principal.tenantId, id);
  if (!approval) throw notFound('approval');
  const decider =
    mayDecide(approval, principal.userId, principal.role) ||
    approval.requestedBy === principal.userId;
  if (!decider) await getEntity(ctx, principal, opportunityStore, approval.opportunityId);
  return approval;
}

export async function getApproval(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Approval> {
  return loadApproval(ctx, principal, id);
}

export interface Decision {
  readonly approval: Approval;
  /** On approval, the move it was waiting for (or why it could not happen now). */
  readonly move: MoveOutcome | { readonly status: 'failed'; readonly code: string } | null;
}

/**
 * Approve or reject the current step of a pending request. Rejecting at any step ends the
 * request; approving hands it to the next step of the chain (to that approver's delegate
 * while they are on leave); the last approval approves the request and triggers its
 * effect: a stage sign-off completes the move it waited for, acting as the approver (if
 * the deal changed meanwhile and the move is refused, the sign-off stands and the rep
 * moves the deal once the rest of the standard is met); a discount sign-off lets the deal
 * proceed; a rule's sign-off does nothing more.
 */
export async function decideApproval(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { version: number; approve: boolean; comment?: string | null },
): Promise<Decision> {
  const decided = await inTransaction(ctx, async (trx) => {
    const approval = await loadApproval(ctx, principal, id);
    // A stale version first: of two people deciding the same step, the later one learns
    // that someone else was quicker (409), not that they may not decide (403).
    if (approval.version !== input.version) throw versionConflict('approval');
    if (!mayDecide(approval, principal.userId, principal.role))
      throw new DomainError('forbidden', { action: 'approve' });
    const now = nowIso(ctx);
    const next = decideStep(approval, {
      approve: input.approve,
      userId: principal.userId,
      comment: input.comment?.trim() || null,
      now,
      delegateOf: await delegationRouter(trx, principal.tenantId, now),
    });
    if (!(await approvalStore.save(trx, principal.tenantId, next, approval.version)))
      throw versionConflict('approval');
    await recordAudit(trx, ctx, principal, {
      entityType: 'approval',
      entityId: id,
      action: 'update',
      before: approval,
      after: next,
    });
    // A quote's discount decision moves the quote in the same transaction.
    await onQuoteApprovalDecided(trx, ctx, principal, next);
    return next;
  });
  if (decided.status !== 'approved' || decided.kind !== 'stage') {
    return { approval: decided, move: null };
  }
  try {
    const deal = await opportunityStore.load(dbFor(ctx), principal.tenantId, decided.opportunityId);
    if (!deal) return { approval: decided, move: { status: 'failed', code: 'not_found' } };
    const move = await moveOpportunity(ctx, principal, deal.id, {
      version: deal.version,
      stageId: decided.request.toStageId,
      reason: decided.request.reason,
      ...(decided.request.review ? { review: decided.request.review } : {}),
    });
    return { approval: decided, move };
  } catch (error) {
    if (isDomainError(error))
      return { approval: decided, move: { status: 'failed', code: error.code } };
    throw error;
  }
}

/** The requester withdraws a pending request. */
export async function cancelApproval(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Approval> {
  return inTransaction(ctx, async (trx) => {
    const approval = await loadApproval(ctx, principal, id);
    if (
      approval.status !== 'pending' ||
      (approval.requestedBy !== principal.userId && principal.role !== 'admin')
    ) {
      throw new DomainError('forbidden', { action: 'cancel' });
    }
    if (approval.version !== version) throw versionConflict('approval');
    const now = nowIso(ctx);
    const next: Approval = {
      ...approval,
      status: 'cancelled',
      steps: cancelSteps(approval.steps),
      updatedAt: now,
      version: approval.version + 1,
    };
    if (!(await approvalStore.save(trx, principal.tenantId, next, approval.version)))
      throw versionConflict('approval');
    await recordAudit(trx, ctx, principal, {
      entityType: 'approval',
      entityId: id,
      action: 'update',
      before: approval,
      after: next,
    });
    await onQuoteApprovalDecided(trx, ctx, principal, next);
    return next;
  });
}
