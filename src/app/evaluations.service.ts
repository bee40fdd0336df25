import { DomainError, notFound } from '../domain/errors.js';
import { defaultScorecard, weightedScore } from '../domain/pipeline/scorecard.js';
import type { Scorecard } from '../domain/pipeline/scorecard.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { insertEvaluation, listEvaluations } from '../store/evaluations.repo.js';
import type { Evaluation } from '../store/evaluations.repo.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor, inTransaction } from './transaction.js';

export type { Evaluation };

export interface EvaluationHistory {
  readonly scorecard: Scorecard;
  /** Newest first. */
  readonly evaluations: readonly Evaluation[];
}

async function scorecardOf(ctx: AppContext, principal: Principal, opportunityId: string) {
  const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
  const [pipeline] = await loadPipelines(dbFor(ctx), principal.tenantId, {
    ids: [deal.pipelineId],
    includeArchived: true,
  });
  if (!pipeline) throw notFound('pipeline');
  return { deal, scorecard: pipeline.scorecard ?? defaultScorecard };
}

export async function evaluationHistory(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<EvaluationHistory> {
  authorize(principal, 'opportunities.read');
  const { scorecard } = await scorecardOf(ctx, principal, opportunityId);
  return {
    scorecard,
    evaluations: await listEvaluations(dbFor(ctx), principal.tenantId, opportunityId),
  };
}

/**
 * Scores the deal on its pipeline's scorecard (each dimension 0–5). Every evaluation is
 * kept: the history shows how the rep's view of the deal changed stage by stage.
 */
export async function evaluateOpportunity(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: { scores: Readonly<Record<string, number>>; notes?: string | null },
): Promise<Evaluation> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const { deal, scorecard } = await scorecardOf(ctx, principal, opportunityId);
    const known = new Set(scorecard.dimensions.map((d) => d.key));
    const unknown = Object.keys(input.scores).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      throw new DomainError(
        'validation_failed',
        {},
        unknown.map((key) => ({
          path: `scores/${key}`,
          code: 'unknown_dimension',
          message: `no dimension "${key}"`,
        })),
      );
    }
    const evaluation: Evaluation = {
      id: ctx.newId(),
      opportunityId,
      stageId: deal.stageId,
      scores: input.scores,
      weightedScore: weightedScore(scorecard, input.scores),
      notes: input.notes?.trim() || null,
      evaluatedBy: principal.userId,
      createdAt: nowIso(ctx),
    };
    await insertEvaluation(trx, principal.tenantId, evaluation);
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'update',
      before: null,
      after: { evaluation },
    });
    return evaluation;
  });
}
