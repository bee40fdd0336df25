import type { Kysely } from 'kysely';
import type { Approval } from '../domain/approvals/approval.js';
import { isQuoteDiscount } from '../domain/approvals/approval.js';
import { discountBasisPoints, discountNeedsApproval } from '../domain/approvals/discount.js';
import { DomainError } from '../domain/errors.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { Stage } from '../domain/pipeline/pipeline.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { loadApprovalPolicy } from '../store/approval-chains.repo.js';
import { approvalsOfKind } from '../store/approvals.repo.js';
import type { Database } from '../store/schema.js';
import { requestApprovalOn, supersedeApproval } from './approval-requests.js';
import type { AppContext } from './context.js';

/**
 * Discount approvals (docs/approvals.md): a rep may save any lines, but a deal whose
 * overall discount is above the tenant's threshold cannot move forward or close as won
 * until someone up the chain approves that discount (or a deeper one). Saving the lines
 * asks for the sign-off; lines that no longer need it withdraw the pending ask.
 */

/** The deepest discount approved on the deal so far, in basis points (-1: none). */
async function approvedUpTo(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<number> {
  const approved = await approvalsOfKind(db, tenantId, opportunityId, 'discount', 'approved');
  return Math.max(
    -1,
    ...approved.map((approval) =>
      approval.kind === 'discount' && !isQuoteDiscount(approval.request)
        ? approval.request.discountBasisPoints
        : -1,
    ),
  );
}

/**
 * After a deal's lines were saved: opens (or keeps) the discount approval they need, and
 * withdraws pending ones for a discount no longer asked. Returns the pending approval.
 */
export async function syncDiscountApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  deal: Opportunity,
): Promise<Approval | null> {
  const { policy } = await loadApprovalPolicy(trx, principal.tenantId);
  const basisPoints = discountBasisPoints(deal.products);
  // A quote's discount request (docs/l2c/quotes.md) is the quote's business, not the lines'.
  const pending = (
    await approvalsOfKind(trx, principal.tenantId, deal.id, 'discount', 'pending')
  ).filter((approval) => approval.kind === 'discount' && !isQuoteDiscount(approval.request));
  const needed =
    discountNeedsApproval(basisPoints, policy.discountThresholdPercent) &&
    (await approvedUpTo(trx, principal.tenantId, deal.id)) < basisPoints;
  const dedupeKey = `discount:${basisPoints}`;
  for (const stale of pending) {
    if (!needed || stale.dedupeKey !== dedupeKey)
      await supersedeApproval(trx, ctx, principal, stale);
  }
  if (!needed || policy.discountThresholdPercent === null) return null;
  return requestApprovalOn(trx, ctx, principal, deal, {
    kind: 'discount',
    opportunityId: deal.id,
    discountBasisPoints: basisPoints,
    thresholdPercent: policy.discountThresholdPercent,
    amountMinor: null,
    dedupeKey,
  });
}

/**
 * Refuses a forward move or a win while the deal's discount waits for sign-off (422
 * `discount_approval_required`); moving back or closing as lost is always allowed.
 */
export async function assertDiscountCleared(
  db: Kysely<Database>,
  tenantId: string,
  deal: Opportunity,
  from: Stage,
  to: Stage,
): Promise<void> {
  const forward = to.kind === 'won' || (to.kind === 'open' && to.position > from.position);
  if (!forward) return;
  const { policy } = await loadApprovalPolicy(db, tenantId);
  const basisPoints = discountBasisPoints(deal.products);
  if (!discountNeedsApproval(basisPoints, policy.discountThresholdPercent)) return;
  if ((await approvedUpTo(db, tenantId, deal.id)) >= basisPoints) return;
  throw new DomainError('discount_approval_required', {
    percent: basisPoints / 100,
    threshold: policy.discountThresholdPercent ?? 0,
  });
}
