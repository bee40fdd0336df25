import type { Kysely, Selectable } from 'kysely';
import type { CurrencyCode } from '../domain/money.js';
import type { StageHistoryEntry } from '../domain/opportunities/opportunity.js';
import type { Database, StageHistoryTable } from './schema.js';
import { bulkInsert } from './bulk.repo.js';
import { markStageVisited, refreshVisitedStages } from './stage-reach.repo.js';

function toEntry(row: Selectable<StageHistoryTable>): StageHistoryEntry {
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    fromStageId: row.from_stage_id,
    enteredAt: row.entered_at,
    leftAt: row.left_at,
    movedBy: row.moved_by,
    reason: row.reason,
    amount: { amountMinor: row.amount_minor, currency: row.currency as CurrencyCode },
  };
}

export function toHistoryRow(tenantId: string, entry: StageHistoryEntry): StageHistoryTable {
  return {
    tenant_id: tenantId,
    id: entry.id,
    opportunity_id: entry.opportunityId,
    pipeline_id: entry.pipelineId,
    stage_id: entry.stageId,
    from_stage_id: entry.fromStageId,
    entered_at: entry.enteredAt,
    left_at: entry.leftAt,
    moved_by: entry.movedBy,
    reason: entry.reason,
    amount_minor: entry.amount.amountMinor,
    currency: entry.amount.currency,
  };
}

/** Adds a history row and sets the stage's bit on the deal (store/stage-reach.repo.ts). */
export async function insertHistoryEntry(
  db: Kysely<Database>,
  tenantId: string,
  entry: StageHistoryEntry,
): Promise<void> {
  await db.insertInto('stage_history').values(toHistoryRow(tenantId, entry)).execute();
  await markStageVisited(db, tenantId, entry.opportunityId, entry.stageId);
}

/**
 * Adds many history rows at once (imports, the demo tenant) and recomputes the deals'
 * visited stages from their history, in the caller's transaction.
 */
export async function insertHistoryRows(
  db: Kysely<Database>,
  tenantId: string,
  entries: readonly StageHistoryEntry[],
): Promise<void> {
  await bulkInsert(
    db,
    'stage_history',
    entries.map((entry) => toHistoryRow(tenantId, entry)),
  );
  await refreshVisitedStages(db, tenantId, [...new Set(entries.map((e) => e.opportunityId))]);
}

/** Closes the interval the opportunity is leaving. */
export async function closeOpenHistoryEntry(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  leftAt: string,
): Promise<void> {
  await db
    .updateTable('stage_history')
    .set({ left_at: leftAt })
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('left_at', 'is', null)
    .execute();
}

export async function listHistory(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<StageHistoryEntry[]> {
  const rows = await db
    .selectFrom('stage_history')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('entered_at')
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}
