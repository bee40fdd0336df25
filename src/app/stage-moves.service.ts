import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../domain/errors.js';
import type { Opportunity, StageHistoryEntry } from '../domain/opportunities/opportunity.js';
import { decideStageMove } from '../domain/pipeline/stage-move.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import type { Database } from '../store/schema.js';
import {
  closeOpenHistoryEntry,
  insertHistoryEntry,
  listHistory,
} from '../store/stage-history.repo.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { getEntity, updateEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor } from './transaction.js';

export interface StageMoveInput {
  readonly version: number;
  readonly stageId: string;
  /** Required when moving backwards or reopening a closed deal. */
  readonly reason?: string | null;
}

/** Opens the history interval for the stage the opportunity is now in. */
export async function openHistoryEntry(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  opportunity: Opportunity,
  fromStageId: string | null,
  reason: string | null,
): Promise<void> {
  await insertHistoryEntry(trx, principal.tenantId, {
    id: ctx.newId(),
    opportunityId: opportunity.id,
    pipelineId: opportunity.pipelineId,
    stageId: opportunity.stageId,
    fromStageId,
    enteredAt: opportunity.stageEnteredAt,
    leftAt: null,
    movedBy: principal.userId,
    reason,
    amount: opportunity.amount,
  });
}

/**
 * Moves an opportunity to another stage of its pipeline: closes the current history
 * interval, opens the next, and sets status and close date as the target stage's kind says.
 */
export async function moveOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: StageMoveInput,
): Promise<Opportunity> {
  authorize(principal, 'opportunities.write');
  return updateEntity(
    ctx,
    principal,
    opportunityStore,
    id,
    input.version,
    async (trx, current, { now }) => {
      const [pipeline] = await loadPipelines(trx, principal.tenantId, {
        ids: [current.pipelineId],
        includeArchived: true,
      });
      if (!pipeline) throw notFound('pipeline');
      const from = pipeline.stages.find((stage) => stage.id === current.stageId);
      const to = pipeline.stages.find((stage) => stage.id === input.stageId);
      if (!from) throw notFound('stage');
      if (!to) throw new DomainError('stage_not_in_pipeline', { field: 'stageId' });
      if (from.id === to.id) return current;
      const reason = input.reason?.trim() || null;
      const decision = decideStageMove({ from, to, reason, now });
      const next: Opportunity = {
        ...current,
        stageId: to.id,
        status: decision.status,
        closedAt: decision.closedAt,
        stageEnteredAt: now,
      };
      await closeOpenHistoryEntry(trx, principal.tenantId, id, now);
      await openHistoryEntry(trx, ctx, principal, next, from.id, reason);
      return next;
    },
    { action: 'move_stage' },
  );
}

export async function stageHistory(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<StageHistoryEntry[]> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, id);
  return listHistory(dbFor(ctx), principal.tenantId, id);
}
