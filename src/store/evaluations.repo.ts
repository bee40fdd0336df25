import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

export interface Evaluation {
  readonly id: string;
  readonly opportunityId: string;
  readonly stageId: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly weightedScore: number;
  readonly notes: string | null;
  readonly evaluatedBy: string | null;
  readonly createdAt: string;
}

export async function insertEvaluation(
  db: Kysely<Database>,
  tenantId: string,
  evaluation: Evaluation,
): Promise<void> {
  await db
    .insertInto('opportunity_evaluations')
    .values({
      tenant_id: tenantId,
      id: evaluation.id,
      opportunity_id: evaluation.opportunityId,
      stage_id: evaluation.stageId,
      scores: toJsonColumn(evaluation.scores),
      weighted_score: evaluation.weightedScore,
      notes: evaluation.notes,
      evaluated_by: evaluation.evaluatedBy,
      created_at: evaluation.createdAt,
    })
    .execute();
}

/** Newest first: the first is the deal's current score, the rest its history. */
export async function listEvaluations(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Evaluation[]> {
  const rows = await db
    .selectFrom('opportunity_evaluations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    opportunityId: row.opportunity_id,
    stageId: row.stage_id,
    scores: (fromJsonColumn(row.scores) ?? {}) as Record<string, number>,
    weightedScore: row.weighted_score,
    notes: row.notes,
    evaluatedBy: row.evaluated_by,
    createdAt: row.created_at,
  }));
}
