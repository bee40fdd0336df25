import type { Kysely } from 'kysely';

/**
 * Customer lifecycle (issue 9, docs/l2c/lifecycle.md):
 * - `opportunities.deal_kind`: new | renewal | upsell | cross_sell; every older deal is "new".
 * - `opportunities.origin_contract_id`: the contract a renewal, upsell or cross-sell grows
 *   from. Not a foreign key: SQLite cannot add a composite (tenant_id, id) reference to an
 *   existing table, so the application checks it (same tenant, same account) on create.
 * - An index on (tenant_id, origin_contract_id) serves a contract's expansions and the
 *   lifetime card's renewal/expansion counts. The renewal sweep itself reads contracts by
 *   (tenant_id, end_date), which 0023 already indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('opportunities')
    .addColumn('deal_kind', 'text', (col) => col.notNull().defaultTo('new'))
    .execute();
  await db.schema.alterTable('opportunities').addColumn('origin_contract_id', 'text').execute();
  await db.schema
    .createIndex('opportunities_origin_contract_idx')
    .on('opportunities')
    .columns(['tenant_id', 'origin_contract_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('opportunities_origin_contract_idx').execute();
  await db.schema.alterTable('opportunities').dropColumn('origin_contract_id').execute();
  await db.schema.alterTable('opportunities').dropColumn('deal_kind').execute();
}
