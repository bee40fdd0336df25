import { DomainError, notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import {
  deleteDoneItem,
  insertDoneItem,
  listDoneItems,
} from '../store/opportunity-actions.repo.js';
import type { DoneItem, Evidence, ItemKind } from '../store/opportunity-actions.repo.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

export type { DoneItem, Evidence, ItemKind };

/** Key actions done and materials used on a deal, oldest first. */
export async function doneItems(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<DoneItem[]> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
  return listDoneItems(dbFor(ctx), principal.tenantId, opportunityId);
}

/**
 * Ticks a key action (or records a material as used) with its evidence: a note, an
 * activity or an attachment of this deal. The item must exist in the deal's pipeline;
 * ticking it twice is refused (409) so the record of who did it first is kept.
 */
export async function markDone(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: { kind: ItemKind; key: string; evidence?: Evidence },
): Promise<DoneItem> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
    const [pipeline] = await loadPipelines(trx, principal.tenantId, {
      ids: [deal.pipelineId],
      includeArchived: true,
    });
    const stage = pipeline?.stages.find((candidate) =>
      input.kind === 'action'
        ? candidate.rules.actions.some((action) => action.key === input.key)
        : candidate.rules.materials.some((material) => material.key === input.key),
    );
    if (!stage) throw new DomainError('reference_not_found', { field: 'key' });
    const evidence = input.evidence ?? {};
    await assertReferences(trx, principal, [
      { field: 'evidence/activityId', table: 'activities', id: evidence.activityId },
      { field: 'evidence/attachmentId', table: 'attachments', id: evidence.attachmentId },
    ]);
    const done = await listDoneItems(trx, principal.tenantId, opportunityId);
    if (done.some((item) => item.kind === input.kind && item.key === input.key))
      throw new DomainError('duplicate', { field: 'key' });
    const item: DoneItem = {
      id: ctx.newId(),
      kind: input.kind,
      key: input.key,
      stageId: stage.id,
      doneBy: principal.userId,
      doneAt: nowIso(ctx),
      evidence,
    };
    await insertDoneItem(trx, principal.tenantId, opportunityId, item);
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'update',
      before: null,
      after: { done: item },
    });
    return item;
  });
}

export async function undoDone(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  kind: ItemKind,
  key: string,
): Promise<void> {
  authorize(principal, 'opportunities.write');
  await inTransaction(ctx, async (trx) => {
    await getEntity(ctx, principal, opportunityStore, opportunityId);
    if (!(await deleteDoneItem(trx, principal.tenantId, opportunityId, kind, key)))
      throw notFound('action');
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'update',
      before: { done: { kind, key } },
      after: null,
    });
  });
}
