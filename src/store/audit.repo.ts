import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntry } from '../domain/audit.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { AuditLogTable, Database } from './schema.js';

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    actorId: row.actor_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action as AuditAction,
    before: fromJsonColumn(row.before),
    after: fromJsonColumn(row.after),
    at: row.at,
    requestId: row.request_id,
  };
}

export async function insertAuditEntry(
  db: Kysely<Database>,
  tenantId: string,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      id: entry.id,
      actor_id: entry.actorId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      before: entry.before === null ? null : toJsonColumn(entry.before),
      after: entry.after === null ? null : toJsonColumn(entry.after),
      at: entry.at,
      request_id: entry.requestId,
    })
    .execute();
}

export interface AuditFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  readonly actorId?: string;
  /** Only these actions (a record's team history is its member and split changes). */
  readonly actions?: readonly AuditAction[];
}

export async function listAuditEntries(
  db: Kysely<Database>,
  tenantId: string,
  filter: AuditFilter,
  page: PageQuery,
): Promise<Page<AuditEntry>> {
  let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.actions) query = query.where('action', 'in', [...filter.actions]);
  const rows = await applyKeyset(query, 'audit_log', page).execute();
  return toPage(rows, page, toAuditEntry);
}
