import type { Readable } from 'node:stream';
import type { ImportEntity } from '../domain/imports/entities.js';
import { noCounts } from '../domain/imports/import-run.js';
import type { ImportCounts, ImportFormat, ImportRun } from '../domain/imports/import-run.js';
import type { ImportMapping } from '../domain/imports/mapping.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { findImport, insertImport, updateImport } from '../store/imports.repo.js';
import type { Database } from '../store/schema.js';
import { refreshStatistics } from '../store/statistics.repo.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { authorizeImport } from './imports/access.js';
import { importRows } from './imports/run-rows.js';
import { openSource } from './imports/tabular.js';
import { prepareImport } from './imports/prepare.js';
import { dbFor, inTransaction } from './transaction.js';

/** The largest file the API takes in one request (the CLI streams files of any size). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportRequest {
  readonly entity: ImportEntity;
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly input: Readable;
  readonly mapping: ImportMapping;
  readonly dryRun: boolean;
  /** Rows per transaction (default 1,000). */
  readonly batchSize?: number;
  /** After each committed batch: the run's counts so far. */
  readonly onProgress?: (counts: ImportCounts) => void;
  /** After each committed batch, before the next is read (tests use it to crash a run). */
  readonly afterBatch?: (batch: number) => void | Promise<void>;
}

/**
 * Imports a CSV or XLSX file of one entity. The file and mapping are checked first (a
 * mapping that does not fit the file is refused before anything is written); then rows
 * are read, parsed and written in batches, each committed with its external keys and
 * errors. A dry run does everything but write the records. The run ends with ONE audit
 * entry carrying its counts, written even when the run fails part-way.
 */
export async function runImport(
  ctx: AppContext,
  principal: Principal,
  request: ImportRequest,
): Promise<ImportRun> {
  authorizeImport(principal, request.entity);
  const source = await openSource(request.format, request.input, request.mapping);
  const prepared = await prepareImport(ctx, principal, request, source.headers);
  const run: ImportRun = {
    id: ctx.newId(),
    entity: request.entity,
    fileName: request.fileName,
    format: request.format,
    dryRun: request.dryRun,
    status: 'running',
    headers: source.headers,
    mapping: request.mapping,
    counts: noCounts,
    failure: null,
    createdBy: principal.userId,
    startedAt: nowIso(ctx),
    finishedAt: null,
  };
  await inTransaction(ctx, (trx) => insertImport(trx, principal.tenantId, run));
  let counts = noCounts;
  try {
    counts = await importRows(ctx, principal, run, prepared, source.rows, {
      batchSize: request.batchSize ?? 1000,
      onBatch: async (batch, latest) => {
        counts = latest;
        request.onProgress?.(latest);
        await request.afterBatch?.(batch);
      },
    });
    await finish(ctx, principal, run, counts, null);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await finish(ctx, principal, run, counts, reason.slice(0, 1000));
    await afterBulkWrite(ctx, run, counts);
    throw error;
  }
  await afterBulkWrite(ctx, run, counts);
  const finished = await findImport(dbFor(ctx), principal.tenantId, run.id);
  return finished ?? run;
}

/** Final status and counts, and the run's one audit entry (none for a dry run: nothing changed). */
async function finish(
  ctx: AppContext,
  principal: Principal,
  run: ImportRun,
  counts: ImportCounts,
  failure: string | null,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const status = failure === null ? 'completed' : 'failed';
    await updateImport(trx, principal.tenantId, run.id, counts, {
      status,
      failure,
      finishedAt: nowIso(ctx),
    });
    if (run.dryRun) return;
    await recordAudit(trx, ctx, principal, {
      entityType: 'import',
      entityId: run.id,
      action: 'import',
      before: null,
      after: { entity: run.entity, fileName: run.fileName, format: run.format, status, counts },
    });
  });
}

/** The tables an import of each entity writes to (duplicate detection's included), besides its run's rows. */
const writtenTables: Record<ImportEntity, readonly (keyof Database)[]> = {
  leads: ['leads', 'match_keys', 'duplicate_pairs'],
  accounts: ['accounts', 'match_keys', 'duplicate_pairs'],
  contacts: ['contacts', 'accounts', 'match_keys', 'duplicate_pairs'],
  opportunities: ['opportunities', 'stage_history', 'accounts', 'match_keys', 'duplicate_pairs'],
};

/**
 * Query plans must see the rows that just arrived (see statistics.repo.ts): without this,
 * the first hours after a large import run on plans made for the tables as they were.
 */
async function afterBulkWrite(ctx: AppContext, run: ImportRun, counts: ImportCounts) {
  if (run.dryRun || counts.imported === 0) return;
  await refreshStatistics(dbFor(ctx), [...writtenTables[run.entity], 'import_keys']);
}
