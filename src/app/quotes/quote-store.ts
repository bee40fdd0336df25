import type { Kysely } from 'kysely';
import { notFound, versionConflict } from '../../domain/errors.js';
import type { Quote } from '../../domain/quotes/quote.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findQuote, insertQuote, saveQuote } from '../../store/quotes.repo.js';
import type { Database } from '../../store/schema.js';
import { assertVisible } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';

/**
 * Loading and saving quotes with the rules every quote use-case shares: a quote is visible
 * exactly when its deal is (missing, foreign and invisible all answer 404), every write is
 * versioned (409 on stale) and audited in the caller's transaction.
 */

export async function loadVisibleQuote(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<Quote> {
  const quote = await findQuote(db, principal.tenantId, id);
  if (!quote) throw notFound('quote');
  await assertVisible(db, principal, 'opportunities', quote.opportunityId, 'quote');
  return quote;
}

export async function insertQuoteAudited(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  quote: Quote,
): Promise<void> {
  await insertQuote(trx, principal.tenantId, quote);
  await recordAudit(trx, ctx, principal, {
    entityType: 'quote',
    entityId: quote.id,
    action: 'create',
    before: null,
    after: quote,
  });
}

/** Saves `next` over `current` (bumping the version) or refuses with 409. */
export async function saveQuoteAudited(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  current: Quote,
  next: Omit<Quote, 'version'>,
  options: { replaceLines?: boolean } = {},
): Promise<Quote> {
  const saved: Quote = { ...next, version: current.version + 1 };
  const ok = await saveQuote(
    trx,
    principal.tenantId,
    saved,
    current.version,
    options.replaceLines ?? false,
  );
  if (!ok) throw versionConflict('quote');
  await recordAudit(trx, ctx, principal, {
    entityType: 'quote',
    entityId: current.id,
    action: 'update',
    before: current,
    after: saved,
  });
  return saved;
}
