import type { Visibility } from '../../domain/access/scope.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { ImportEntity } from '../../domain/imports/entities.js';
import type { ImportFormat } from '../../domain/imports/import-run.js';
import { resolveColumns } from '../../domain/imports/mapping.js';
import type { ImportMapping } from '../../domain/imports/mapping.js';
import { columnIndex } from '../../domain/imports/parse-row.js';
import { Directory } from '../../domain/imports/references.js';
import type { ParseContext } from '../../domain/imports/row-context.js';
import { prepareMapping } from '../../domain/imports/row-reader.js';
import type { RowEnvironment } from '../../domain/imports/row-reader.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { directoryUsers } from '../../store/import-lookups.repo.js';
import { loadPipelines } from '../../store/pipelines.repo.js';
import { findDefaultPool } from '../../store/pools.repo.js';
import { findTenantById } from '../../store/tenants.repo.js';
import { visibilityOf } from '../access.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { dbFor } from '../transaction.js';

/** Everything fixed for the length of one import, checked and loaded before its first row. */
export interface PreparedImport {
  readonly entity: ImportEntity;
  readonly index: ReadonlyMap<string, number>;
  /** Position of the key column, or -1 when rows are identified by their content. */
  readonly keyIndex: number;
  readonly ignoredColumns: readonly string[];
  readonly env: RowEnvironment;
  readonly parse: ParseContext;
  readonly visibility: Visibility;
  readonly createAccounts: boolean;
}

export async function prepareImport(
  ctx: AppContext,
  principal: Principal,
  request: { entity: ImportEntity; format: ImportFormat; mapping: ImportMapping },
  headers: readonly string[],
): Promise<PreparedImport> {
  const resolved = resolveColumns(request.entity, headers, request.mapping);
  if (!resolved.ok) throw new DomainError('validation_failed', {}, resolved.issues);
  const { columns } = resolved;
  const db = dbFor(ctx);
  const tenant = await findTenantById(db, principal.tenantId);
  if (!tenant) throw notFound('tenant');
  const pool = await findDefaultPool(db, principal.tenantId);
  const pipelines =
    request.entity === 'opportunities'
      ? await loadPipelines(db, principal.tenantId, { includeArchived: false })
      : [];
  if (request.mapping.pipeline && !pipelines.some((p) => p.key === request.mapping.pipeline))
    throw new DomainError('validation_failed', {}, [
      {
        path: 'pipeline',
        code: 'unknown_pipeline',
        message: `no pipeline "${request.mapping.pipeline}"`,
      },
    ]);
  return {
    entity: request.entity,
    index: columnIndex(headers, columns),
    keyIndex: columns.keyHeader === null ? -1 : headers.indexOf(columns.keyHeader),
    ignoredColumns: columns.ignored,
    env: {
      mapping: prepareMapping(request.mapping),
      excelSerials: request.format === 'xlsx',
      timeZone: tenant.timeZone,
    },
    parse: {
      directory: new Directory(await directoryUsers(db, principal.tenantId)),
      pipelines,
      pipelineKey: request.mapping.pipeline ?? null,
      currency: request.mapping.currency ?? tenant.defaultCurrency,
      importerId: principal.userId,
      poolId: pool?.id ?? null,
      now: nowIso(ctx),
    },
    visibility: await visibilityOf(db, principal),
    createAccounts: request.mapping.createAccounts ?? true,
  };
}
