import type { Kysely, Selectable } from 'kysely';
import type { CloseOutcome, CloseReason, Review } from '../domain/opportunities/review.js';
import { stringArrayFromJson, toJsonColumn } from './json.js';
import type { CloseReasonsTable, Database } from './schema.js';

export function toCloseReason(row: Selectable<CloseReasonsTable>): CloseReason {
  return {
    id: row.id,
    outcome: row.outcome as CloseOutcome,
    key: row.key,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    position: row.position,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toCloseReasonRow(tenantId: string, reason: CloseReason): CloseReasonsTable {
  return {
    tenant_id: tenantId,
    id: reason.id,
    outcome: reason.outcome,
    key: reason.key,
    name_zh: reason.nameZh,
    name_en: reason.nameEn,
    position: reason.position,
    active: reason.active ? 1 : 0,
    created_at: reason.createdAt,
    updated_at: reason.updatedAt,
    version: reason.version,
  };
}

export async function listCloseReasons(
  db: Kysely<Database>,
  tenantId: string,
): Promise<CloseReason[]> {
  const rows = await db
    .selectFrom('close_reasons')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('outcome')
    .orderBy('position')
    .orderBy('key')
    .execute();
  return rows.map(toCloseReason);
}

export async function insertReview(
  db: Kysely<Database>,
  tenantId: string,
  review: Review,
): Promise<void> {
  await db
    .insertInto('opportunity_reviews')
    .values({
      tenant_id: tenantId,
      id: review.id,
      opportunity_id: review.opportunityId,
      outcome: review.outcome,
      reasons: toJsonColumn(review.reasons),
      competitor: review.competitor,
      stage_id: review.stageId,
      notes: review.notes,
      reviewed_by: review.reviewedBy,
      created_at: review.createdAt,
    })
    .execute();
}

export async function listReviews(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Review[]> {
  const rows = await db
    .selectFrom('opportunity_reviews')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    opportunityId: row.opportunity_id,
    outcome: row.outcome as CloseOutcome,
    reasons: stringArrayFromJson(row.reasons),
    competitor: row.competitor,
    stageId: row.stage_id,
    notes: row.notes,
    reviewedBy: row.reviewed_by,
    createdAt: row.created_at,
  }));
}
