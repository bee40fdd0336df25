import type { Kysely } from 'kysely';
import type { Quote } from '../../domain/quotes/quote.js';
import { quotesOfDeal } from '../../store/quotes.repo.js';
import type { Database } from '../../store/schema.js';

/**
 * The deal's accepted quote revision with its lines, or null (contract for helper RMS: a
 * contract copies what was sold from it; amounts are net of tax on `netMinor` and each
 * line's `netMinor`). At most one revision per deal is accepted (quote-lifecycle.service).
 * No visibility check: callers hold the deal already.
 */
export async function acceptedQuoteFor(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Quote | null> {
  const [accepted] = await quotesOfDeal(db, tenantId, opportunityId, 'accepted');
  return accepted ?? null;
}
