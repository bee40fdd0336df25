import type { Kysely } from 'kysely';
import { DomainError, versionConflict } from '../../domain/errors.js';
import type { CurrencyCode } from '../../domain/money.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import { effectiveDiscountBp } from '../../domain/quotes/arithmetic.js';
import type { Quote } from '../../domain/quotes/quote.js';
import { assertQuoteAction, formatQuoteNumber } from '../../domain/quotes/status.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { nextQuoteSequence, quotesOfDeal, revisionsOf } from '../../store/quotes.repo.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { getEntity } from '../entity.js';
import { opportunityStore } from '../opportunity-store.js';
import { dbFor, inTransaction } from '../transaction.js';
import { withdrawQuoteApproval } from './quote-approval.js';
import { priceQuoteLines, repriceLines } from './quote-lines.js';
import type { PricedLines, QuoteLineInput } from './quote-lines.js';
import { insertQuoteAudited, loadVisibleQuote, saveQuoteAudited } from './quote-store.js';

/** What a rep sets on a draft; the figures are always computed, never taken from input. */
export interface QuoteDraftInput {
  /** Defaults to the deal's currency. */
  readonly currency?: CurrencyCode;
  readonly priceBookId?: string | null;
  readonly validUntil?: string | null;
  readonly overallDiscountBp?: number;
  readonly notes?: string | null;
  readonly lines: readonly QuoteLineInput[];
}

export type QuotePatch = Partial<QuoteDraftInput> & { readonly version: number };

async function openDeal(ctx: AppContext, principal: Principal, id: string): Promise<Opportunity> {
  const deal = await getEntity(ctx, principal, opportunityStore, id);
  if (deal.status !== 'open') throw new DomainError('opportunity_closed');
  return deal;
}

function withFigures(
  quote: Omit<Quote, keyof PricedLines['totals'] | 'lines' | 'version'>,
  priced: PricedLines,
): Omit<Quote, 'version'> {
  return { ...quote, ...priced.totals, lines: priced.lines };
}

/** Creates revision 1 of a new quote number for an open deal. */
export async function createQuote(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: QuoteDraftInput,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const deal = await openDeal(ctx, principal, opportunityId);
    const currency = input.currency ?? deal.amount.currency;
    const priceBookId = input.priceBookId ?? null;
    const overallDiscountBp = input.overallDiscountBp ?? 0;
    const priced = await priceQuoteLines(
      trx,
      principal.tenantId,
      { currency, priceBookId, overallDiscountBp, lines: input.lines },
      ctx.newId,
    );
    const now = nowIso(ctx);
    const quote: Quote = {
      ...withFigures(
        {
          id: ctx.newId(),
          opportunityId: deal.id,
          number: formatQuoteNumber(await nextQuoteSequence(trx, principal.tenantId)),
          revision: 1,
          status: 'draft',
          currency,
          priceBookId,
          validUntil: input.validUntil ?? null,
          overallDiscountBp,
          approvalId: null,
          sentAt: null,
          acceptedAt: null,
          decidedAt: null,
          notes: input.notes ?? null,
          createdBy: principal.userId ?? 'system',
          createdAt: now,
          updatedAt: now,
        },
        priced,
      ),
      version: 1,
    };
    await insertQuoteAudited(trx, ctx, principal, quote);
    return quote;
  });
}

/**
 * Edits a draft (409 when stale or no longer a draft). Sent `lines` are priced afresh (a
 * catalogue line at the book's current price); without them the stored lines keep their
 * prices and only the overall discount, validity and notes change.
 */
export async function updateQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: QuotePatch,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const current = await loadVisibleQuote(trx, principal, id);
    if (current.version !== version) throw versionConflict('quote');
    assertQuoteAction(current.status, 'edit');
    const currency = patch.currency ?? current.currency;
    const priceBookId = patch.priceBookId === undefined ? current.priceBookId : patch.priceBookId;
    const overallDiscountBp = patch.overallDiscountBp ?? current.overallDiscountBp;
    if (
      patch.lines === undefined &&
      (currency !== current.currency || priceBookId !== current.priceBookId)
    ) {
      // Stored prices are in the old currency / book: a new one needs the lines sent again.
      throw new DomainError('validation_failed', {}, [
        {
          path: 'lines',
          code: 'required',
          message: 'send the lines again with a new currency or price book',
        },
      ]);
    }
    const priced =
      patch.lines === undefined
        ? repriceLines(current.lines, overallDiscountBp, ctx.newId)
        : await priceQuoteLines(
            trx,
            principal.tenantId,
            { currency, priceBookId, overallDiscountBp, lines: patch.lines },
            ctx.newId,
          );
    return saveQuoteAudited(
      trx,
      ctx,
      principal,
      current,
      {
        ...withFigures(
          {
            ...current,
            currency,
            priceBookId,
            overallDiscountBp,
            validUntil: patch.validUntil === undefined ? current.validUntil : patch.validUntil,
            notes: patch.notes === undefined ? current.notes : patch.notes,
            updatedAt: nowIso(ctx),
          },
          priced,
        ),
      },
      { replaceLines: true },
    );
  });
}

/**
 * Starts the next revision of a quote from this one: the lines are copied as they are
 * (product, prices, discounts), the new revision is a draft, and the one it replaces is
 * `superseded` unless the customer accepted it (an accepted revision stays accepted until
 * the new one is accepted). Only the newest revision can be revised.
 */
export async function reviseQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Quote> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const current = await loadVisibleQuote(trx, principal, id);
    if (current.version !== version) throw versionConflict('quote');
    assertQuoteAction(current.status, 'revise');
    await openDeal(ctx, principal, current.opportunityId);
    const newest = (await revisionsOf(trx, principal.tenantId, current.number))[0];
    if (newest && newest.id !== current.id)
      throw new DomainError('quote_status', { status: 'superseded' });
    const now = nowIso(ctx);
    if (current.status !== 'accepted') {
      if (current.status === 'pending_approval')
        await withdrawQuoteApproval(trx, ctx, principal, current);
      await saveQuoteAudited(trx, ctx, principal, current, {
        ...current,
        status: 'superseded',
        updatedAt: now,
      });
    }
    const revision: Quote = {
      ...current,
      id: ctx.newId(),
      revision: current.revision + 1,
      status: 'draft',
      approvalId: null,
      sentAt: null,
      acceptedAt: null,
      decidedAt: null,
      createdBy: principal.userId ?? 'system',
      createdAt: now,
      updatedAt: now,
      version: 1,
      lines: current.lines.map((line) => ({ ...line, id: ctx.newId() })),
    };
    await insertQuoteAudited(trx, ctx, principal, revision);
    return revision;
  });
}

export async function getQuote(ctx: AppContext, principal: Principal, id: string): Promise<Quote> {
  authorize(principal, 'opportunities.read');
  return loadVisibleQuote(dbFor(ctx), principal, id);
}

/** Every quote and revision of a deal, newest number first. */
export async function listDealQuotes(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<Quote[]> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
  return quotesOfDeal(dbFor(ctx), principal.tenantId, opportunityId);
}

export interface QuotePreview extends PricedLines {
  /** The quote's effective discount against its gross, basis points (rounded down). */
  readonly effectiveDiscountBp: number;
}

/**
 * Prices lines without saving anything, so the editor shows exactly the figures the server
 * will store (the arithmetic exists once, in the domain).
 */
export async function previewQuote(
  ctx: AppContext,
  principal: Principal,
  input: QuoteDraftInput & { readonly currency: CurrencyCode },
): Promise<QuotePreview> {
  authorize(principal, 'opportunities.read');
  const db: Kysely<Database> = dbFor(ctx);
  const priced = await priceQuoteLines(
    db,
    principal.tenantId,
    {
      currency: input.currency,
      priceBookId: input.priceBookId ?? null,
      overallDiscountBp: input.overallDiscountBp ?? 0,
      lines: input.lines,
    },
    ctx.newId,
  );
  return { ...priced, effectiveDiscountBp: effectiveDiscountBp(priced.totals) };
}
