import type { Kysely } from 'kysely';
import type { PriceBook, PriceBookEntry } from '../domain/catalog/price-book.js';
import type { VolumeTier } from '../domain/catalog/volume-tiers.js';
import type { CurrencyCode } from '../domain/money.js';
import type { Product } from '../domain/catalog/product.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type { ProductFilter } from './products.repo.js';
import { toProduct } from './products.repo.js';
import type { Database, PriceBookEntriesTable, PriceBooksTable, ProductsTable } from './schema.js';
import { matchesText } from './search.js';

/** Price books and their entries (migration 0021). */

export function toPriceBook(row: PriceBooksTable): PriceBook {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency as CurrencyCode,
    channel: row.channel,
    customerTier: row.customer_tier,
    isDefault: row.is_default === 1,
    active: row.active === 1,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toPriceBookRow(tenantId: string, book: PriceBook): PriceBooksTable {
  return {
    tenant_id: tenantId,
    id: book.id,
    name: book.name,
    currency: book.currency,
    channel: book.channel,
    customer_tier: book.customerTier,
    is_default: book.isDefault ? 1 : 0,
    active: book.active ? 1 : 0,
    valid_from: book.validFrom,
    valid_to: book.validTo,
    created_at: book.createdAt,
    updated_at: book.updatedAt,
    version: book.version,
  };
}

export function toPriceBookEntry(row: PriceBookEntriesTable): PriceBookEntry {
  return {
    id: row.id,
    priceBookId: row.price_book_id,
    productId: row.product_id,
    unitPriceMinor: Number(row.unit_price_minor),
    volumeTiers: fromJsonColumn(row.volume_tiers) as VolumeTier[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toPriceBookEntryRow(tenantId: string, entry: PriceBookEntry) {
  return {
    tenant_id: tenantId,
    id: entry.id,
    price_book_id: entry.priceBookId,
    product_id: entry.productId,
    unit_price_minor: entry.unitPriceMinor,
    volume_tiers: toJsonColumn(entry.volumeTiers),
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    version: entry.version,
  };
}

/** Every book of a currency (a tenant has a handful): the choice is made in the domain. */
export async function priceBooksOfCurrency(
  db: Kysely<Database>,
  tenantId: string,
  currency: string,
): Promise<PriceBook[]> {
  const rows = await db
    .selectFrom('price_books')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('currency', '=', currency)
    .execute();
  return rows.map(toPriceBook);
}

export interface PriceBookFilter {
  readonly q?: string | undefined;
  readonly currency?: string | undefined;
  readonly active?: boolean | undefined;
}

export const priceBookSorts = {
  createdAt: { key: 'createdAt', column: 'id' },
  name: { key: 'name', column: 'name' },
} as const satisfies Record<string, SortColumn>;

export async function listPriceBooks(
  db: Kysely<Database>,
  tenantId: string,
  filter: PriceBookFilter,
  page: PageQuery,
): Promise<Page<PriceBook>> {
  let query = db.selectFrom('price_books').selectAll().where('tenant_id', '=', tenantId);
  if (filter.q) query = query.where(matchesText('price_books', ['name'], filter.q));
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  return toPage(await applyKeyset(query, 'price_books', page).execute(), page, toPriceBook);
}

export async function findEntry(
  db: Kysely<Database>,
  tenantId: string,
  priceBookId: string,
  productId: string,
): Promise<PriceBookEntry | undefined> {
  const row = await db
    .selectFrom('price_book_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('price_book_id', '=', priceBookId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row && toPriceBookEntry(row);
}

export async function insertEntry(db: Kysely<Database>, tenantId: string, entry: PriceBookEntry) {
  await db.insertInto('price_book_entries').values(toPriceBookEntryRow(tenantId, entry)).execute();
}

export async function saveEntry(
  db: Kysely<Database>,
  tenantId: string,
  entry: PriceBookEntry,
  expectedVersion: number,
): Promise<boolean> {
  const { tenant_id: _t, id, created_at: _c, ...changes } = toPriceBookEntryRow(tenantId, entry);
  const result = await db
    .updateTable('price_book_entries')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteEntry(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('price_book_entries')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countEntries(db: Kysely<Database>, tenantId: string, priceBookId: string) {
  const row = await db
    .selectFrom('price_book_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('price_book_id', '=', priceBookId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface EntryWithProduct {
  readonly entry: PriceBookEntry;
  readonly product: Product;
}

export const entrySorts = {
  code: { key: 'code', column: 'code' },
  name: { key: 'name', column: 'name' },
} as const satisfies Record<string, SortColumn>;

/** A book's entries with their products, filtered and ordered by the product's fields. */
export async function listEntries(
  db: Kysely<Database>,
  tenantId: string,
  priceBookId: string,
  filter: ProductFilter,
  page: PageQuery,
): Promise<Page<EntryWithProduct>> {
  let query = db
    .selectFrom('price_book_entries as e')
    .innerJoin('products', (join) =>
      join
        .onRef('products.tenant_id', '=', 'e.tenant_id')
        .onRef('products.id', '=', 'e.product_id'),
    )
    .selectAll('products')
    .select([
      'e.id as entry_id',
      'e.price_book_id',
      'e.unit_price_minor',
      'e.volume_tiers',
      'e.created_at as entry_created_at',
      'e.updated_at as entry_updated_at',
      'e.version as entry_version',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.price_book_id', '=', priceBookId);
  if (filter.q) query = query.where(matchesText('products', ['code', 'name'], filter.q));
  if (filter.series !== undefined) query = query.where('products.series', '=', filter.series);
  if (filter.productType) query = query.where('products.product_type', '=', filter.productType);
  if (filter.active !== undefined) {
    query = query.where('products.active', '=', filter.active ? 1 : 0);
  }
  const rows = await applyKeyset(query, 'products', page).execute();
  return toPage(rows, page, (row) => ({
    product: toProduct(row as ProductsTable),
    entry: toPriceBookEntry({
      tenant_id: row.tenant_id,
      id: row.entry_id,
      price_book_id: row.price_book_id,
      product_id: row.id,
      unit_price_minor: row.unit_price_minor,
      volume_tiers: row.volume_tiers,
      created_at: row.entry_created_at,
      updated_at: row.entry_updated_at,
      version: row.entry_version,
    }),
  }));
}

export async function findPriceBookRow(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<PriceBook | undefined> {
  const row = await db
    .selectFrom('price_books')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPriceBook(row);
}

/** Whether a quote was priced from the book (then it is archived, never deleted). */
export async function priceBookIsQuoted(db: Kysely<Database>, tenantId: string, id: string) {
  const row = await db
    .selectFrom('quotes')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('price_book_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes the book and its entries (entries first: they reference it). */
export async function deletePriceBook(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  await db
    .deleteFrom('price_book_entries')
    .where('tenant_id', '=', tenantId)
    .where('price_book_id', '=', id)
    .execute();
  const result = await db
    .deleteFrom('price_books')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findEntryById(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<PriceBookEntry | undefined> {
  const row = await db
    .selectFrom('price_book_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPriceBookEntry(row);
}
