import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * Products and price books (issue 9, docs/l2c/catalog.md):
 * - `products`: what can be quoted; `code` is unique per tenant. Products referenced by a
 *   price book or a quote are archived (`active` = 0), never deleted.
 * - `price_books`: a list of prices in one currency, optionally narrowed to a sales channel
 *   and/or a customer value tier (compared with `accounts.value_tier`), optionally dated.
 *   One default book per currency is a domain rule (checked in the service), not a partial
 *   index, so both dialects behave the same.
 * - `price_book_entries`: a product's base unit price in a book plus its volume tiers as a
 *   JSON array (ADR 0024) — a product has at most one entry per book.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await withVersioning(
    tenantTable(db, 'products')
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('series', 'text')
      .addColumn('product_type', 'text', (col) => col.notNull())
      .addColumn('customisation', 'text', (col) => col.notNull())
      .addColumn('unit', 'text')
      .addColumn('description', 'text')
      .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
      .addUniqueConstraint('products_code_key', ['tenant_id', 'code']),
    t,
  ).execute();
  await db.schema
    .createIndex('products_name_idx')
    .on('products')
    .columns(['tenant_id', 'name'])
    .execute();

  await withVersioning(
    tenantTable(db, 'price_books')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('currency', 'text', (col) => col.notNull())
      .addColumn('channel', 'text')
      .addColumn('customer_tier', 'text')
      .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('valid_from', t.date)
      .addColumn('valid_to', t.date),
    t,
  ).execute();
  // Choosing a book reads the active books of one currency.
  await db.schema
    .createIndex('price_books_currency_idx')
    .on('price_books')
    .columns(['tenant_id', 'currency', 'active'])
    .execute();

  let entries = withVersioning(
    tenantTable(db, 'price_book_entries')
      .addColumn('price_book_id', 'text', (col) => col.notNull())
      .addColumn('product_id', 'text', (col) => col.notNull())
      .addColumn('unit_price_minor', t.money, (col) => col.notNull())
      .addColumn('volume_tiers', t.json, (col) => col.notNull())
      .addUniqueConstraint('price_book_entries_product_key', [
        'tenant_id',
        'price_book_id',
        'product_id',
      ]),
    t,
  );
  entries = ref(entries, 'price_book_id', 'price_books');
  entries = ref(entries, 'product_id', 'products');
  await entries.execute();
  // "Is this product referenced by any book?" (archive instead of delete).
  await db.schema
    .createIndex('price_book_entries_product_idx')
    .on('price_book_entries')
    .columns(['tenant_id', 'product_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('price_book_entries').execute();
  await db.schema.dropTable('price_books').execute();
  await db.schema.dropTable('products').execute();
}
