import type { Kysely } from 'kysely';
import type {
  Approval,
  ApprovalKind,
  DiscountApprovalRequest,
  RuleApprovalRequest,
  StageApprovalRequest,
} from '../domain/approvals/approval.js';
import { buildSteps, cancelSteps, delegateFor } from '../domain/approvals/chain.js';
import type { ActiveDelegation } from '../domain/approvals/chain.js';
import { linksFor } from '../domain/approvals/policy.js';
import type { ApproverRule } from '../domain/approvals/policy.js';
import { notFound } from '../domain/errors.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { RuledStage } from '../domain/pipeline/gates.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { activeDelegations, loadApprovalPolicy } from '../store/approval-chains.repo.js';
import {
  pendingApprovalByKey,
  pendingApprovalFor,
  toApprovalRow,
} from '../store/approvals.repo.js';
import { findRow, insertRow, saveVersioned } from '../store/rows.repo.js';
import type { Database } from '../store/schema.js';
import { managerOf } from '../store/teams.repo.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { opportunityStore } from './opportunity-store.js';

/** Who stands in for whom right now, for routing a step that becomes current. */
export async function delegationRouter(
  db: Kysely<Database>,
  tenantId: string,
  now: string,
): Promise<(approverId: string | null) => string | null> {
  const leaves = await activeDelegations(db, tenantId, now);
  const byUser = new Map<string, ActiveDelegation>(leaves.map((leave) => [leave.userId, leave]));
  return (approverId) => delegateFor(approverId, byUser);
}

async function resolveApprover(
  db: Kysely<Database>,
  tenantId: string,
  rule: ApproverRule,
  ownerId: string,
  previous: string | null | undefined,
): Promise<string | null> {
  switch (rule.type) {
    case 'owner_manager':
      return managerOf(db, tenantId, ownerId);
    case 'next_manager':
      // A director: whoever manages the previous approver (no one above an admin step).
      return previous ? managerOf(db, tenantId, previous) : null;
    case 'user': {
      const user = await findRow(db, 'users', tenantId, rule.userId);
      return user?.status === 'active' ? user.id : null;
    }
    case 'admin':
      return null;
  }
}

interface Ask {
  readonly kind: ApprovalKind;
  readonly request: StageApprovalRequest | DiscountApprovalRequest | RuleApprovalRequest;
  readonly stageId: string | null;
  readonly amountMinor: number | null;
  readonly dedupeKey: string | null;
  /** Overrides the first link's approver (a stage rule that asks admins, not the manager). */
  readonly firstApprover?: ApproverRule;
}

/**
 * Opens a request on the deal with the chain the tenant's policy gives its kind and
 * amount; the first step goes to its approver's delegate when they are away.
 */
async function openApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  deal: Opportunity,
  ask: Ask,
): Promise<Approval> {
  const now = nowIso(ctx);
  const { policy } = await loadApprovalPolicy(trx, principal.tenantId);
  const links = linksFor(policy, ask.kind, ask.amountMinor);
  const approvers: { approverId: string | null }[] = [];
  for (const [index, link] of links.entries()) {
    const rule = index === 0 && ask.firstApprover ? ask.firstApprover : link.approver;
    const previous = approvers[index - 1]?.approverId;
    approvers.push({
      approverId: await resolveApprover(trx, principal.tenantId, rule, deal.ownerId, previous),
    });
  }
  const routeTo = await delegationRouter(trx, principal.tenantId, now);
  const [first, ...rest] = buildSteps(approvers);
  const firstStep = first && { ...first, delegateId: routeTo(first.approverId) };
  const steps = firstStep ? [firstStep, ...rest] : [];
  const common = {
    id: ctx.newId(),
    opportunityId: deal.id,
    stageId: ask.stageId,
    requestedBy: principal.userId,
    approverId: firstStep ? (firstStep.delegateId ?? firstStep.approverId) : null,
    approverRole: firstStep ? firstStep.approverRole : ('admin' as const),
    status: 'pending' as const,
    amountMinor: ask.amountMinor,
    dedupeKey: ask.dedupeKey,
    currentStep: 0,
    steps,
    comment: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const approval: Approval =
    ask.kind === 'stage'
      ? { ...common, kind: 'stage', request: ask.request as StageApprovalRequest }
      : ask.kind === 'discount'
        ? { ...common, kind: 'discount', request: ask.request as DiscountApprovalRequest }
        : { ...common, kind: 'rule', request: ask.request as RuleApprovalRequest };
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

/** Withdraws a pending request another one replaces. */
export async function supersedeApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  pending: Approval,
): Promise<void> {
  const superseded: Approval = {
    ...pending,
    status: 'cancelled',
    comment: 'superseded',
    steps: cancelSteps(pending.steps),
    updatedAt: nowIso(ctx),
    version: pending.version + 1,
  };
  await saveVersioned(
    trx,
    'approvals',
    toApprovalRow(principal.tenantId, superseded),
    pending.version,
  );
  await recordAudit(trx, ctx, principal, {
    entityType: 'approval',
    entityId: pending.id,
    action: 'update',
    before: pending,
    after: superseded,
  });
}

/**
 * Asks for the sign-off a gated move needs, through the tenant's stage chain by the deal's
 * amount. The first approver is the deal owner's manager (up the team tree), or any admin
 * when the stage rule says so or no manager exists. A deal has at most one pending stage
 * request: asking again for the same move returns it, asking for a different move
 * supersedes it.
 */
export async function requestStageApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  deal: Opportunity,
  stages: readonly RuledStage[],
  move: { toStageId: string; reason: string | null; review?: StageApprovalRequest['review'] },
): Promise<Approval> {
  const pending = await pendingApprovalFor(trx, principal.tenantId, deal.id, 'stage');
  if (pending?.kind === 'stage' && pending.request.toStageId === move.toStageId) return pending;
  if (pending) await supersedeApproval(trx, ctx, principal, pending);
  const wantsManager = stages.some((stage) => stage.rules.approval?.approver === 'manager');
  return openApproval(trx, ctx, principal, deal, {
    kind: 'stage',
    stageId: move.toStageId,
    amountMinor: deal.amount.amountMinor,
    dedupeKey: `stage:${move.toStageId}`,
    request: {
      toStageId: move.toStageId,
      reason: move.reason,
      stageIds: stages.map((stage) => stage.id),
      ...(move.review ? { review: move.review } : {}),
    },
    ...(wantsManager ? {} : { firstApprover: { type: 'admin' } }),
  });
}

export type ApprovalAsk =
  | {
      readonly kind: 'rule';
      readonly opportunityId: string;
      readonly title: string;
      readonly amountMinor: number | null;
      readonly dedupeKey: string;
    }
  | {
      readonly kind: 'discount';
      readonly opportunityId: string;
      readonly discountBasisPoints: number;
      readonly thresholdPercent: number;
      readonly amountMinor: number | null;
      readonly dedupeKey: string;
      /** A quote's discount (docs/l2c/quotes.md) rather than the deal's own lines. */
      readonly quote?: { readonly id: string; readonly label: string };
    };

/**
 * Opens a pending sign-off on a deal (a rule's ask blocks nothing by itself; a discount's
 * holds the deal back until approved, see `discount-approvals.ts`), routed through the
 * tenant's chain for its kind by `amountMinor` (null: the deal's amount). Asking again
 * with the same `dedupeKey` while it is pending returns the pending one. Runs in the
 * caller's transaction, acting as `principal`.
 */
export async function requestApproval(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  ask: ApprovalAsk,
): Promise<Approval> {
  const deal = await opportunityStore.load(trx, principal.tenantId, ask.opportunityId);
  if (!deal) throw notFound('opportunity');
  return requestApprovalOn(trx, ctx, principal, deal, ask);
}

/** `requestApproval` for a deal the caller holds (possibly not saved yet in this state). */
export async function requestApprovalOn(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  deal: Opportunity,
  ask: ApprovalAsk,
): Promise<Approval> {
  const existing = await pendingApprovalByKey(
    trx,
    principal.tenantId,
    deal.id,
    ask.kind,
    ask.dedupeKey,
  );
  if (existing) return existing;
  const amountMinor = ask.amountMinor ?? deal.amount.amountMinor;
  if (ask.kind === 'rule') {
    return openApproval(trx, ctx, principal, deal, {
      kind: 'rule',
      stageId: null,
      amountMinor,
      dedupeKey: ask.dedupeKey,
      request: { title: ask.title },
    });
  }
  return openApproval(trx, ctx, principal, deal, {
    kind: 'discount',
    stageId: null,
    amountMinor,
    dedupeKey: ask.dedupeKey,
    request: {
      discountBasisPoints: ask.discountBasisPoints,
      thresholdPercent: ask.thresholdPercent,
      ...(ask.quote ? { quoteId: ask.quote.id, quoteLabel: ask.quote.label } : {}),
    },
  });
}
