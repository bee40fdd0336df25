import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * Quotes (issue 9, docs/l2c/quotes.md):
 * - `quotes`: one row per revision. All revisions of a quote share its `number` ("Q-000042",
 *   a per-tenant sequence); (number, revision) is unique. The totals are stored as computed
 *   by the quote arithmetic (ADR 0025) so a sent quote never changes when rules or prices do.
 *   `approval_id` is the discount approval request the shared approval service decided.
 * - `quote_lines`: the priced lines of a revision, in `position` order; `product_id` is null
 *   for a free line. `discount_minor` is the line's own discount plus its share of the
 *   overall discount, so gross − discount = net and net + tax = total on every line.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  let quotes = withVersioning(
    tenantTable(db, 'quotes')
      .addColumn('opportunity_id', 'text', (col) => col.notNull())
      .addColumn('number', 'text', (col) => col.notNull())
      .addColumn('revision', 'integer', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('currency', 'text', (col) => col.notNull())
      .addColumn('price_book_id', 'text')
      .addColumn('valid_until', t.date)
      .addColumn('overall_discount_bp', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('subtotal_minor', t.money, (col) => col.notNull())
      .addColumn('line_discount_minor', t.money, (col) => col.notNull())
      .addColumn('overall_discount_minor', t.money, (col) => col.notNull())
      .addColumn('tax_minor', t.money, (col) => col.notNull())
      .addColumn('total_minor', t.money, (col) => col.notNull())
      .addColumn('approval_id', 'text')
      .addColumn('sent_at', t.timestamp)
      .addColumn('accepted_at', t.timestamp)
      .addColumn('decided_at', t.timestamp)
      .addColumn('notes', 'text')
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addUniqueConstraint('quotes_number_revision_key', ['tenant_id', 'number', 'revision']),
    t,
  );
  quotes = ref(quotes, 'opportunity_id', 'opportunities');
  quotes = ref(quotes, 'price_book_id', 'price_books');
  await quotes.execute();
  // A deal's quotes page, and "is there an accepted quote on this deal".
  await db.schema
    .createIndex('quotes_opportunity_idx')
    .on('quotes')
    .columns(['tenant_id', 'opportunity_id', 'status'])
    .execute();
  // At most one accepted revision per deal, whatever the service's lock does: a partial
  // unique index (both dialects) turns a lost race into a unique violation (409).
  await db.schema
    .createIndex('quotes_one_accepted_idx')
    .unique()
    .on('quotes')
    .columns(['tenant_id', 'opportunity_id'])
    .where(sql.ref('status'), '=', 'accepted')
    .execute();

  let lines = tenantTable(db, 'quote_lines')
    .addColumn('quote_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('product_id', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('product_type', 'text', (col) => col.notNull())
    .addColumn('customisation', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('list_unit_price_minor', t.money, (col) => col.notNull())
    .addColumn('unit_price_minor', t.money, (col) => col.notNull())
    .addColumn('discount_bp', 'integer', (col) => col.notNull())
    .addColumn('tax_rate_bp', 'integer', (col) => col.notNull())
    .addColumn('gross_minor', t.money, (col) => col.notNull())
    .addColumn('discount_minor', t.money, (col) => col.notNull())
    .addColumn('net_minor', t.money, (col) => col.notNull())
    .addColumn('tax_minor', t.money, (col) => col.notNull())
    .addColumn('total_minor', t.money, (col) => col.notNull())
    .addUniqueConstraint('quote_lines_position_key', ['tenant_id', 'quote_id', 'position']);
  lines = ref(lines, 'quote_id', 'quotes');
  lines = ref(lines, 'product_id', 'products');
  await lines.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('quote_lines').execute();
  await db.schema.dropTable('quotes').execute();
}
