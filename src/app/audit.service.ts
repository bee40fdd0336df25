import type { Kysely } from 'kysely';
import { redactSecrets } from '../domain/audit.js';
import type { AuditAction, AuditEntry } from '../domain/audit.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { insertAuditEntry, listAuditEntries } from '../store/audit.repo.js';
import type { AuditFilter } from '../store/audit.repo.js';
import type { Page } from '../store/pagination.js';
import type { Database } from '../store/schema.js';
import { DomainError } from '../domain/errors.js';
import { assertVisible, can } from './access.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { pageQuery } from './listing.js';
import { assertFilterReferences } from './references.js';
import { dbFor } from './transaction.js';
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

const tablesByEntity = {
  lead: 'leads',
  account: 'accounts',
  contact: 'contacts',
  opportunity: 'opportunities',
  activity: 'activities',
  task: 'tasks',
} as const;

/**
 * Admins read the whole trail; everyone else reads the history of one record they can
 * see (or their own user record), so the trail never leaks what visibility hides.
 */
async function assertMayRead(
  ctx: AppContext,
  principal: Principal,
  filter: AuditFilter,
): Promise<void> {
  if (can(principal, 'audit.read_all')) return;
  const { entityType, entityId } = filter;
  if (!entityType || !entityId) throw new DomainError('forbidden', { action: 'audit.read_all' });
  if (entityType === 'user' && entityId === principal.userId) return;
  if (!Object.hasOwn(tablesByEntity, entityType))
    throw new DomainError('forbidden', { action: 'audit.read_all' });
  const table = tablesByEntity[entityType as keyof typeof tablesByEntity];
  await assertVisible(dbFor(ctx), principal, table, entityId, entityType, { includeDeleted: true });
}

export async function listAudit(
  ctx: AppContext,
  principal: Principal,
  filter: AuditFilter,
  list: ListInput<keyof typeof auditSorts>,
): Promise<Page<AuditEntry>> {
  await assertMayRead(ctx, principal, filter);
  await assertFilterReferences(dbFor(ctx), principal, [
    { field: 'actorId', table: 'users', id: filter.actorId },
  ]);
  return listAuditEntries(dbFor(ctx), principal.tenantId, filter, pageQuery(list, auditSorts));
}
