import type { Kysely } from 'kysely';
import type { Approval, StageApprovalRequest } from '../domain/approvals/approval.js';
import type { RuledStage } from '../domain/pipeline/gates.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { pendingApprovalFor, toApprovalRow } from '../store/approvals.repo.js';
import { insertRow, saveVersioned } from '../store/rows.repo.js';
import type { Database } from '../store/schema.js';
import { managerOf } from '../store/teams.repo.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';

/**
 * Asks for the sign-off a gated move needs. The approver is the deal owner's manager (up
 * the team tree), or any admin when the rule says so or no manager exists. A deal has at
 * most one pending request: asking again for the same move returns it, asking for a
 * different move supersedes it.
 */
export async function requestStageApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  deal: Opportunity,
  stages: readonly RuledStage[],
  move: { toStageId: string; reason: string | null; review?: StageApprovalRequest['review'] },
): Promise<Approval> {
  const now = nowIso(ctx);
  const pending = await pendingApprovalFor(trx, principal.tenantId, deal.id);
  if (pending && pending.request.toStageId === move.toStageId) return pending;
  if (pending) {
    const superseded: Approval = {
      ...pending,
      status: 'cancelled',
      comment: 'superseded',
      updatedAt: now,
      version: pending.version + 1,
    };
    await saveVersioned(
      trx,
      'approvals',
      toApprovalRow(principal.tenantId, superseded),
      pending.version,
    );
  }
  const wantsManager = stages.some((stage) => stage.rules.approval?.approver === 'manager');
  const manager = wantsManager ? await managerOf(trx, principal.tenantId, deal.ownerId) : null;
  const approval: Approval = {
    id: ctx.newId(),
    opportunityId: deal.id,
    kind: 'stage',
    stageId: move.toStageId,
    requestedBy: principal.userId,
    approverId: manager,
    approverRole: manager ? null : 'admin',
    status: 'pending',
    request: {
      toStageId: move.toStageId,
      reason: move.reason,
      stageIds: stages.map((stage) => stage.id),
      ...(move.review ? { review: move.review } : {}),
    },
    comment: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await insertRow(trx, 'approvals', toApprovalRow(principal.tenantId, approval));
  await recordAudit(trx, ctx, principal, {
    entityType: 'approval',
    entityId: approval.id,
    action: 'create',
    before: null,
    after: approval,
  });
  return approval;
}
