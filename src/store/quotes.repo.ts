import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CurrencyCode } from '../domain/money.js';
import type { ProductCustomisation, ProductType } from '../domain/opportunities/opportunity.js';
import type { Quote, QuoteLine } from '../domain/quotes/quote.js';
import type { QuoteStatus } from '../domain/quotes/status.js';
import { isPostgres } from './migrations/columns.js';
import type { Database, QuoteLinesTable, QuotesTable } from './schema.js';

/** Quotes and their lines (migration 0022): row ↔ domain mappers and the few queries. */

function toQuoteLine(row: Selectable<QuoteLinesTable>): QuoteLine {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    name: row.name,
    productType: row.product_type as ProductType,
    customisation: row.customisation as ProductCustomisation,
    quantity: row.quantity,
    listUnitPriceMinor: row.list_unit_price_minor,
    unitPriceMinor: row.unit_price_minor,
    discountBp: row.discount_bp,
    taxRateBp: row.tax_rate_bp,
    grossMinor: row.gross_minor,
    discountMinor: row.discount_minor,
    netMinor: row.net_minor,
    taxMinor: row.tax_minor,
    totalMinor: row.total_minor,
  };
}

function toQuote(row: Selectable<QuotesTable>, lines: readonly QuoteLine[]): Quote {
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    number: row.number,
    revision: row.revision,
    status: row.status as QuoteStatus,
    currency: row.currency as CurrencyCode,
    priceBookId: row.price_book_id,
    validUntil: row.valid_until,
    overallDiscountBp: row.overall_discount_bp,
    subtotalMinor: row.subtotal_minor,
    lineDiscountMinor: row.line_discount_minor,
    overallDiscountMinor: row.overall_discount_minor,
    netMinor: row.total_minor - row.tax_minor,
    taxMinor: row.tax_minor,
    totalMinor: row.total_minor,
    approvalId: row.approval_id,
    sentAt: row.sent_at,
    acceptedAt: row.accepted_at,
    decidedAt: row.decided_at,
    notes: row.notes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    lines,
  };
}

function toQuoteRow(tenantId: string, quote: Quote): Insertable<QuotesTable> {
  return {
    tenant_id: tenantId,
    id: quote.id,
    opportunity_id: quote.opportunityId,
    number: quote.number,
    revision: quote.revision,
    status: quote.status,
    currency: quote.currency,
    price_book_id: quote.priceBookId,
    valid_until: quote.validUntil,
    overall_discount_bp: quote.overallDiscountBp,
    subtotal_minor: quote.subtotalMinor,
    line_discount_minor: quote.lineDiscountMinor,
    overall_discount_minor: quote.overallDiscountMinor,
    tax_minor: quote.taxMinor,
    total_minor: quote.totalMinor,
    approval_id: quote.approvalId,
    sent_at: quote.sentAt,
    accepted_at: quote.acceptedAt,
    decided_at: quote.decidedAt,
    notes: quote.notes,
    created_by: quote.createdBy,
    created_at: quote.createdAt,
    updated_at: quote.updatedAt,
    version: quote.version,
  };
}

function toLineRow(
  tenantId: string,
  quoteId: string,
  line: QuoteLine,
): Insertable<QuoteLinesTable> {
  return {
    tenant_id: tenantId,
    id: line.id,
    quote_id: quoteId,
    position: line.position,
    product_id: line.productId,
    name: line.name,
    product_type: line.productType,
    customisation: line.customisation,
    quantity: line.quantity,
    list_unit_price_minor: line.listUnitPriceMinor,
    unit_price_minor: line.unitPriceMinor,
    discount_bp: line.discountBp,
    tax_rate_bp: line.taxRateBp,
    gross_minor: line.grossMinor,
    discount_minor: line.discountMinor,
    net_minor: line.netMinor,
    tax_minor: line.taxMinor,
    total_minor: line.totalMinor,
  };
}

async function withLines(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly Selectable<QuotesTable>[],
): Promise<Quote[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('quote_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(
      'quote_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((row) =>
    toQuote(row, lines.filter((line) => line.quote_id === row.id).map(toQuoteLine)),
  );
}

export async function findQuote(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Quote | undefined> {
  const row = await db
    .selectFrom('quotes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await withLines(db, tenantId, [row]))[0];
}

/** A deal's quotes, newest number first and each number's revisions newest first. */
export async function quotesOfDeal(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  status?: QuoteStatus,
): Promise<Quote[]> {
  let query = db
    .selectFrom('quotes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId);
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('number', 'desc').orderBy('revision', 'desc').execute();
  return withLines(db, tenantId, rows);
}

/** The revisions sharing a quote number, newest first. */
export async function revisionsOf(
  db: Kysely<Database>,
  tenantId: string,
  number: string,
): Promise<Quote[]> {
  const rows = await db
    .selectFrom('quotes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('number', '=', number)
    .orderBy('revision', 'desc')
    .execute();
  return withLines(db, tenantId, rows);
}

/** The next number of the tenant's quote sequence (numbers are "Q-" + zero-padded digits). */
export async function nextQuoteSequence(db: Kysely<Database>, tenantId: string): Promise<number> {
  const rows = await db
    .selectFrom('quotes')
    .select('number')
    .where('tenant_id', '=', tenantId)
    .where('revision', '=', 1)
    .execute();
  let max = 0;
  for (const { number } of rows) {
    const value = Number(number.replace(/^Q-/, ''));
    if (Number.isSafeInteger(value) && value > max) max = value;
  }
  return max + 1;
}

export async function insertQuote(
  db: Kysely<Database>,
  tenantId: string,
  quote: Quote,
): Promise<void> {
  await db.insertInto('quotes').values(toQuoteRow(tenantId, quote)).execute();
  await insertLines(db, tenantId, quote);
}

async function insertLines(db: Kysely<Database>, tenantId: string, quote: Quote): Promise<void> {
  if (quote.lines.length === 0) return;
  await db
    .insertInto('quote_lines')
    .values(quote.lines.map((line) => toLineRow(tenantId, quote.id, line)))
    .execute();
}

/**
 * Writes the quote if its stored version is still `expectedVersion` (false: stale), and
 * replaces its lines when `replaceLines` (an edit of a draft re-prices every line).
 */
export async function saveQuote(
  db: Kysely<Database>,
  tenantId: string,
  quote: Quote,
  expectedVersion: number,
  replaceLines: boolean,
): Promise<boolean> {
  const { tenant_id: _tenant, id: _id, ...changes } = toQuoteRow(tenantId, quote);
  const result = await db
    .updateTable('quotes')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', quote.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  if (replaceLines) {
    await db
      .deleteFrom('quote_lines')
      .where('tenant_id', '=', tenantId)
      .where('quote_id', '=', quote.id)
      .execute();
    await insertLines(db, tenantId, quote);
  }
  return true;
}

/** Quotes past their validity still open to the customer, for the expiry sweep. */
export async function lapsedQuotes(
  db: Kysely<Database>,
  tenantId: string,
  today: string,
  limit: number,
): Promise<{ id: string; version: number }[]> {
  return db
    .selectFrom('quotes')
    .select(['id', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('valid_until', '<', today)
    .where('status', 'in', ['draft', 'pending_approval', 'approved', 'sent'])
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A price book's currency, or undefined when the tenant has no such book. */
export async function priceBookCurrency(
  db: Kysely<Database>,
  tenantId: string,
  priceBookId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('price_books')
    .select('currency')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', priceBookId)
    .executeTakeFirst();
  return row?.currency;
}

/**
 * Serialises the quote decisions of one deal: on PostgreSQL the deal's row is locked until
 * the transaction ends (two "accept"s of different quotes cannot both see "none accepted
 * yet"); SQLite already runs one writing transaction at a time.
 */
export async function lockDealQuotes(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<void> {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('opportunities')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', opportunityId)
    .forUpdate()
    .execute();
}
