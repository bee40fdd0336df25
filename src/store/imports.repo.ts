import type { Kysely, Selectable } from 'kysely';
import type { ImportEntity } from '../domain/imports/entities.js';
import type {
  ImportCounts,
  ImportFormat,
  ImportRowError,
  ImportRun,
  ImportStatus,
} from '../domain/imports/import-run.js';
import type { ImportMapping } from '../domain/imports/mapping.js';
import type { RowIssue } from '../domain/imports/row-reader.js';
import { bulkInsert } from './bulk.repo.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import type { Database, ImportsTable } from './schema.js';

function toImportRun(row: Selectable<ImportsTable>): ImportRun {
  return {
    id: row.id,
    entity: row.entity as ImportEntity,
    fileName: row.file_name,
    format: row.format as ImportFormat,
    dryRun: row.dry_run === 1,
    status: row.status as ImportStatus,
    headers: stringArrayFromJson(row.headers),
    mapping: (fromJsonColumn(row.mapping) as ImportMapping | null) ?? {},
    counts: {
      rows: row.total_rows,
      imported: row.imported_rows,
      skipped: row.skipped_rows,
      failed: row.failed_rows,
      accountsCreated: row.created_accounts,
    },
    failure: row.failure,
    createdBy: row.created_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

const countColumns = (counts: ImportCounts) => ({
  total_rows: counts.rows,
  imported_rows: counts.imported,
  skipped_rows: counts.skipped,
  failed_rows: counts.failed,
  created_accounts: counts.accountsCreated,
});

export async function insertImport(
  db: Kysely<Database>,
  tenantId: string,
  run: ImportRun,
): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      tenant_id: tenantId,
      id: run.id,
      entity: run.entity,
      file_name: run.fileName,
      format: run.format,
      dry_run: run.dryRun ? 1 : 0,
      status: run.status,
      headers: toJsonColumn(run.headers),
      mapping: toJsonColumn(run.mapping),
      ...countColumns(run.counts),
      failure: run.failure,
      created_by: run.createdBy,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
    })
    .execute();
}

/** Counts so far (each batch, in its transaction) or final status and counts. */
export async function updateImport(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  counts: ImportCounts,
  end?: { status: ImportStatus; failure: string | null; finishedAt: string },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      ...countColumns(counts),
      ...(end ? { status: end.status, failure: end.failure, finished_at: end.finishedAt } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function findImport(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<ImportRun | undefined> {
  const row = await db
    .selectFrom('imports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toImportRun(row);
}

export async function insertImportErrors(
  db: Kysely<Database>,
  tenantId: string,
  importId: string,
  errors: readonly (ImportRowError & { id: string })[],
): Promise<void> {
  await bulkInsert(
    db,
    'import_errors',
    errors.map((error) => ({
      tenant_id: tenantId,
      id: error.id,
      import_id: importId,
      row_number: error.rowNumber,
      issues: toJsonColumn(error.issues),
      cells: toJsonColumn(error.cells),
    })),
  );
}

/** The rows a run could not take, in file order, a page at a time. */
export async function listImportErrors(
  db: Kysely<Database>,
  tenantId: string,
  importId: string,
  page: { afterRow: number; limit: number },
): Promise<ImportRowError[]> {
  const rows = await db
    .selectFrom('import_errors')
    .select(['row_number', 'issues', 'cells'])
    .where('tenant_id', '=', tenantId)
    .where('import_id', '=', importId)
    .where('row_number', '>', page.afterRow)
    .orderBy('row_number')
    .limit(page.limit)
    .execute();
  return rows.map((row) => ({
    rowNumber: row.row_number,
    issues: (fromJsonColumn(row.issues) ?? []) as RowIssue[],
    cells: stringArrayFromJson(row.cells),
  }));
}

/** Which of these external keys an earlier run already imported. */
export async function existingImportKeys(
  db: Kysely<Database>,
  tenantId: string,
  entity: ImportEntity,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += 5000) {
    const rows = await db
      .selectFrom('import_keys')
      .select('external_key')
      .where('tenant_id', '=', tenantId)
      .where('entity', '=', entity)
      .where('external_key', 'in', keys.slice(start, start + 5000))
      .execute();
    for (const row of rows) found.add(row.external_key);
  }
  return found;
}

export async function insertImportKeys(
  db: Kysely<Database>,
  tenantId: string,
  entity: ImportEntity,
  importId: string,
  now: string,
  keys: readonly { key: string; recordId: string }[],
): Promise<void> {
  await bulkInsert(
    db,
    'import_keys',
    keys.map(({ key, recordId }) => ({
      tenant_id: tenantId,
      entity,
      external_key: key,
      record_id: recordId,
      import_id: importId,
      created_at: now,
    })),
  );
}
