import { DomainError } from '../domain/errors.js';
import type { Lead, ScoredLead } from '../domain/leads/lead.js';
import { chooseAssignee, ruleMatches } from '../domain/pools/assignment.js';
import type { AssignmentRule, LeadTraits, Strategy } from '../domain/pools/assignment.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  assignmentCandidates,
  assignmentLogOf,
  insertAssignmentLog,
  listAssignmentRules,
  markAssigned,
  replaceAssignmentRules,
} from '../store/assignment.repo.js';
import type { AssignmentLogEntry, StoredAssignmentRule } from '../store/assignment.repo.js';
import { findTenantById } from '../store/tenants.repo.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity } from './entity.js';
import { leadStore } from './leads.service.js';
import { changeLeadOwnership } from './pool-moves.service.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

export interface AssignmentRuleInput {
  readonly name: string;
  readonly when: AssignmentRule['when'];
  readonly userIds: readonly string[];
  readonly strategy: Strategy;
  readonly active?: boolean;
}

export async function assignmentRules(
  ctx: AppContext,
  principal: Principal,
): Promise<StoredAssignmentRule[]> {
  authorize(principal, 'leads.assign_any');
  return listAssignmentRules(dbFor(ctx), principal.tenantId);
}

/**
 * Replaces the routing table (first match wins). Every rep named must exist and be active
 * in the tenant, so a typo cannot route leads into nowhere.
 */
export async function setAssignmentRules(
  ctx: AppContext,
  principal: Principal,
  rules: readonly AssignmentRuleInput[],
): Promise<StoredAssignmentRule[]> {
  authorize(principal, 'leads.assign_any');
  return inTransaction(ctx, async (trx) => {
    await assertReferences(
      trx,
      principal,
      rules.flatMap((rule, index) =>
        rule.userIds.map((id, at) => ({
          field: `rules.${index}.userIds.${at}`,
          table: 'users' as const,
          id,
        })),
      ),
    );
    const before = await listAssignmentRules(trx, principal.tenantId);
    const now = nowIso(ctx);
    const next = rules.map((rule, position) => ({
      id: ctx.newId(),
      name: rule.name,
      position,
      when: rule.when,
      userIds: [...new Set(rule.userIds)],
      strategy: rule.strategy,
      active: rule.active ?? true,
      updatedAt: now,
    }));
    await replaceAssignmentRules(trx, principal.tenantId, next);
    await recordAudit(trx, ctx, principal, {
      entityType: 'assignment_rules',
      entityId: principal.tenantId,
      action: 'update',
      before,
      after: next,
    });
    return next;
  });
}

const traitsOf = (lead: Lead): LeadTraits => ({
  region: lead.region,
  industry: lead.industry,
  source: lead.source,
  size: lead.size,
  language: lead.language,
});

/**
 * Picks the rep for a lead by the routing rules (else the tenant's default strategy),
 * skipping reps on leave, at capacity or without the lead's language, and hands the lead
 * over as an `assign` with the pool rules applied. The explanation is logged with the lead.
 */
export async function autoAssignLead(
  ctx: AppContext,
  principal: Principal,
  leadId: string,
  request: { readonly version: number; readonly reason?: string },
): Promise<{ lead: ScoredLead; log: AssignmentLogEntry }> {
  authorize(principal, 'leads.assign_any');
  return inTransaction(ctx, async (trx) => {
    const lead = await getEntity(ctx, principal, leadStore, leadId);
    const tenantId = principal.tenantId;
    const now = nowIso(ctx);
    const rules = (await listAssignmentRules(trx, tenantId)).filter((rule) => rule.active);
    const traits = traitsOf(lead);
    const matched = rules.find((rule) => ruleMatches(rule, traits));
    // Re-assigning an owned lead means handing it to someone else, never back to its owner.
    const candidates = (
      await assignmentCandidates(trx, tenantId, now, matched?.userIds ?? null)
    ).filter((candidate) => candidate.userId !== lead.ownerId);
    const fallback = (await findTenantById(trx, tenantId))?.settings.assignmentStrategy;
    const decision = chooseAssignee(traits, candidates, rules, fallback ?? 'round_robin');
    if (decision.userId === null) {
      throw new DomainError('no_eligible_assignee', {}, [], {
        explanation: decision.explanation,
      });
    }
    const assigned = await changeLeadOwnership(ctx, principal, leadId, {
      version: request.version,
      action: 'assign',
      toUserId: decision.userId,
      reason: request.reason ?? `auto: ${decision.explanation.why}`,
    });
    await markAssigned(trx, tenantId, decision.userId, now);
    const log: AssignmentLogEntry = {
      id: ctx.newId(),
      leadId,
      userId: decision.userId,
      explanation: decision.explanation,
      at: now,
    };
    await insertAssignmentLog(trx, tenantId, log);
    return { lead: assigned, log };
  });
}

export async function assignmentLog(
  ctx: AppContext,
  principal: Principal,
  leadId: string,
): Promise<AssignmentLogEntry[]> {
  await getEntity(ctx, principal, leadStore, leadId);
  return assignmentLogOf(dbFor(ctx), principal.tenantId, leadId);
}
