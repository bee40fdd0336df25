import type { PriceBook } from '../../domain/catalog/price-book.js';
import { calendarDate } from '../../domain/days.js';
import { notFound, referenceNotFound } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findProductRow } from '../../store/products.repo.js';
import { findTenantById } from '../../store/tenants.repo.js';
import type { AppContext } from '../context.js';
import { dbFor } from '../transaction.js';
import type { PricedLine } from './pricing.js';
import { choosePriceBook, priceLine } from './pricing.js';

/**
 * What the quote screen shows while a line is typed: the book that applies to the buyer and,
 * when a product is given, its unit price for the quantity. The currency defaults to the
 * tenant's, `on` to today in the tenant's time zone.
 */
export async function resolvePrice(
  ctx: AppContext,
  principal: Principal,
  input: {
    readonly currency?: string | undefined;
    readonly channel?: string | undefined;
    readonly customerTier?: string | undefined;
    readonly on?: string | undefined;
    readonly productId?: string | undefined;
    readonly quantity?: number | undefined;
  },
): Promise<{ priceBook: PriceBook | null; line: PricedLine | null }> {
  const db = dbFor(ctx);
  const tenant = await findTenantById(db, principal.tenantId);
  if (!tenant) throw notFound('tenant');
  // An unknown product is the caller's mistake whether or not a book applies.
  if (input.productId !== undefined && !(await findProductRow(db, tenant.id, input.productId))) {
    throw referenceNotFound('productId');
  }
  const priceBook = await choosePriceBook(db, principal.tenantId, {
    currency: input.currency ?? tenant.defaultCurrency,
    channel: input.channel ?? null,
    customerTier: input.customerTier ?? null,
    on: input.on ?? calendarDate(ctx.clock.now(), tenant.timeZone),
  });
  if (!priceBook || input.productId === undefined) return { priceBook, line: null };
  const line = await priceLine(db, principal.tenantId, {
    priceBookId: priceBook.id,
    productId: input.productId,
    quantity: input.quantity ?? 1,
  });
  return { priceBook, line };
}
