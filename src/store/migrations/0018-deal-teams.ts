import type { Kysely } from 'kysely';
import { tenantReference as ref, tenantTable } from './columns.js';

/**
 * Team selling (docs/deal-teams.md):
 * - `opportunity_splits`: who gets which share of a deal's credit, per credit type
 *   (performance, revenue, customer ownership), in basis points summing to 10 000 per type.
 *   No rows of a type means the owner holds all of it (the default is implied, not stored,
 *   so the million deals without splits cost no rows). The unique key (deal, type, user)
 *   also serves the reports' "has this deal splits of this type" probe; the user index
 *   serves "which deals credit this rep".
 * - `opportunity_members.added_by`: who put a colleague on the team (history).
 * - `opportunities.team_version`: optimistic version of the team and its splits, apart from
 *   the deal's own `version` so editing the deal and its splits do not refuse each other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let splits = tenantTable(db, 'opportunity_splits')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('split_type', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('share_bp', 'integer', (col) => col.notNull())
    .addUniqueConstraint('opportunity_splits_line_key', [
      'tenant_id',
      'opportunity_id',
      'split_type',
      'user_id',
    ]);
  splits = ref(splits, 'opportunity_id', 'opportunities');
  splits = ref(splits, 'user_id', 'users');
  await splits.execute();
  await db.schema
    .createIndex('opportunity_splits_user_idx')
    .on('opportunity_splits')
    .columns(['tenant_id', 'user_id', 'split_type', 'opportunity_id'])
    .execute();

  await db.schema.alterTable('opportunity_members').addColumn('added_by', 'text').execute();
  await db.schema
    .alterTable('opportunities')
    .addColumn('team_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('opportunities').dropColumn('team_version').execute();
  await db.schema.alterTable('opportunity_members').dropColumn('added_by').execute();
  await db.schema.dropTable('opportunity_splits').execute();
}
