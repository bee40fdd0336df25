import type { Approval } from '../domain/approvals/approval.js';
import type { FieldIssue } from '../domain/errors.js';
import { notFound } from '../domain/errors.js';
import { completeness } from '../domain/opportunities/completeness.js';
import type { Completeness } from '../domain/opportunities/completeness.js';
import { evaluateMove } from '../domain/pipeline/gates.js';
import type { KeyAction, SalesMaterial } from '../domain/pipeline/stage-rules.js';
import type { Stage } from '../domain/pipeline/pipeline.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { describeUnmet } from '../i18n/gates.js';
import { pendingApprovalFor } from '../store/approvals.repo.js';
import { listCustomFields } from '../store/custom-fields.repo.js';
import { loadGateFacts } from '../store/gate-facts.repo.js';
import { listDoneItems } from '../store/opportunity-actions.repo.js';
import type { DoneItem } from '../store/opportunity-actions.repo.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { getEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor } from './transaction.js';

export interface Guidance {
  readonly stage: Stage;
  readonly actions: readonly (KeyAction & { done: DoneItem | null })[];
  readonly materials: readonly (SalesMaterial & { used: DoneItem | null })[];
  /** The next stage and what stands between the deal and it; null when closed or last. */
  readonly next: {
    readonly stage: Stage;
    readonly unmet: readonly FieldIssue[];
    readonly needsApproval: boolean;
  } | null;
  readonly completeness: Completeness & { readonly missingText: readonly FieldIssue[] };
  readonly pendingApproval: Approval | null;
}

/**
 * What the rep should do now and why: the stage's guidance, its key actions and materials
 * with what is done, and exactly what the next stage's gate still needs. The same gate
 * function as the move, so the preview and the move can never disagree.
 */
export async function opportunityGuidance(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Guidance> {
  authorize(principal, 'opportunities.read');
  const db = dbFor(ctx);
  const deal = await getEntity(ctx, principal, opportunityStore, id);
  const [pipeline] = await loadPipelines(db, principal.tenantId, {
    ids: [deal.pipelineId],
    includeArchived: true,
  });
  const stage = pipeline?.stages.find((candidate) => candidate.id === deal.stageId);
  if (!pipeline || !stage) throw notFound('pipeline');
  const facts = await loadGateFacts(db, principal.tenantId, deal);
  const done = await listDoneItems(db, principal.tenantId, id);
  const doneOf = (kind: 'action' | 'material', key: string) =>
    done.find((item) => item.kind === kind && item.key === key) ?? null;
  const customFields = await listCustomFields(db, principal.tenantId);
  const names = {
    stages: new Map(pipeline.stages.map((s) => [s.id, s])),
    actions: new Map(
      pipeline.stages.flatMap((s) => s.rules.actions.map((action) => [action.key, action])),
    ),
    customFields: new Map(customFields.map((field) => [field.key, field])),
  };
  const nextStage =
    stage.kind === 'open'
      ? (pipeline.stages
          .filter((s) => s.kind === 'open' && s.position > stage.position)
          .sort((a, b) => a.position - b.position)[0] ??
        pipeline.stages.find((s) => s.kind === 'won'))
      : undefined;
  const gate = nextStage
    ? evaluateMove(pipeline.stages, stage.id, nextStage.id, facts, pipeline.allowSkip)
    : null;
  const complete = completeness(pipeline.stages, stage.id, facts);
  return {
    stage,
    actions: stage.rules.actions.map((action) => ({
      ...action,
      done: doneOf('action', action.key),
    })),
    materials: stage.rules.materials.map((material) => ({
      ...material,
      used: doneOf('material', material.key),
    })),
    next:
      nextStage && gate
        ? {
            stage: nextStage,
            unmet: describeUnmet(gate.unmet, names),
            needsApproval: gate.approvalsNeeded.length > 0,
          }
        : null,
    completeness: {
      ...complete,
      missingText: describeUnmet(
        complete.missing.map((criterion) => ({
          stageId: stage.id,
          stageKey: stage.key,
          reason: { code: 'criterion', gate: 'exit', criterion },
        })),
        names,
      ),
    },
    pendingApproval: (await pendingApprovalFor(db, principal.tenantId, id)) ?? null,
  };
}
