import { cellText, isBlankRow } from '../../domain/imports/cells.js';
import type { SourceRow } from '../../domain/imports/cells.js';
import type { ImportEntity } from '../../domain/imports/entities.js';
import type { ImportCounts, ImportRun } from '../../domain/imports/import-run.js';
import { fieldCells, parseRow } from '../../domain/imports/parse-row.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import { tooManyRows } from './access.js';
import { writeBatch } from './batch.js';
import type { PendingRow } from './batch.js';
import type { BatchEnvironment, Importer } from './importer.js';
import { externalKey } from './keys.js';
import {
  importAccounts,
  importContacts,
  importLeads,
  importOpportunities,
} from './place-records.js';
import type { PreparedImport } from './prepare.js';

/** More rows than anyone should push through one request or one command. */
export const MAX_IMPORT_ROWS = 1_000_000;

interface Loop {
  readonly batchSize: number;
  readonly onBatch: (batch: number, counts: ImportCounts) => Promise<void>;
}

/** Reads, parses and writes every row of the file in batches; returns the final counts. */
export function importRows(
  ctx: AppContext,
  principal: Principal,
  run: ImportRun,
  prepared: PreparedImport,
  rows: AsyncIterable<SourceRow>,
  loop: Loop,
): Promise<ImportCounts> {
  const go = <E extends ImportEntity>(entity: E, importer: Importer<E>) =>
    batches(ctx, principal, run, prepared, rows, loop, entity, importer);
  switch (prepared.entity) {
    case 'leads':
      return go('leads', importLeads);
    case 'accounts':
      return go('accounts', importAccounts);
    case 'contacts':
      return go('contacts', importContacts);
    case 'opportunities':
      return go('opportunities', importOpportunities);
  }
}

async function batches<E extends ImportEntity>(
  ctx: AppContext,
  principal: Principal,
  run: ImportRun,
  prepared: PreparedImport,
  rows: AsyncIterable<SourceRow>,
  loop: Loop,
  entity: E,
  importer: Importer<E>,
): Promise<ImportCounts> {
  const env: BatchEnvironment = {
    principal,
    visibility: prepared.visibility,
    newId: ctx.newId,
    now: prepared.parse.now,
    createAccounts: prepared.createAccounts,
    poolId: prepared.parse.poolId,
  };
  // A key seen earlier in this file: the same record twice, reported rather than merged.
  const seen = new Set<string>();
  let counts = run.counts;
  let pending: PendingRow<E>[] = [];
  let batch = 0;
  let read = 0;
  const flush = async () => {
    const rowsOfBatch = pending;
    pending = [];
    counts = await inTransaction(ctx, (trx) =>
      writeBatch(trx, env, run, importer, rowsOfBatch, counts),
    );
    await loop.onBatch(++batch, counts);
  };
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (++read > MAX_IMPORT_ROWS) throw tooManyRows(MAX_IMPORT_ROWS);
    const cells = fieldCells(row.cells, prepared.index);
    const key = externalKey(
      principal.tenantId,
      entity,
      prepared.keyIndex >= 0 ? row.cells[prepared.keyIndex] : null,
      cells,
    );
    const parsed = seen.has(key)
      ? { ok: false as const, issues: [{ field: null, code: 'duplicate_in_file', value: null }] }
      : parseRow(entity, cells, prepared.env, prepared.parse);
    seen.add(key);
    pending.push({ rowNumber: row.rowNumber, cells: row.cells.map(cellText), key, parsed });
    if (pending.length >= loop.batchSize) await flush();
  }
  if (pending.length > 0) await flush();
  return counts;
}
