import type { Kysely } from 'kysely';
import type { ImportEntity } from '../../domain/imports/entities.js';
import { addCounts } from '../../domain/imports/import-run.js';
import type { ImportCounts, ImportRowError } from '../../domain/imports/import-run.js';
import type { Drafts, ParsedRow } from '../../domain/imports/parse-row.js';
import {
  existingImportKeys,
  insertImportErrors,
  insertImportKeys,
  updateImport,
} from '../../store/imports.repo.js';
import type { Database } from '../../store/schema.js';
import type { BatchEnvironment, Importer, ValidRow } from './importer.js';

/** A row read and parsed, waiting for its batch. */
export interface PendingRow<E extends ImportEntity> {
  readonly rowNumber: number;
  readonly cells: readonly string[];
  readonly key: string;
  readonly parsed: ParsedRow<E>;
}

export interface BatchRun {
  readonly id: string;
  readonly entity: ImportEntity;
  readonly dryRun: boolean;
}

/**
 * One batch, in the caller's transaction: rows an earlier run imported are skipped, the
 * rest are placed and written with their external keys and the batch's errors, and the
 * run's counts move on — all or nothing, so an interrupted import loses at most the batch
 * it was in, and a re-run picks up exactly where the committed batches end.
 */
export async function writeBatch<E extends ImportEntity>(
  trx: Kysely<Database>,
  env: BatchEnvironment,
  run: BatchRun,
  importer: Importer<E>,
  rows: readonly PendingRow<E>[],
  before: ImportCounts,
): Promise<ImportCounts> {
  const tenantId = env.principal.tenantId;
  const done = await existingImportKeys(
    trx,
    tenantId,
    run.entity,
    rows.map((row) => row.key),
  );
  const fresh = rows.filter((row) => !done.has(row.key));
  const errors: ImportRowError[] = [];
  const valid: ValidRow<Drafts[E]>[] = [];
  for (const row of fresh) {
    if (row.parsed.ok) valid.push({ ...row, draft: row.parsed.draft });
    else errors.push({ rowNumber: row.rowNumber, cells: row.cells, issues: row.parsed.issues });
  }
  const placement = await importer(trx, env, valid);
  errors.push(...placement.rejected);
  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  if (!run.dryRun) {
    await placement.write(trx);
    await insertImportKeys(
      trx,
      tenantId,
      run.entity,
      run.id,
      env.now,
      placement.accepted.map(({ key, recordId }) => ({ key, recordId })),
    );
  }
  await insertImportErrors(
    trx,
    tenantId,
    run.id,
    errors.map((error) => ({ ...error, id: env.newId() })),
  );
  const counts = addCounts(before, {
    rows: rows.length,
    imported: placement.accepted.length,
    skipped: rows.length - fresh.length,
    failed: errors.length,
    accountsCreated: placement.accountsCreated,
  });
  await updateImport(trx, tenantId, run.id, counts);
  return counts;
}
