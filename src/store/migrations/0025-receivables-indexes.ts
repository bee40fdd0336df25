import type { Kysely } from 'kysely';

/**
 * The receivables reports (docs/l2c/reports.md) ask for a tenant's installments and
 * receipts by date, whatever their status or account:
 * - collections and DSO: installments due in a period — `(tenant_id, status, due_date)`
 *   needs one range per status, so `(tenant_id, due_date)`;
 * - collections: receipts received in a period — `(tenant_id, account_id, received_on)`
 *   starts with the account, so `(tenant_id, received_on)`;
 * - DSO's days-to-pay and the lead-to-cash cohort: installments paid in a period,
 *   `(tenant_id, paid_on)`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('payment_installments_due_idx')
    .on('payment_installments')
    .columns(['tenant_id', 'due_date'])
    .execute();
  await db.schema
    .createIndex('payment_installments_paid_idx')
    .on('payment_installments')
    .columns(['tenant_id', 'paid_on'])
    .execute();
  await db.schema
    .createIndex('receipts_received_idx')
    .on('receipts')
    .columns(['tenant_id', 'received_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('receipts_received_idx').execute();
  await db.schema.dropIndex('payment_installments_paid_idx').execute();
  await db.schema.dropIndex('payment_installments_due_idx').execute();
}
