import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * Approval chains (docs/approvals.md):
 * - `opportunity_products.discount_basis_points`: a line's discount off its list price
 *   (1% = 100), which a discount approval may be needed for.
 * - `approvals` gains its chain: `steps` (JSON, each link's approver, delegate and decision,
 *   kept on the row so one versioned write decides a step), `current_step`, the
 *   `amount_minor` the chain was chosen by and a `dedupe_key` (asking again while pending
 *   returns the pending one). Rows from before have no steps and read as one step.
 * - `approval_policies`: one row per tenant (id `default`), the chains per kind and the
 *   discount threshold.
 * - `approval_delegations`: one row per user (id = the user), their stand-in and period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('opportunity_products')
    .addColumn('discount_basis_points', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('approvals').addColumn('steps', t.json).execute();
  await db.schema
    .alterTable('approvals')
    .addColumn('current_step', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('approvals').addColumn('amount_minor', t.money).execute();
  await db.schema.alterTable('approvals').addColumn('dedupe_key', 'text').execute();
  await db.schema
    .createIndex('approvals_dedupe_idx')
    .on('approvals')
    .columns(['tenant_id', 'opportunity_id', 'kind', 'status'])
    .execute();

  await withVersioning(tenantTable(db, 'approval_policies'), t)
    .addColumn('policy', t.json, (col) => col.notNull())
    .execute();

  let delegations = withVersioning(tenantTable(db, 'approval_delegations'), t)
    .addColumn('delegate_id', 'text', (col) => col.notNull())
    .addColumn('starts_at', t.timestamp, (col) => col.notNull())
    .addColumn('ends_at', t.timestamp, (col) => col.notNull());
  delegations = ref(delegations, 'id', 'users');
  delegations = ref(delegations, 'delegate_id', 'users');
  await delegations.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('approval_delegations').execute();
  await db.schema.dropTable('approval_policies').execute();
  await db.schema.dropIndex('approvals_dedupe_idx').execute();
  for (const column of ['dedupe_key', 'amount_minor', 'current_step', 'steps']) {
    await db.schema.alterTable('approvals').dropColumn(column).execute();
  }
  await db.schema.alterTable('opportunity_products').dropColumn('discount_basis_points').execute();
}
