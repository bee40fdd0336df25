import type { WinFactor } from '../../domain/analytics/win-model/naive-bayes.js';
import type { WinModelMetrics } from '../../domain/analytics/win-model/training.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { loadPipelines } from '../../store/pipelines.repo.js';
import {
  findActiveWinModel,
  findWinModel,
  findWinPrediction,
} from '../../store/win-models.repo.js';
import { namesById } from '../../store/names.repo.js';
import type { StoredWinModel } from '../../store/win-models.repo.js';
import type { AppContext } from '../context.js';
import { getOpportunity } from '../opportunities.service.js';
import { dbFor } from '../transaction.js';
import { parseFactors, parseMetrics } from './win-model.schema.js';

/** A factor with the display name of the stage or owner it names, when it names one. */
export interface LabelledFactor extends WinFactor {
  readonly label?: Record<Locale, string>;
}

export interface DealWinProbability {
  readonly opportunityId: string;
  /** null: no learned probability yet (no model for the pipeline, or not scored since). */
  readonly probabilityBp: number | null;
  /** The deal's stage probability now, percent, for comparison. */
  readonly stageProbability: number | null;
  readonly scoredAt: string | null;
  readonly model: {
    readonly id: string;
    readonly trainedAt: string;
    readonly active: boolean;
  } | null;
  readonly factors: readonly LabelledFactor[];
}

/** A deal's learned win probability and why, for whoever may see the deal (else 404). */
export async function getWinProbability(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<DealWinProbability> {
  const deal = await getOpportunity(ctx, principal, opportunityId);
  const db = dbFor(ctx);
  const [pipeline] = await loadPipelines(db, principal.tenantId, {
    ids: [deal.pipelineId],
    includeArchived: true,
  });
  const stages = new Map((pipeline?.stages ?? []).map((stage) => [stage.id, stage]));
  const stageProbability = stages.get(deal.stageId)?.probability ?? null;
  const prediction = await findWinPrediction(db, principal.tenantId, deal.id);
  const model = prediction ? await findWinModel(db, principal.tenantId, prediction.modelId) : null;
  // A prediction made for another pipeline (the deal moved since) says nothing about this one.
  if (!prediction || !model || model.pipelineId !== deal.pipelineId)
    return {
      opportunityId: deal.id,
      probabilityBp: null,
      stageProbability,
      scoredAt: null,
      model: null,
      factors: [],
    };
  const factors = parseFactors(prediction.factors);
  const owners = await namesById(
    db,
    'users',
    principal.tenantId,
    factors.filter((f) => f.feature === 'owner').map((f) => f.value),
  );
  const labelOf = (factor: WinFactor): Record<Locale, string> | undefined => {
    if (factor.feature === 'stage') {
      const stage = stages.get(factor.value);
      return stage ? { en: stage.nameEn, 'zh-CN': stage.nameZh } : undefined;
    }
    const name = factor.feature === 'owner' ? owners.get(factor.value) : undefined;
    return name === undefined ? undefined : { en: name, 'zh-CN': name };
  };
  return {
    opportunityId: deal.id,
    probabilityBp: prediction.probabilityBp,
    stageProbability,
    scoredAt: prediction.scoredAt,
    model: { id: model.id, trainedAt: model.trainedAt, active: model.status === 'active' },
    factors: factors.map((factor) => {
      const label = labelOf(factor);
      return label ? { ...factor, label } : factor;
    }),
  };
}

export interface ActiveWinModel extends Omit<StoredWinModel, 'metrics'> {
  readonly metrics: WinModelMetrics;
}

/** The pipeline's active model with its metrics, or null when it has none. */
export async function activeWinModel(
  ctx: AppContext,
  tenantId: string,
  pipelineId: string,
): Promise<ActiveWinModel | null> {
  const model = await findActiveWinModel(dbFor(ctx), tenantId, pipelineId);
  return model ? { ...model, metrics: parseMetrics(model.metrics) } : null;
}
