import type { Kysely } from 'kysely';
import type { Approval } from '../domain/approvals/approval.js';
import { DomainError, notFound, versionConflict } from '../domain/errors.js';
import type { Opportunity, StageHistoryEntry } from '../domain/opportunities/opportunity.js';
import type { CloseOutcome } from '../domain/opportunities/review.js';
import { evaluateMove } from '../domain/pipeline/gates.js';
import type { Pipeline } from '../domain/pipeline/pipeline.js';
import { decideStageMove } from '../domain/pipeline/stage-move.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { describeUnmet } from '../i18n/gates.js';
import { listCustomFields } from '../store/custom-fields.repo.js';
import { loadGateFacts } from '../store/gate-facts.repo.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import { insertReview } from '../store/reviews.repo.js';
import type { Database } from '../store/schema.js';
import {
  closeOpenHistoryEntry,
  insertHistoryEntry,
  listHistory,
} from '../store/stage-history.repo.js';
import { authorize } from './access.js';
import { recordDealEvents } from './automation/capture.js';
import { requestStageApproval } from './approval-requests.js';
import { assertReasons } from './close-reasons.service.js';
import { assertDiscountCleared } from './discount-approvals.js';
import type { AppContext } from './context.js';
import { getEntity, updateEntity } from './entity.js';
import { dealStageDeadline } from './experiments/assign.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface ReviewInput {
  readonly reasons: readonly string[];
  readonly competitor?: string | null;
  readonly notes?: string | null;
}

export interface StageMoveInput {
  readonly version: number;
  readonly stageId: string;
  /** Required when moving backwards or reopening a closed deal. */
  readonly reason?: string | null;
  /** Required (with a reason) to close as lost; asked for when closing as won. */
  readonly review?: ReviewInput;
}

export type MoveOutcome =
  | { readonly status: 'moved'; readonly opportunity: Opportunity }
  | { readonly status: 'pending_approval'; readonly approval: Approval };

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

/** Refuses with every unmet criterion, in both languages and machine-readable. */
async function refuse(
  trx: Kysely<Database>,
  tenantId: string,
  pipeline: Pipeline,
  unmet: ReturnType<typeof evaluateMove>['unmet'],
): Promise<never> {
  const customFields = await listCustomFields(trx, tenantId);
  const issues = describeUnmet(unmet, {
    stages: new Map(pipeline.stages.map((stage) => [stage.id, stage])),
    actions: new Map(
      pipeline.stages.flatMap((stage) => stage.rules.actions.map((action) => [action.key, action])),
    ),
    customFields: new Map(customFields.map((field) => [field.key, field])),
  });
  throw new DomainError('gate_failed', { count: unmet.length }, issues, { unmet });
}

/**
 * Moves an opportunity to another stage of its pipeline, if its standards allow: the gates
 * are judged by the pure core; a refused move answers 422 with everything missing; a move
 * into a stage that needs sign-off becomes an approval request and completes when it is
 * approved. A completed move closes the current history interval, opens the next, sets
 * status and close date, and stores the win/loss review.
 */
export async function moveOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: StageMoveInput,
): Promise<MoveOutcome> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const current = await getEntity(ctx, principal, opportunityStore, id);
    if (current.version !== input.version) throw versionConflict('opportunity');
    const [pipeline] = await loadPipelines(trx, principal.tenantId, {
      ids: [current.pipelineId],
      includeArchived: true,
    });
    if (!pipeline) throw notFound('pipeline');
    const from = pipeline.stages.find((stage) => stage.id === current.stageId);
    const to = pipeline.stages.find((stage) => stage.id === input.stageId);
    if (!from) throw notFound('stage');
    if (!to) throw new DomainError('stage_not_in_pipeline', { field: 'stageId' });
    if (from.id === to.id) return { status: 'moved', opportunity: current };

    const reason = input.reason?.trim() || null;
    const facts = await loadGateFacts(trx, principal.tenantId, current);
    const gate = evaluateMove(pipeline.stages, from.id, to.id, facts, pipeline.allowSkip);
    if (gate.unmet.length > 0) return refuse(trx, principal.tenantId, pipeline, gate.unmet);
    const decision = decideStageMove({ from, to, reason, now: ctx.clock.now().toISOString() });
    if (to.kind !== 'open') await checkReview(trx, ctx, principal.tenantId, to.kind, input.review);
    // A deep discount waits for its sign-off before the deal goes forward (docs/approvals.md).
    await assertDiscountCleared(trx, principal.tenantId, current, from, to);
    if (gate.approvalsNeeded.length > 0) {
      // A close waiting for sign-off keeps its review, written when the close completes.
      const review = input.review && {
        reasons: input.review.reasons,
        competitor: input.review.competitor ?? null,
        notes: input.review.notes ?? null,
      };
      const approval = await requestStageApproval(
        trx,
        ctx,
        principal,
        current,
        gate.approvalsNeeded,
        {
          toStageId: to.id,
          reason,
          ...(review ? { review } : {}),
        },
      );
      return { status: 'pending_approval', approval };
    }
    const moved = await updateEntity(
      ctx,
      principal,
      opportunityStore,
      id,
      input.version,
      async (trx, deal, { now }) => {
        const next: Opportunity = {
          ...deal,
          stageId: to.id,
          status: decision.status,
          closedAt: decision.closedAt,
          stageEnteredAt: now,
          // Each stage sets its own follow-up rhythm (daily in the closing sprint).
          deadlineAt: await dealStageDeadline(trx, principal.tenantId, id, to, new Date(now)),
          deadlineLevel: 0,
        };
        await closeOpenHistoryEntry(trx, principal.tenantId, id, now);
        await openHistoryEntry(trx, ctx, principal, next, from.id, reason);
        await recordDealEvents(trx, ctx, principal.tenantId, deal, next);
        return next;
      },
      { action: 'move_stage' },
    );
    if (to.kind !== 'open' && input.review) {
      await insertReview(trx, principal.tenantId, {
        id: ctx.newId(),
        opportunityId: id,
        outcome: to.kind,
        reasons: [...new Set(input.review.reasons)],
        competitor: input.review.competitor?.trim() || null,
        // A loss is remembered at the stage where it happened; a win at the won stage.
        stageId: to.kind === 'lost' ? from.id : to.id,
        notes: input.review.notes?.trim() || null,
        reviewedBy: principal.userId,
        createdAt: moved.updatedAt,
      });
    }
    return { status: 'moved', opportunity: moved };
  });
}

/** A loss must be reviewed (at least one reason); a win's reasons are optional but checked. */
async function checkReview(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  outcome: CloseOutcome,
  review: ReviewInput | undefined,
): Promise<void> {
  if (outcome === 'lost' && (!review || review.reasons.length === 0))
    throw new DomainError('review_required');
  if (review) await assertReasons(trx, ctx, tenantId, outcome, review.reasons);
}

/** Closing by outcome rather than by stage: picks the pipeline's won or lost stage. */
export async function closeOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { version: number; outcome: CloseOutcome } & ReviewInput,
): Promise<MoveOutcome> {
  const deal = await getEntity(ctx, principal, opportunityStore, id);
  const [pipeline] = await loadPipelines(dbFor(ctx), principal.tenantId, {
    ids: [deal.pipelineId],
    includeArchived: true,
  });
  const stage = pipeline?.stages.find((candidate) => candidate.kind === input.outcome);
  if (!stage) throw notFound('stage');
  const { version, outcome: _outcome, ...review } = input;
  return moveOpportunity(ctx, principal, id, { version, stageId: stage.id, review });
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
