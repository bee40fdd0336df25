import type { Kysely } from 'kysely';
import type { DealChangeRecord } from '../domain/opportunities/deal-changes.js';
import type { DealChangesTable, Database } from './schema.js';

export function toDealChangeRow(
  tenantId: string,
  id: string,
  record: DealChangeRecord,
): DealChangesTable {
  return {
    tenant_id: tenantId,
    id,
    opportunity_id: record.opportunityId,
    field: record.field,
    from_amount_minor: record.fromAmountMinor,
    to_amount_minor: record.toAmountMinor,
    from_date: record.fromDate,
    to_date: record.toDate,
    currency: record.currency,
    changed_at: record.changedAt,
    changed_by: record.changedBy,
  };
}

/** Appends change records; rows are never updated (they are history). */
export async function insertDealChanges(
  db: Kysely<Database>,
  tenantId: string,
  records: readonly DealChangeRecord[],
  newId: () => string,
): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('deal_changes')
    .values(records.map((record) => toDealChangeRow(tenantId, newId(), record)))
    .execute();
}

/** A deal's changes, oldest first (for its timeline and for tests). */
export async function listDealChanges(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<DealChangeRecord[]> {
  const rows = await db
    .selectFrom('deal_changes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    opportunityId: row.opportunity_id,
    field: row.field === 'amount' ? 'amount' : 'close_date',
    fromAmountMinor: row.from_amount_minor === null ? null : Number(row.from_amount_minor),
    toAmountMinor: row.to_amount_minor === null ? null : Number(row.to_amount_minor),
    fromDate: row.from_date,
    toDate: row.to_date,
    currency: row.currency,
    changedAt: row.changed_at,
    changedBy: row.changed_by,
  }));
}
