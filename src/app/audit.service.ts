import type { Kysely } from 'kysely';
import { redactSecrets } from '../domain/audit.js';
import type { AuditAction, AuditEntry } from '../domain/audit.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { insertAuditEntry, listAuditEntries } from '../store/audit.repo.js';
import type { AuditFilter } from '../store/audit.repo.js';
import type { Page } from '../store/pagination.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';

export interface AuditRecord {
  readonly entityType: string;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
}

/** Written in the same transaction as the change it describes: no change without its entry. */
export async function recordAudit(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  record: AuditRecord,
): Promise<void> {
  await insertAuditEntry(trx, principal.tenantId, {
    id: ctx.newId(),
    actorId: principal.userId,
    entityType: record.entityType,
    entityId: record.entityId,
    action: record.action,
    before: record.before === null ? null : redactSecrets(record.before),
    after: record.after === null ? null : redactSecrets(record.after),
    at: nowIso(ctx),
    requestId: principal.requestId,
  });
}

export const auditSorts = { at: { key: 'at', column: 'at' } } as const;

export async function listAudit(
  ctx: AppContext,
  principal: Principal,
  filter: AuditFilter,
  list: ListInput<keyof typeof auditSorts>,
): Promise<Page<AuditEntry>> {
  return listAuditEntries(ctx.store.db, principal.tenantId, filter, pageQuery(list, auditSorts));
}
