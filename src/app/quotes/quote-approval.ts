import type { Kysely } from 'kysely';
import type { Approval } from '../../domain/approvals/approval.js';
import { discountNeedsApproval } from '../../domain/approvals/discount.js';
import { effectiveDiscountBp } from '../../domain/quotes/arithmetic.js';
import type { Quote } from '../../domain/quotes/quote.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { loadApprovalPolicy } from '../../store/approval-chains.repo.js';
import { toApproval } from '../../store/approvals.repo.js';
import { findQuote } from '../../store/quotes.repo.js';
import { findRow } from '../../store/rows.repo.js';
import type { Database } from '../../store/schema.js';
import { requestApproval, supersedeApproval } from '../approval-requests.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { saveQuoteAudited } from './quote-store.js';

/**
 * Quote discounts go through the shared approval service (docs/l2c/quotes.md): a `discount`
 * request carrying the quote's id, routed by the tenant's discount chain for the quote's net
 * amount. The deal's own discount rule ignores these requests and vice versa.
 */

/** The sign-off sending this quote needs, or null when its discount is within the threshold. */
export async function quoteDiscountCheck(
  db: Kysely<Database>,
  tenantId: string,
  quote: Quote,
): Promise<{ basisPoints: number; thresholdPercent: number } | null> {
  const { policy } = await loadApprovalPolicy(db, tenantId);
  const basisPoints = effectiveDiscountBp(quote);
  if (policy.discountThresholdPercent === null) return null;
  if (!discountNeedsApproval(basisPoints, policy.discountThresholdPercent)) return null;
  return { basisPoints, thresholdPercent: policy.discountThresholdPercent };
}

export function quoteLabel(quote: Pick<Quote, 'number' | 'revision'>): string {
  return `${quote.number} r${quote.revision}`;
}

export async function requestQuoteApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  quote: Quote,
  check: { basisPoints: number; thresholdPercent: number },
): Promise<Approval> {
  return requestApproval(trx, ctx, principal, {
    kind: 'discount',
    opportunityId: quote.opportunityId,
    discountBasisPoints: check.basisPoints,
    thresholdPercent: check.thresholdPercent,
    amountMinor: quote.netMinor,
    dedupeKey: `quote:${quote.id}`,
    quote: { id: quote.id, label: quoteLabel(quote) },
  });
}

/** Withdraws the pending request of a quote being superseded or expired. */
export async function withdrawQuoteApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  quote: Quote,
): Promise<void> {
  if (quote.approvalId === null) return;
  const row = await findRow(trx, 'approvals', principal.tenantId, quote.approvalId);
  const approval = row && toApproval(row);
  if (approval?.status === 'pending') await supersedeApproval(trx, ctx, principal, approval);
}

/**
 * The approval service's callback, in the decision's transaction: an approved quote
 * discount makes the quote `approved` (it may now be sent), a rejected or withdrawn one
 * sends it back to `draft`. A quote that moved on meanwhile (revised, expired) is left alone.
 */
export async function onQuoteApprovalDecided(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  approval: Approval,
): Promise<void> {
  if (approval.kind !== 'discount' || approval.request.quoteId === undefined) return;
  if (approval.status === 'pending') return;
  const quote = await findQuote(trx, principal.tenantId, approval.request.quoteId);
  if (!quote || quote.status !== 'pending_approval' || quote.approvalId !== approval.id) return;
  await saveQuoteAudited(trx, ctx, principal, quote, {
    ...quote,
    status: approval.status === 'approved' ? 'approved' : 'draft',
    updatedAt: nowIso(ctx),
  });
}
