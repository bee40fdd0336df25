import { renderQuoteHtml } from '../../domain/quotes/print.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findRow } from '../../store/rows.repo.js';
import { findTenantById } from '../../store/tenants.repo.js';
import { authorize } from '../access.js';
import type { AppContext } from '../context.js';
import { opportunityStore } from '../opportunity-store.js';
import { dbFor } from '../transaction.js';
import { loadVisibleQuote } from './quote-store.js';

/** The printable HTML page of a quote, in `locale` or else the tenant's language. */
export async function printQuote(
  ctx: AppContext,
  principal: Principal,
  id: string,
  locale?: Locale,
): Promise<string> {
  authorize(principal, 'opportunities.read');
  const db = dbFor(ctx);
  const quote = await loadVisibleQuote(db, principal, id);
  const tenant = await findTenantById(db, principal.tenantId);
  const deal = await opportunityStore.load(db, principal.tenantId, quote.opportunityId);
  const account = deal && (await findRow(db, 'accounts', principal.tenantId, deal.accountId));
  return renderQuoteHtml(quote, {
    tenantName: tenant?.name ?? '',
    customerName: account?.name ?? '',
    dealName: deal?.name ?? '',
    locale: locale ?? tenant?.locale ?? 'en',
  });
}
