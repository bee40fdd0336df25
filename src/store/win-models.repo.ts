import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

/**
 * Trained win-probability models and the predictions they made. One model per pipeline is
 * `active`; retraining supersedes it (the old row stays, for comparing metrics over time).
 * A prediction row per open deal is overwritten by each scoring run.
 */
export interface StoredWinModel {
  readonly id: string;
  readonly pipelineId: string;
  readonly algorithm: string;
  readonly status: 'active' | 'superseded';
  readonly sampleSize: number;
  /** JSON as written by the trainer; the app parses it. */
  readonly parameters: unknown;
  readonly metrics: unknown;
  readonly trainedAt: string;
}

export interface StoredWinPrediction {
  readonly opportunityId: string;
  readonly modelId: string;
  readonly probabilityBp: number;
  readonly factors: unknown;
  readonly scoredAt: string;
}

type ModelRow = Database['win_models'];

const toModel = (row: ModelRow): StoredWinModel => ({
  id: row.id,
  pipelineId: row.pipeline_id,
  algorithm: row.algorithm,
  status: row.status === 'active' ? 'active' : 'superseded',
  sampleSize: Number(row.sample_size),
  parameters: fromJsonColumn(row.parameters),
  metrics: fromJsonColumn(row.metrics),
  trainedAt: row.trained_at,
});

/** Makes `model` the pipeline's active model; call inside the transaction that adds it. */
export async function activateWinModel(
  trx: Kysely<Database>,
  tenantId: string,
  model: Omit<StoredWinModel, 'status'>,
): Promise<void> {
  await trx
    .updateTable('win_models')
    .set({ status: 'superseded' })
    .where('tenant_id', '=', tenantId)
    .where('pipeline_id', '=', model.pipelineId)
    .where('status', '=', 'active')
    .execute();
  await trx
    .insertInto('win_models')
    .values({
      tenant_id: tenantId,
      id: model.id,
      pipeline_id: model.pipelineId,
      algorithm: model.algorithm,
      status: 'active',
      sample_size: model.sampleSize,
      parameters: toJsonColumn(model.parameters),
      metrics: toJsonColumn(model.metrics),
      trained_at: model.trainedAt,
    })
    .execute();
}

export async function findActiveWinModel(
  db: Kysely<Database>,
  tenantId: string,
  pipelineId: string,
): Promise<StoredWinModel | null> {
  const row = await db
    .selectFrom('win_models')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('pipeline_id', '=', pipelineId)
    .where('status', '=', 'active')
    .orderBy('trained_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toModel(row) : null;
}

export async function findWinModel(
  db: Kysely<Database>,
  tenantId: string,
  modelId: string,
): Promise<StoredWinModel | null> {
  const row = await db
    .selectFrom('win_models')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', modelId)
    .executeTakeFirst();
  return row ? toModel(row) : null;
}

/** Writes (or overwrites) the predictions of one batch of deals in one statement. */
export async function saveWinPredictions(
  db: Kysely<Database>,
  tenantId: string,
  predictions: readonly Omit<StoredWinPrediction, 'scoredAt'>[],
  scoredAt: string,
): Promise<void> {
  if (predictions.length === 0) return;
  await db
    .insertInto('win_predictions')
    .values(
      predictions.map((p) => ({
        tenant_id: tenantId,
        opportunity_id: p.opportunityId,
        model_id: p.modelId,
        probability_bp: p.probabilityBp,
        factors: toJsonColumn(p.factors),
        scored_at: scoredAt,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['tenant_id', 'opportunity_id']).doUpdateSet((eb) => ({
        model_id: eb.ref('excluded.model_id'),
        probability_bp: eb.ref('excluded.probability_bp'),
        factors: eb.ref('excluded.factors'),
        scored_at: eb.ref('excluded.scored_at'),
      })),
    )
    .execute();
}

/**
 * Drops the predictions older models of the pipeline made: deals that closed, were deleted
 * or moved to another pipeline since, which the current model did not score again.
 */
export async function dropStalePredictions(
  db: Kysely<Database>,
  tenantId: string,
  pipelineId: string,
  currentModelId: string,
): Promise<number> {
  const result = await db
    .deleteFrom('win_predictions')
    .where('tenant_id', '=', tenantId)
    .where('model_id', '<>', currentModelId)
    .where('model_id', 'in', (eb) =>
      eb
        .selectFrom('win_models')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('pipeline_id', '=', pipelineId),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findWinPrediction(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<StoredWinPrediction | null> {
  const row = await db
    .selectFrom('win_predictions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  return row
    ? {
        opportunityId: row.opportunity_id,
        modelId: row.model_id,
        probabilityBp: Number(row.probability_bp),
        factors: fromJsonColumn(row.factors),
        scoredAt: row.scored_at,
      }
    : null;
}
