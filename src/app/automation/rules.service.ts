import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/automation/event.js';
import { explainConditions } from '../../domain/automation/evaluate.js';
import type { ConditionResult } from '../../domain/automation/evaluate.js';
import type { Action, AutomationRule, RuleBody } from '../../domain/automation/rule.js';
import { ruleTemplates } from '../../domain/automation/templates.js';
import type { RuleTemplate } from '../../domain/automation/templates.js';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  deleteRule,
  findRule,
  insertRule,
  listRules,
  saveRule,
} from '../../store/automation-rules.repo.js';
import { listRuns } from '../../store/automation-runs.repo.js';
import { activeUsersWithRole } from '../../store/automation-sweep.repo.js';
import type { AutomationRun, RunFilter } from '../../store/automation-runs.repo.js';
import type { Page } from '../../store/pagination.js';
import { loadPipelines } from '../../store/pipelines.repo.js';
import type { Database } from '../../store/schema.js';
import { managerOf } from '../../store/teams.repo.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { getEntity } from '../entity.js';
import { opportunityStore } from '../opportunity-store.js';
import { assertFilterReferences, assertReferences } from '../references.js';
import type { Reference } from '../references.js';
import { dbFor, inTransaction } from '../transaction.js';
import { entityIssues } from '../../domain/automation/entity-fit.js';
import { leadStore } from '../leads.service.js';
import { factsOf } from './records.js';
import type { WatchedRecord } from './records.js';

/**
 * Managing a tenant's automation rules (admins only: a rule acts on everyone's deals), the
 * run log, the shipped templates and the dry run.
 */

/** Every id a rule names must be the tenant's own (422 reference_not_found otherwise). */
function referencesOf(rule: RuleBody): Reference[] {
  const refs: Reference[] = [];
  const { trigger } = rule;
  if (trigger.type === 'stage_entered' || trigger.type === 'stage_left') {
    refs.push({ field: 'trigger.stageId', table: 'stages', id: trigger.stageId });
  }
  for (const [index, condition] of rule.conditions.entries()) {
    const field = `conditions.${index}`;
    if (condition.kind === 'pipeline')
      refs.push(...condition.pipelineIds.map((id) => ({ field, table: 'pipelines' as const, id })));
    if (condition.kind === 'stage')
      refs.push(...condition.stageIds.map((id) => ({ field, table: 'stages' as const, id })));
    if (condition.kind === 'owner_team')
      refs.push(...condition.teamIds.map((id) => ({ field, table: 'teams' as const, id })));
  }
  for (const [index, action] of rule.actions.entries()) {
    const field = `actions.${index}`;
    if (action.type === 'assign') refs.push({ field, table: 'users', id: action.userId });
    if (action.type === 'notify' && action.recipient.to === 'user')
      refs.push({ field, table: 'users', id: action.recipient.userId });
    if (action.type === 'create_task' && action.assignee.to === 'user')
      refs.push({ field, table: 'users', id: action.assignee.userId });
    if (action.type === 'webhook' || action.type === 'bot_message')
      refs.push({ field, table: 'delivery_endpoints', id: action.endpointId });
    if (action.type === 'move_to_pool' && action.poolId)
      refs.push({ field, table: 'pools', id: action.poolId });
  }
  return refs;
}

/** A rule naming another record type's parts (a stage on a lead rule, …) is refused (400). */
function assertFitsEntity(rule: RuleBody): void {
  const issues = entityIssues(rule);
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

async function loadRule(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<AutomationRule> {
  const rule = await findRule(db, tenantId, id);
  if (!rule) throw notFound('automation_rule');
  return rule;
}

export async function automationRules(
  ctx: AppContext,
  principal: Principal,
): Promise<AutomationRule[]> {
  authorize(principal, 'tenant.configure');
  return listRules(dbFor(ctx), principal.tenantId);
}

export async function automationRule(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<AutomationRule> {
  authorize(principal, 'tenant.configure');
  return loadRule(dbFor(ctx), principal.tenantId, id);
}

export async function createAutomationRule(
  ctx: AppContext,
  principal: Principal,
  body: RuleBody,
): Promise<AutomationRule> {
  authorize(principal, 'tenant.configure');
  assertFitsEntity(body);
  return inTransaction(ctx, async (trx) => {
    await assertReferences(trx, principal, referencesOf(body));
    const now = nowIso(ctx);
    const rule: AutomationRule = {
      ...body,
      id: ctx.newId(),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await insertRule(trx, principal.tenantId, rule, principal.userId);
    await recordAudit(trx, ctx, principal, {
      entityType: 'automation_rule',
      entityId: rule.id,
      action: 'create',
      before: null,
      after: rule,
    });
    return rule;
  });
}

/** Replaces a rule's body (PUT semantics) or just switches it on or off (PATCH enabled). */
export async function updateAutomationRule(
  ctx: AppContext,
  principal: Principal,
  id: string,
  change: { version: number } & (RuleBody | { enabled: boolean }),
): Promise<AutomationRule> {
  authorize(principal, 'tenant.configure');
  return inTransaction(ctx, async (trx) => {
    const current = await loadRule(trx, principal.tenantId, id);
    if (current.version !== change.version) throw versionConflict('automation_rule');
    const { version: _version, ...body } = change;
    if ('trigger' in body) {
      assertFitsEntity(body);
      await assertReferences(trx, principal, referencesOf(body));
    }
    const next: AutomationRule = {
      ...current,
      ...body,
      updatedAt: nowIso(ctx),
      version: current.version + 1,
    };
    if (!(await saveRule(trx, principal.tenantId, next, change.version))) {
      throw versionConflict('automation_rule');
    }
    const action = 'trigger' in body ? 'update' : body.enabled ? 'enable' : 'disable';
    await recordAudit(trx, ctx, principal, {
      entityType: 'automation_rule',
      entityId: id,
      action,
      before: current,
      after: next,
    });
    return next;
  });
}

export async function deleteAutomationRule(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'tenant.configure');
  await inTransaction(ctx, async (trx) => {
    const current = await loadRule(trx, principal.tenantId, id);
    await deleteRule(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'automation_rule',
      entityId: id,
      action: 'delete',
      before: current,
      after: null,
    });
  });
}

export async function automationRuns(
  ctx: AppContext,
  principal: Principal,
  filter: RunFilter,
  page: { limit: number; cursor: string | null },
): Promise<Page<AutomationRun>> {
  authorize(principal, 'tenant.configure');
  const db = dbFor(ctx);
  // Filtering by another tenant's rule or record answers 422, like every list's filters.
  await assertFilterReferences(db, principal, [
    { field: 'ruleId', table: 'automation_rules', id: filter.ruleId },
  ]);
  if (filter.entityId) {
    // The record is a deal or a lead: either will do, neither is a 422.
    const { entityId } = filter;
    await assertFilterReferences(db, principal, [
      { field: 'entityId', table: 'opportunities', id: entityId },
    ]).catch((error: unknown) => {
      if (!(error instanceof DomainError) || error.code !== 'reference_not_found') throw error;
      return assertFilterReferences(db, principal, [
        { field: 'entityId', table: 'leads', id: entityId },
      ]);
    });
  }
  return listRuns(db, principal.tenantId, filter, page);
}

/** The shipped example rules, built for a pipeline (by default the tenant's default one). */
export async function automationTemplates(
  ctx: AppContext,
  principal: Principal,
  pipelineId: string | undefined,
): Promise<RuleTemplate[]> {
  authorize(principal, 'tenant.configure');
  const pipelines = await loadPipelines(dbFor(ctx), principal.tenantId, {
    ...(pipelineId ? { ids: [pipelineId] } : {}),
    includeArchived: false,
  });
  const pipeline = pipelineId ? pipelines[0] : pipelines.find((p) => p.isDefault);
  if (!pipeline) throw new DomainError('reference_not_found', { field: 'pipelineId' });
  return ruleTemplates(pipeline.stages);
}

export interface DryRunAction {
  readonly index: number;
  readonly action: Action;
  /** Who a task or notice would go to (user ids), when the action has recipients. */
  readonly recipients: readonly string[] | null;
}

export interface DryRunResult {
  readonly matched: boolean;
  readonly conditions: readonly ConditionResult[];
  readonly actions: readonly DryRunAction[];
  readonly facts: RecordFacts;
}

function required(path: string): DomainError {
  return new DomainError('validation_failed', {}, [
    { path, code: 'required', message: `${path} is required` },
  ]);
}

/**
 * The record a dry run tries the rule on: a lead for a lead rule, else a deal. Every id given
 * must be one the caller may see (404 otherwise), even the one the rule's type does not use.
 */
async function dryRunRecord(
  ctx: AppContext,
  principal: Principal,
  rule: RuleBody,
  input: { opportunityId?: string; leadId?: string },
): Promise<WatchedRecord> {
  const lead = input.leadId ? await getEntity(ctx, principal, leadStore, input.leadId) : null;
  const deal = input.opportunityId
    ? await getEntity(ctx, principal, opportunityStore, input.opportunityId)
    : null;
  if (rule.entity === 'lead') {
    if (!lead) throw required('leadId');
    return { entity: 'lead', record: lead };
  }
  if (!deal) throw required('opportunityId');
  return { entity: 'opportunity', record: deal };
}

/**
 * What a rule (saved, or a draft not saved yet) would do to a deal or a lead if its trigger
 * fired now: each condition judged on the record's current facts, and the actions with
 * their resolved recipients. Reads only; nothing is written, not even a run.
 */
export async function dryRunRule(
  ctx: AppContext,
  principal: Principal,
  input: { ruleId?: string; rule?: RuleBody; opportunityId?: string; leadId?: string },
): Promise<DryRunResult> {
  authorize(principal, 'tenant.configure');
  const db = dbFor(ctx);
  const rule = input.ruleId ? await loadRule(db, principal.tenantId, input.ruleId) : input.rule;
  if (!rule) throw required('rule');
  assertFitsEntity(rule);
  const watched = await dryRunRecord(ctx, principal, rule, input);
  const ownerId = watched.record.ownerId;
  const facts = await factsOf(db, principal.tenantId, watched);
  const conditions = explainConditions(rule, facts);
  const matched = conditions.every((result) => result.matched);
  const manager = async (): Promise<string[]> => {
    if (!ownerId) return [];
    const id = await managerOf(db, principal.tenantId, ownerId);
    return id ? [id] : activeUsersWithRole(db, principal.tenantId, 'admin');
  };
  const actions: DryRunAction[] = [];
  for (const [index, action] of rule.actions.entries()) {
    const to =
      action.type === 'notify'
        ? action.recipient
        : action.type === 'create_task'
          ? action.assignee
          : null;
    let recipients: string[] | null = null;
    if (to?.to === 'owner') recipients = ownerId ? [ownerId] : [];
    else if (to?.to === 'manager') recipients = await manager();
    else if (to?.to === 'user') recipients = [to.userId];
    else if (to?.to === 'role')
      recipients = await activeUsersWithRole(db, principal.tenantId, to.role);
    actions.push({ index, action, recipients });
  }
  return { matched, conditions, actions, facts };
}
