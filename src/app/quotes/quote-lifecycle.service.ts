import type { Kysely } from 'kysely';
import { DomainError, isDomainError, versionConflict } from '../../domain/errors.js';
import type { Quote } from '../../domain/quotes/quote.js';
import { assertQuoteAction, isQuoteExpired } from '../../domain/quotes/status.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { lapsedQuotes, lockDealQuotes, quotesOfDeal } from '../../store/quotes.repo.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { opportunityStore } from '../opportunity-store.js';
import { updateOpportunity } from '../opportunities.service.js';
import { tenantToday } from '../tenant-today.js';
import { dbFor, inTransaction } from '../transaction.js';
import {
  quoteDiscountCheck,
  requestQuoteApproval,
  withdrawQuoteApproval,
} from './quote-approval.js';
import { loadVisibleQuote, saveQuoteAudited } from './quote-store.js';

async function loadForAction(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  version: number,
): Promise<Quote> {
  const quote = await loadVisibleQuote(trx, principal, id);
  if (quote.version !== version) throw versionConflict('quote');
  return quote;
}

/**
 * Sends a quote to the customer. A discount above the tenant's threshold needs sign-off
 * first: sending such a draft opens (or keeps) the discount request through the shared
 * approval service and parks the quote in `pending_approval`; once approved, sending again
 * sends it. A lapsed quote cannot be sent (revise it with a new validity).
 */
export async function sendQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const quote = await loadForAction(trx, principal, id, version);
    assertQuoteAction(quote.status, 'send');
    if (isQuoteExpired(quote.validUntil, await tenantToday(trx, ctx, principal.tenantId))) {
      throw new DomainError('quote_expired');
    }
    if (quote.lines.length === 0) {
      throw new DomainError('validation_failed', {}, [
        { path: 'lines', code: 'required', message: 'a quote needs at least one line to be sent' },
      ]);
    }
    const now = nowIso(ctx);
    if (quote.status === 'draft') {
      const check = await quoteDiscountCheck(trx, principal.tenantId, quote);
      if (check) {
        const approval = await requestQuoteApproval(trx, ctx, principal, quote, check);
        return saveQuoteAudited(trx, ctx, principal, quote, {
          ...quote,
          status: 'pending_approval',
          approvalId: approval.id,
          updatedAt: now,
        });
      }
    }
    return saveQuoteAudited(trx, ctx, principal, quote, {
      ...quote,
      status: 'sent',
      sentAt: now,
      updatedAt: now,
    });
  });
}

/**
 * The customer accepted a sent quote. Only one quote per deal can be accepted: accepting a
 * newer revision of the accepted quote supersedes it, accepting a different quote is refused
 * (409 `quote_already_accepted`). The deal's amount becomes the quote's total net of tax
 * (tax is collected for the state, not revenue; contracts are net too), through the ordinary
 * deal update so history, audit and automation see the change.
 */
export async function acceptQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const quote = await loadForAction(trx, principal, id, version);
    assertQuoteAction(quote.status, 'accept');
    if (isQuoteExpired(quote.validUntil, await tenantToday(trx, ctx, principal.tenantId))) {
      throw new DomainError('quote_expired');
    }
    const now = nowIso(ctx);
    await lockDealQuotes(trx, principal.tenantId, quote.opportunityId);
    const accepted = await quotesOfDeal(trx, principal.tenantId, quote.opportunityId, 'accepted');
    for (const other of accepted) {
      if (other.number !== quote.number) throw new DomainError('quote_already_accepted');
      await saveQuoteAudited(trx, ctx, principal, other, {
        ...other,
        status: 'superseded',
        updatedAt: now,
      });
    }
    const saved = await saveQuoteAudited(trx, ctx, principal, quote, {
      ...quote,
      status: 'accepted',
      acceptedAt: now,
      decidedAt: now,
      updatedAt: now,
    });
    const deal = await opportunityStore.load(trx, principal.tenantId, quote.opportunityId);
    if (!deal) throw versionConflict('opportunity');
    const amount = { amountMinor: quote.netMinor, currency: quote.currency };
    if (
      deal.amount.amountMinor !== amount.amountMinor ||
      deal.amount.currency !== amount.currency
    ) {
      await updateOpportunity(ctx, principal, deal.id, { version: deal.version, amount });
    }
    return saved;
  });
}

/** The customer declined a sent quote; revise it to offer again. */
export async function rejectQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const quote = await loadForAction(trx, principal, id, version);
    assertQuoteAction(quote.status, 'reject');
    const now = nowIso(ctx);
    return saveQuoteAudited(trx, ctx, principal, quote, {
      ...quote,
      status: 'rejected',
      decidedAt: now,
      updatedAt: now,
    });
  });
}

/**
 * Marks a quote whose validity has passed as `expired` (withdrawing a pending discount
 * request). Refused while it is still valid.
 */
export async function expireQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const quote = await loadForAction(trx, principal, id, version);
    assertQuoteAction(quote.status, 'expire');
    if (!isQuoteExpired(quote.validUntil, await tenantToday(trx, ctx, principal.tenantId))) {
      throw new DomainError('quote_status', { status: quote.status });
    }
    if (quote.status === 'pending_approval')
      await withdrawQuoteApproval(trx, ctx, principal, quote);
    const now = nowIso(ctx);
    return saveQuoteAudited(trx, ctx, principal, quote, {
      ...quote,
      status: 'expired',
      decidedAt: now,
      updatedAt: now,
    });
  });
}

/**
 * Expires up to `limit` quotes of the tenant whose validity has passed (the `quote_expiry`
 * job and `pipewright quote expire-lapsed`), one quote per transaction; a quote someone
 * changed in the meantime, or beyond the limit, is left for the next run. Returns how many
 * were expired.
 */
export async function expireLapsedQuotes(
  ctx: AppContext,
  principal: Principal,
  options: { limit?: number } = {},
): Promise<number> {
  authorize(principal, 'opportunities.write');
  const db = dbFor(ctx);
  const today = await tenantToday(db, ctx, principal.tenantId);
  let expired = 0;
  const lapsed = await lapsedQuotes(db, principal.tenantId, today, options.limit ?? 1_000);
  for (const quote of lapsed) {
    try {
      await expireQuote(ctx, principal, quote.id, quote.version);
      expired += 1;
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'version_conflict') throw error;
    }
  }
  return expired;
}
