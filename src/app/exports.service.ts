import type { CellValue } from '../domain/imports/cells.js';
import type { ImportEntity } from '../domain/imports/entities.js';
import type { ImportFormat } from '../domain/imports/import-run.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { toAccount } from '../store/accounts.repo.js';
import { toContact } from '../store/contacts.repo.js';
import { exportPage } from '../store/exports.repo.js';
import { namesById } from '../store/names.repo.js';
import type { ExportTable } from '../store/exports.repo.js';
import type { Database } from '../store/schema.js';
import type { Selectable } from 'kysely';
import { directoryUsers } from '../store/import-lookups.repo.js';
import { toLead } from '../store/leads.repo.js';
import { toOpportunity } from '../store/opportunities.repo.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import { visibilityOf } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { authorizeExport } from './imports/access.js';
import { cellsOf, exportColumns, headersOf } from './imports/export-columns.js';
import type { ExportLookups } from './imports/export-columns.js';
import { dbFor, inTransaction } from './transaction.js';

const PAGE = 1000;

export interface ExportStream {
  readonly headers: readonly string[];
  readonly rows: AsyncIterable<CellValue[]>;
}

/**
 * The live records of one entity the caller can see, as rows of the import's fields,
 * read a page at a time as the file is written. Access is settled (and the export audited:
 * who took which list out) before the first byte, so a refusal is still a proper answer.
 */
export async function openExport(
  ctx: AppContext,
  principal: Principal,
  entity: ImportEntity,
  format: ImportFormat,
): Promise<ExportStream> {
  authorizeExport(principal, entity);
  const db = dbFor(ctx);
  const tenantId = principal.tenantId;
  const visibility = await visibilityOf(db, principal);
  const pipelines = await loadPipelines(db, tenantId, { includeArchived: true });
  const users = await directoryUsers(db, tenantId);
  const base = {
    userEmail: new Map(users.map((u) => [u.id, u.email])),
    pipelineKey: new Map(pipelines.map((p) => [p.id, p.key])),
    stageKey: new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.key] as const))),
    format,
  };
  await inTransaction(ctx, (trx) =>
    recordAudit(trx, ctx, principal, {
      entityType: 'export',
      entityId: ctx.newId(),
      action: 'export',
      before: null,
      after: { entity, format },
    }),
  );
  async function* pages<T extends ExportTable>(
    table: T,
    map: (rows: Selectable<Database[T]>[]) => Promise<CellValue[][]>,
  ): AsyncGenerator<CellValue[]> {
    let after: string | null = null;
    for (;;) {
      const rows: Selectable<Database[T]>[] = await exportPage(
        db,
        table,
        tenantId,
        visibility,
        after,
        PAGE,
      );
      yield* await map(rows);
      const ids = rows.map((row) => (row as { id: string }).id);
      if (ids.length < PAGE) return;
      after = ids.at(-1) ?? null;
    }
  }
  const lookups = async (accountIds: string[]): Promise<ExportLookups> => ({
    ...base,
    accountName: await namesById(db, 'accounts', tenantId, accountIds),
  });
  const headers = headersOf<never>(exportColumns[entity]);
  switch (entity) {
    case 'leads':
      return {
        headers,
        rows: pages('leads', async (rows) => {
          const l = await lookups([]);
          return rows.map((row) => cellsOf(exportColumns.leads, toLead(row), l));
        }),
      };
    case 'accounts':
      return {
        headers,
        rows: pages('accounts', async (rows) => {
          const l = await lookups([]);
          return rows.map((row) => cellsOf(exportColumns.accounts, toAccount(row), l));
        }),
      };
    case 'contacts':
      return {
        headers,
        rows: pages('contacts', async (rows) => {
          const l = await lookups(rows.map((row) => row.account_id));
          return rows.map((row) => cellsOf(exportColumns.contacts, toContact(row), l));
        }),
      };
    case 'opportunities':
      return {
        headers,
        rows: pages('opportunities', async (rows) => {
          const l = await lookups(rows.map((row) => row.account_id));
          // Product lines are not part of the export (nor of the import).
          return rows.map((row) => cellsOf(exportColumns.opportunities, toOpportunity(row, []), l));
        }),
      };
  }
}
