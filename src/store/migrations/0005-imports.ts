import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable } from './columns.js';

/**
 * Imports from CSV/XLSX: one row per run (who, what file, counts), the rows a run could
 * not take with their reasons and original cells (the downloadable error report), and the
 * external key of every imported row, committed with the row's batch, so a re-run of an
 * interrupted import skips what is already in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  let imports = tenantTable(db, 'imports')
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('dry_run', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('headers', t.json, (col) => col.notNull())
    .addColumn('mapping', t.json, (col) => col.notNull())
    .addColumn('total_rows', 'integer', (col) => col.notNull())
    .addColumn('imported_rows', 'integer', (col) => col.notNull())
    .addColumn('skipped_rows', 'integer', (col) => col.notNull())
    .addColumn('failed_rows', 'integer', (col) => col.notNull())
    .addColumn('created_accounts', 'integer', (col) => col.notNull())
    .addColumn('failure', 'text')
    .addColumn('created_by', 'text')
    .addColumn('started_at', t.timestamp, (col) => col.notNull())
    .addColumn('finished_at', t.timestamp);
  imports = ref(imports, 'created_by', 'users');
  await imports.execute();

  let errors = tenantTable(db, 'import_errors')
    .addColumn('import_id', 'text', (col) => col.notNull())
    .addColumn('row_number', 'integer', (col) => col.notNull())
    .addColumn('issues', t.json, (col) => col.notNull())
    .addColumn('cells', t.json, (col) => col.notNull());
  errors = ref(errors, 'import_id', 'imports');
  await errors.execute();

  // The key is the primary key: two runs racing over the same rows cannot both insert one.
  let keys = db.schema
    .createTable('import_keys')
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('external_key', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('import_id', 'text', (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('import_keys_pkey', ['tenant_id', 'entity', 'external_key']);
  keys = ref(keys, 'import_id', 'imports');
  await keys.execute();

  await db.schema
    .createIndex('import_errors_import_idx')
    .on('import_errors')
    .columns(['tenant_id', 'import_id', 'row_number'])
    .execute();
  await db.schema
    .createIndex('imports_started_idx')
    .on('imports')
    .columns(['tenant_id', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['import_keys', 'import_errors', 'imports']) {
    await db.schema.dropTable(table).execute();
  }
}
