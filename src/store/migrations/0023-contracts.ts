import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * Contracts, order-to-delivery and receivables (issue 9, docs/l2c/contracts-and-receipts.md):
 * - `contracts`: one per won deal (unique opportunity), its amount, term, delivery and
 *   revenue-recognition state; `renewal_opportunity_id` is set once by the renewal job.
 * - `contract_lines`: what was sold, copied from the accepted quote or the deal's lines.
 * - `orders`: deliveries against a contract (O2D); the contract's delivery_status is derived.
 * - `payment_installments`: the payment plan; `collected_minor` is the sum of the active
 *   allocations and only ever changes by a conditional UPDATE (ADR 0026).
 * - `receipts` (回款): money received; `unapplied_minor` is what is not allocated yet.
 * - `receipt_allocations` (核销): a part of a receipt applied to one installment; reversal
 *   keeps the row (reversed_at) so the history stays.
 * - `revenue_recognitions` (确收): recognised revenue, Σ ≤ the contract amount.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await ref(
    ref(
      ref(
        ref(
          withVersioning(
            tenantTable(db, 'contracts')
              .addColumn('number', 'text', (col) => col.notNull())
              .addColumn('account_id', 'text', (col) => col.notNull())
              .addColumn('opportunity_id', 'text', (col) => col.notNull())
              .addColumn('quote_id', 'text')
              .addColumn('owner_id', 'text', (col) => col.notNull())
              .addColumn('currency', 'text', (col) => col.notNull())
              .addColumn('amount_minor', t.money, (col) => col.notNull())
              .addColumn('start_date', t.date, (col) => col.notNull())
              .addColumn('end_date', t.date, (col) => col.notNull())
              .addColumn('signed_on', t.date)
              .addColumn('status', 'text', (col) => col.notNull())
              .addColumn('delivery_status', 'text', (col) => col.notNull())
              .addColumn('recognised_minor', t.money, (col) => col.notNull().defaultTo(0))
              .addColumn('recognition_status', 'text', (col) => col.notNull())
              .addColumn('renewal_opportunity_id', 'text')
              .addColumn('notes', 'text')
              .addColumn('created_by', 'text')
              .addUniqueConstraint('contracts_number_key', ['tenant_id', 'number'])
              .addUniqueConstraint('contracts_opportunity_key', ['tenant_id', 'opportunity_id']),
            t,
          ),
          'account_id',
          'accounts',
        ),
        'opportunity_id',
        'opportunities',
      ),
      'quote_id',
      'quotes',
    ),
    'owner_id',
    'users',
  ).execute();
  await db.schema
    .createIndex('contracts_account_idx')
    .on('contracts')
    .columns(['tenant_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('contracts_end_date_idx')
    .on('contracts')
    .columns(['tenant_id', 'end_date'])
    .execute();

  await ref(
    ref(
      tenantTable(db, 'contract_lines')
        .addColumn('contract_id', 'text', (col) => col.notNull())
        .addColumn('position', 'integer', (col) => col.notNull())
        .addColumn('product_id', 'text')
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('product_type', 'text', (col) => col.notNull())
        .addColumn('customisation', 'text', (col) => col.notNull())
        .addColumn('quantity', 'integer', (col) => col.notNull())
        .addColumn('unit_price_minor', t.money, (col) => col.notNull())
        .addColumn('amount_minor', t.money, (col) => col.notNull()),
      'contract_id',
      'contracts',
    ),
    'product_id',
    'products',
  ).execute();
  await db.schema
    .createIndex('contract_lines_contract_idx')
    .on('contract_lines')
    .columns(['tenant_id', 'contract_id', 'position'])
    .execute();

  await ref(
    withVersioning(
      tenantTable(db, 'orders')
        .addColumn('contract_id', 'text', (col) => col.notNull())
        .addColumn('number', 'text', (col) => col.notNull())
        .addColumn('description', 'text', (col) => col.notNull())
        .addColumn('amount_minor', t.money, (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('planned_on', t.date)
        .addColumn('delivered_on', t.date)
        .addColumn('accepted_on', t.date)
        .addUniqueConstraint('orders_number_key', ['tenant_id', 'number']),
      t,
    ),
    'contract_id',
    'contracts',
  ).execute();
  await db.schema
    .createIndex('orders_contract_idx')
    .on('orders')
    .columns(['tenant_id', 'contract_id'])
    .execute();

  await ref(
    withVersioning(
      tenantTable(db, 'payment_installments')
        .addColumn('contract_id', 'text', (col) => col.notNull())
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addColumn('due_date', t.date, (col) => col.notNull())
        .addColumn('amount_minor', t.money, (col) => col.notNull())
        .addColumn('collected_minor', t.money, (col) => col.notNull().defaultTo(0))
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('paid_on', t.date)
        .addColumn('last_reminded_on', t.date)
        .addUniqueConstraint('payment_installments_seq_key', ['tenant_id', 'contract_id', 'seq']),
      t,
    ),
    'contract_id',
    'contracts',
  ).execute();
  // Open receivables by due date (overdue reminders, aging).
  await db.schema
    .createIndex('payment_installments_status_idx')
    .on('payment_installments')
    .columns(['tenant_id', 'status', 'due_date'])
    .execute();

  await ref(
    ref(
      ref(
        withVersioning(
          tenantTable(db, 'receipts')
            .addColumn('number', 'text', (col) => col.notNull())
            .addColumn('account_id', 'text', (col) => col.notNull())
            .addColumn('contract_id', 'text')
            .addColumn('currency', 'text', (col) => col.notNull())
            .addColumn('amount_minor', t.money, (col) => col.notNull())
            .addColumn('unapplied_minor', t.money, (col) => col.notNull())
            .addColumn('received_on', t.date, (col) => col.notNull())
            .addColumn('method', 'text')
            .addColumn('reference', 'text')
            .addColumn('status', 'text', (col) => col.notNull())
            .addColumn('created_by', 'text')
            .addUniqueConstraint('receipts_number_key', ['tenant_id', 'number']),
          t,
        ),
        'account_id',
        'accounts',
      ),
      'contract_id',
      'contracts',
    ),
    'created_by',
    'users',
  ).execute();
  // A bank reference is recorded once; NULLs never collide on either database.
  await db.schema
    .createIndex('receipts_reference_key')
    .on('receipts')
    .columns(['tenant_id', 'reference'])
    .unique()
    .execute();
  await db.schema
    .createIndex('receipts_account_idx')
    .on('receipts')
    .columns(['tenant_id', 'account_id', 'received_on'])
    .execute();

  await ref(
    ref(
      tenantTable(db, 'receipt_allocations')
        .addColumn('receipt_id', 'text', (col) => col.notNull())
        .addColumn('installment_id', 'text', (col) => col.notNull())
        .addColumn('amount_minor', t.money, (col) => col.notNull())
        .addColumn('allocated_at', t.timestamp, (col) => col.notNull())
        .addColumn('allocated_by', 'text')
        .addColumn('reversed_at', t.timestamp)
        .addColumn('reversed_by', 'text'),
      'receipt_id',
      'receipts',
    ),
    'installment_id',
    'payment_installments',
  ).execute();
  await db.schema
    .createIndex('receipt_allocations_receipt_idx')
    .on('receipt_allocations')
    .columns(['tenant_id', 'receipt_id'])
    .execute();
  await db.schema
    .createIndex('receipt_allocations_installment_idx')
    .on('receipt_allocations')
    .columns(['tenant_id', 'installment_id'])
    .execute();

  await ref(
    ref(
      tenantTable(db, 'revenue_recognitions')
        .addColumn('contract_id', 'text', (col) => col.notNull())
        .addColumn('order_id', 'text')
        .addColumn('recognised_on', t.date, (col) => col.notNull())
        .addColumn('amount_minor', t.money, (col) => col.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', t.timestamp, (col) => col.notNull()),
      'contract_id',
      'contracts',
    ),
    'order_id',
    'orders',
  ).execute();
  await db.schema
    .createIndex('revenue_recognitions_contract_idx')
    .on('revenue_recognitions')
    .columns(['tenant_id', 'contract_id', 'recognised_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('revenue_recognitions').execute();
  await db.schema.dropTable('receipt_allocations').execute();
  await db.schema.dropTable('receipts').execute();
  await db.schema.dropTable('payment_installments').execute();
  await db.schema.dropTable('orders').execute();
  await db.schema.dropTable('contract_lines').execute();
  await db.schema.dropTable('contracts').execute();
}
