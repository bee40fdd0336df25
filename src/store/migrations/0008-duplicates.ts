import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { columnTypes, isPostgres, tenantTable, withVersioning } from './columns.js';

const mergeable = ['leads', 'accounts', 'contacts'] as const;

/**
 * Duplicate detection and merge:
 * - `match_keys`: the normalised identifiers of every lead, account and contact (company
 *   name, credit code, phone, e-mail, web domain, person), looked up by (kind, value).
 *   `origin` tells the record's own keys (recomputed on every save) from keys inherited
 *   from records merged into it (kept, so the old phone number still finds the customer).
 * - `duplicate_pairs`: the review queue, one row per pair of records whatever their order.
 * - `merged_into_id` on leads, accounts and contacts: the survivor a merged-away record
 *   points to, so its history stays reachable from its old id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('match_keys')
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
    .addColumn('entity_type', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('origin', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('match_keys_pkey', [
      'tenant_id',
      'entity_type',
      'entity_id',
      'kind',
      'value',
    ])
    .execute();
  // Detection asks "which accounts have this phone number": one index range per key and
  // kind of record, covering (no table lookup).
  await db.schema
    .createIndex('match_keys_value_idx')
    .on('match_keys')
    .columns(['tenant_id', 'kind', 'value', 'entity_type', 'entity_id'])
    .execute();

  await withVersioning(tenantTable(db, 'duplicate_pairs'), t)
    .addColumn('left_type', 'text', (col) => col.notNull())
    .addColumn('left_id', 'text', (col) => col.notNull())
    .addColumn('right_type', 'text', (col) => col.notNull())
    .addColumn('right_id', 'text', (col) => col.notNull())
    .addColumn('reasons', t.json, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('survivor_id', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', t.timestamp)
    .addUniqueConstraint('duplicate_pairs_records_key', [
      'tenant_id',
      'left_type',
      'left_id',
      'right_type',
      'right_id',
    ])
    .execute();
  const indexes: [string, string[]][] = [
    // The queue: newest first within a status.
    ['duplicate_pairs_status_idx', ['tenant_id', 'status', 'created_at', 'id']],
    ['duplicate_pairs_created_idx', ['tenant_id', 'created_at', 'id']],
    // A merge re-points the pairs of the merged-away record (the left side is covered above).
    ['duplicate_pairs_right_idx', ['tenant_id', 'right_id']],
    ['duplicate_pairs_left_idx', ['tenant_id', 'left_id']],
  ];
  for (const [name, columns] of indexes)
    await db.schema.createIndex(name).on('duplicate_pairs').columns(columns).execute();

  for (const table of mergeable) {
    await db.schema.alterTable(table).addColumn('merged_into_id', 'text').execute();
    // SQLite cannot add a composite foreign key to an existing table; there the merge
    // service is the only writer of the column and points it at a row it has just saved.
    if (isPostgres(db)) {
      await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_merged_into_id_fkey`)}
        foreign key (tenant_id, merged_into_id) references ${sql.table(table)} (tenant_id, id)`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of mergeable) {
    if (isPostgres(db)) {
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_merged_into_id_fkey`)}`.execute(
        db,
      );
    }
    await db.schema.alterTable(table).dropColumn('merged_into_id').execute();
  }
  await db.schema.dropTable('duplicate_pairs').execute();
  await db.schema.dropTable('match_keys').execute();
}
