import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * A/B experiments (docs/experiments.md):
 * - `experiments`: the design (subject, population and its filter, the variants with their
 *   weights and content as JSON) and its life: draft → running → stopped.
 * - `experiment_assignments`: which variant each record got, one row per (experiment,
 *   record) — the unique key makes assigning idempotent. `population` says whether
 *   `record_id` is an opportunity or a lead; the records are not foreign keys because a
 *   deleted record's assignment stays part of the experiment's history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await ref(
    withVersioning(
      tenantTable(db, 'experiments')
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('population', 'text', (col) => col.notNull())
        .addColumn('filter', t.json, (col) => col.notNull())
        .addColumn('variants', t.json, (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('started_at', t.timestamp)
        .addColumn('stopped_at', t.timestamp)
        .addColumn('created_by', 'text'),
      t,
    ),
    'created_by',
    'users',
  ).execute();
  await db.schema
    .createIndex('experiments_status_idx')
    .on('experiments')
    .columns(['tenant_id', 'status', 'population'])
    .execute();

  await ref(
    tenantTable(db, 'experiment_assignments')
      .addColumn('experiment_id', 'text', (col) => col.notNull())
      .addColumn('population', 'text', (col) => col.notNull())
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('variant_key', 'text', (col) => col.notNull())
      .addColumn('assigned_at', t.timestamp, (col) => col.notNull())
      .addUniqueConstraint('experiment_assignments_record_key', [
        'tenant_id',
        'experiment_id',
        'record_id',
      ]),
    'experiment_id',
    'experiments',
  ).execute();
  // A record's variants (shown to the rep, read by the follow-up clock).
  await db.schema
    .createIndex('experiment_assignments_record_idx')
    .on('experiment_assignments')
    .columns(['tenant_id', 'record_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('experiment_assignments').execute();
  await db.schema.dropTable('experiments').execute();
}
