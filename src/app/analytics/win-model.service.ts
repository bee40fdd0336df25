import { notFound } from '../../domain/errors.js';
import { featuresOf } from '../../domain/analytics/win-model/features.js';
import { naiveBayesTrainer, predictWin } from '../../domain/analytics/win-model/naive-bayes.js';
import { HELD_OUT_PERCENT, isHeldOut } from '../../domain/analytics/win-model/split.js';
import {
  evaluateWinModel,
  MIN_CLOSED_DEALS,
  trainingDecision,
} from '../../domain/analytics/win-model/training.js';
import type {
  HeldOutDeal,
  InsufficientReason,
  WinModelMetrics,
} from '../../domain/analytics/win-model/training.js';
import { winFeaturePage } from '../../store/analytics/win-features.sql.js';
import { loadPipelines } from '../../store/pipelines.repo.js';
import {
  activateWinModel,
  dropStalePredictions,
  findActiveWinModel,
  saveWinPredictions,
} from '../../store/win-models.repo.js';
import type { AppContext } from '../context.js';
import { dbFor, inTransaction } from '../transaction.js';

/**
 * Training the learned win probability of one pipeline (issue 6, 9d): read its closed
 * deals page by page, learn from the ~80% not held out, judge the model on the rest, store
 * it as the pipeline's active model (superseding the last in the same transaction), then
 * score every open deal of the pipeline in batches. Idempotent: a second run on the same
 * data stores an equal model and the same predictions.
 */
const PAGE = 2_000;
const DEFAULT_BATCH = 500;

export type WinTrainingResult =
  | {
      readonly status: 'trained';
      readonly pipelineId: string;
      readonly modelId: string;
      readonly supersededModelId: string | null;
      readonly sampleSize: number;
      readonly metrics: WinModelMetrics;
      /** Open deals given a prediction by this model. */
      readonly scored: number;
    }
  | {
      /** No model stored and no deal scored: the pipeline's history is too thin. */
      readonly status: 'insufficient_data';
      readonly pipelineId: string;
      readonly reason: InsufficientReason;
      readonly closedDeals: number;
      readonly minimumClosedDeals: number;
      /** Whatever model and predictions the pipeline had before are left as they were. */
      readonly predictions: 'unchanged';
    };

export interface TrainOptions {
  readonly batchSize?: number;
  /** Called after each scoring batch (a job renews its lease there). */
  readonly afterBatch?: () => Promise<void>;
}

async function* pages(
  ctx: AppContext,
  where: Parameters<typeof winFeaturePage>[1],
): AsyncGenerator<Awaited<ReturnType<typeof winFeaturePage>>> {
  let after: string | null = null;
  for (;;) {
    const page = await winFeaturePage(dbFor(ctx), where, after, PAGE);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = last.id;
  }
}

export async function trainWinModel(
  ctx: AppContext,
  tenantId: string,
  pipelineId: string,
  now: Date,
  options: TrainOptions = {},
): Promise<WinTrainingResult> {
  const [pipeline] = await loadPipelines(dbFor(ctx), tenantId, {
    ids: [pipelineId],
    includeArchived: true,
  });
  if (!pipeline) throw notFound('pipeline');
  const at = now.toISOString();

  const trainer = naiveBayesTrainer();
  const heldOut: HeldOutDeal[] = [];
  let closedDeals = 0;
  for await (const page of pages(ctx, { tenantId, pipelineId, set: 'closed' })) {
    for (const row of page) {
      closedDeals++;
      const features = featuresOf(row, at);
      const won = row.status === 'won';
      if (isHeldOut(row.id))
        heldOut.push({ features, won, stageProbability: row.stageProbability });
      else trainer.add({ features, won });
    }
  }
  const model = trainer.model();
  const decision = trainingDecision({
    closedDeals,
    trainingWon: model.won,
    trainingLost: model.lost,
  });
  if (!decision.train)
    return {
      status: 'insufficient_data',
      pipelineId,
      reason: decision.reason,
      closedDeals,
      minimumClosedDeals: MIN_CLOSED_DEALS,
      predictions: 'unchanged',
    };

  const metrics = evaluateWinModel(model, heldOut);
  const modelId = ctx.newId();
  const supersededModelId = await inTransaction(ctx, async (trx) => {
    const previous = await findActiveWinModel(trx, tenantId, pipelineId);
    await activateWinModel(trx, tenantId, {
      id: modelId,
      pipelineId,
      algorithm: model.algorithm,
      sampleSize: closedDeals,
      parameters: { ...model, heldOutPercent: HELD_OUT_PERCENT },
      metrics,
      trainedAt: at,
    });
    return previous?.id ?? null;
  });

  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let scored = 0;
  for await (const page of pages(ctx, { tenantId, pipelineId, set: 'open' })) {
    for (let i = 0; i < page.length; i += batchSize) {
      const batch = page.slice(i, i + batchSize).map((row) => {
        const prediction = predictWin(model, featuresOf(row, at));
        return { opportunityId: row.id, modelId, ...prediction };
      });
      await inTransaction(ctx, (trx) => saveWinPredictions(trx, tenantId, batch, at));
      scored += batch.length;
      await options.afterBatch?.();
    }
  }
  await inTransaction(ctx, (trx) => dropStalePredictions(trx, tenantId, pipelineId, modelId));
  return {
    status: 'trained',
    pipelineId,
    modelId,
    supersededModelId,
    sampleSize: closedDeals,
    metrics,
    scored,
  };
}

/** The daily job: every pipeline of the tenant that is still in use. */
export async function trainTenantWinModels(
  ctx: AppContext,
  tenantId: string,
  options: TrainOptions = {},
): Promise<{ pipelines: Record<string, string> }> {
  const pipelines = await loadPipelines(dbFor(ctx), tenantId, { includeArchived: false });
  const outcome: Record<string, string> = {};
  for (const pipeline of pipelines) {
    const result = await trainWinModel(ctx, tenantId, pipeline.id, ctx.clock.now(), options);
    outcome[pipeline.key] =
      result.status === 'trained'
        ? `trained: ${result.sampleSize} closed, ${result.scored} scored, brier ${result.metrics.brier ?? '-'}`
        : `${result.reason}: ${result.closedDeals} closed`;
  }
  return { pipelines: outcome };
}
