import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AutomationEvent } from '../domain/automation/event.js';
import type {
  Action,
  AutomationEntity,
  AutomationRule,
  Condition,
  Trigger,
  TriggerType,
} from '../domain/automation/rule.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type {
  AutomationEventsTable,
  AutomationRulesTable,
  AutomationRunsTable,
  Database,
} from './schema.js';

/**
 * The automation tables: rules (tenant data, validated at the edge before they are stored,
 * so the JSON columns are read back as the types they were written as), events and runs.
 */

export function toRule(row: AutomationRulesTable): AutomationRule {
  return {
    id: row.id,
    name: row.name,
    entity: row.entity as AutomationEntity,
    enabled: row.enabled === 1,
    trigger: fromJsonColumn(row.trigger) as Trigger,
    conditions: fromJsonColumn(row.conditions) as Condition[],
    actions: fromJsonColumn(row.actions) as Action[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function ruleColumns(rule: AutomationRule) {
  return {
    name: rule.name,
    entity: rule.entity,
    enabled: rule.enabled ? 1 : 0,
    trigger_type: rule.trigger.type,
    trigger: toJsonColumn(rule.trigger),
    conditions: toJsonColumn(rule.conditions),
    actions: toJsonColumn(rule.actions),
    updated_at: rule.updatedAt,
    version: rule.version,
  };
}

export async function insertRule(
  db: Kysely<Database>,
  tenantId: string,
  rule: AutomationRule,
  createdBy: string | null,
): Promise<void> {
  await db
    .insertInto('automation_rules')
    .values({
      tenant_id: tenantId,
      id: rule.id,
      ...ruleColumns(rule),
      created_by: createdBy,
      created_at: rule.createdAt,
    })
    .execute();
}

/** Saves the rule if the stored version is still `expectedVersion`; false when stale. */
export async function saveRule(
  db: Kysely<Database>,
  tenantId: string,
  rule: AutomationRule,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('automation_rules')
    .set(ruleColumns(rule))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', rule.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteRule(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('automation_rules')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function findRule(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<AutomationRule | undefined> {
  const row = await db
    .selectFrom('automation_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRule(row) : undefined;
}

/** A tenant's rules by name (a tenant has tens, not thousands: no paging). */
export async function listRules(
  db: Kysely<Database>,
  tenantId: string,
  options: { enabledOnly?: boolean; triggerTypes?: readonly TriggerType[] } = {},
): Promise<AutomationRule[]> {
  let query = db.selectFrom('automation_rules').selectAll().where('tenant_id', '=', tenantId);
  if (options.enabledOnly) query = query.where('enabled', '=', 1);
  if (options.triggerTypes) query = query.where('trigger_type', 'in', [...options.triggerTypes]);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toRule);
}

/** Whether any enabled rule listens for one of `types` (else a change records no event). */
export async function listensFor(
  db: Kysely<Database>,
  tenantId: string,
  entity: AutomationEntity,
  types: readonly TriggerType[],
): Promise<boolean> {
  const row = await db
    .selectFrom('automation_rules')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('entity', '=', entity)
    .where('enabled', '=', 1)
    .where('trigger_type', 'in', [...types])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function toEvent(row: AutomationEventsTable): AutomationEvent {
  const details = fromJsonColumn(row.details) as {
    changedFields?: string[];
    fromStageId?: string | null;
    toStageId?: string | null;
  };
  return {
    id: row.id,
    type: row.type as TriggerType,
    entity: { type: row.entity_type as AutomationEntity, id: row.entity_id },
    changedFields: details.changedFields ?? [],
    fromStageId: details.fromStageId ?? null,
    toStageId: details.toStageId ?? null,
    ruleId: row.rule_id,
    chain: stringArrayFromJson(row.chain),
    occurredAt: row.occurred_at,
  };
}

/** Records an event; with a dedupe key already used, nothing (false). */
export async function insertEvent(
  db: Kysely<Database>,
  tenantId: string,
  event: AutomationEvent,
  dedupeKey: string | null,
): Promise<boolean> {
  const result = await db
    .insertInto('automation_events')
    .values({
      tenant_id: tenantId,
      id: event.id,
      type: event.type,
      entity_type: event.entity.type,
      entity_id: event.entity.id,
      rule_id: event.ruleId,
      details: toJsonColumn({
        changedFields: event.changedFields,
        fromStageId: event.fromStageId,
        toStageId: event.toStageId,
      }),
      chain: toJsonColumn(event.chain),
      dedupe_key: dedupeKey,
      status: 'pending',
      occurred_at: event.occurredAt,
      processed_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The oldest pending events (ids are time-ordered). */
export async function pendingEvents(
  db: Kysely<Database>,
  tenantId: string,
  limit: number,
): Promise<AutomationEvent[]> {
  const rows = await db
    .selectFrom('automation_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

export async function markEventDone(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('automation_events')
    .set({ status: 'done', processed_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export type RunOutcome = 'applied' | 'skipped' | 'failed';

export interface AutomationRun {
  readonly id: string;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly eventId: string;
  readonly eventType: TriggerType;
  readonly entityType: AutomationEntity;
  readonly entityId: string;
  readonly outcome: RunOutcome;
  /** skipped: why; failed: the error code of the action that failed. */
  readonly reason: string | null;
  /** What was done, one line per action (applied), or what was planned (failed). */
  readonly actions: readonly { readonly type: string; readonly result: string }[];
  readonly depth: number;
  readonly createdAt: string;
}

function toRun(row: AutomationRunsTable): AutomationRun {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleVersion: row.rule_version,
    eventId: row.event_id,
    eventType: row.event_type as TriggerType,
    entityType: row.entity_type as AutomationEntity,
    entityId: row.entity_id,
    outcome: row.outcome as RunOutcome,
    reason: row.reason,
    actions: fromJsonColumn(row.actions) as AutomationRun['actions'],
    depth: row.depth,
    createdAt: row.created_at,
  };
}

export async function insertRun(
  db: Kysely<Database>,
  tenantId: string,
  run: AutomationRun,
): Promise<void> {
  await db
    .insertInto('automation_runs')
    .values({
      tenant_id: tenantId,
      id: run.id,
      rule_id: run.ruleId,
      rule_version: run.ruleVersion,
      event_id: run.eventId,
      event_type: run.eventType,
      entity_type: run.entityType,
      entity_id: run.entityId,
      outcome: run.outcome,
      reason: run.reason,
      actions: toJsonColumn(run.actions),
      depth: run.depth,
      created_at: run.createdAt,
    })
    .execute();
}

/** Whether the rule already ran for the event (a reprocessed event applies nothing twice). */
export async function runExists(
  db: Kysely<Database>,
  tenantId: string,
  ruleId: string,
  eventId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('automation_runs')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('rule_id', '=', ruleId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}

const byId: SortColumn = { key: 'id', column: 'id' };

export interface RunFilter {
  readonly ruleId?: string;
  readonly entityId?: string;
  readonly outcome?: RunOutcome;
}

/** A tenant's runs, newest first, keyset-paged. */
export async function listRuns(
  db: Kysely<Database>,
  tenantId: string,
  filter: RunFilter,
  options: { limit: number; cursor: string | null },
): Promise<Page<AutomationRun>> {
  let query = db.selectFrom('automation_runs').selectAll().where('tenant_id', '=', tenantId);
  if (filter.ruleId) query = query.where('rule_id', '=', filter.ruleId);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const page: PageQuery = { ...options, sort: byId, direction: 'desc' };
  const rows = await applyKeyset(query, 'automation_runs', page).execute();
  return toPage(rows, page, toRun);
}

/** Open, live deals for the time sweep, with the moment they were last touched. */
export interface SweepCandidate {
  readonly id: string;
  readonly deadlineAt: string | null;
  /** The later of entering the current stage and the last activity. */
  readonly lastTouchAt: string;
}

export async function openDealsForSweep(
  db: Kysely<Database>,
  tenantId: string,
  filter: { deadlineBefore?: string; enteredBefore?: string; stageIds?: readonly string[] },
): Promise<SweepCandidate[]> {
  let query = db
    .selectFrom('opportunities as o')
    .select(['o.id', 'o.deadline_at', 'o.stage_entered_at'])
    .select(
      sql<string | null>`(select max(a.occurred_at) from activities a
        where a.tenant_id = o.tenant_id and a.opportunity_id = o.id
        and a.deleted_at is null)`.as('last_activity_at'),
    )
    .where('o.tenant_id', '=', tenantId)
    .where('o.status', '=', 'open')
    .where('o.deleted_at', 'is', null);
  if (filter.deadlineBefore) query = query.where('o.deadline_at', '<=', filter.deadlineBefore);
  // A deal that entered its stage after the cut-off cannot have been quiet since before it.
  if (filter.enteredBefore) query = query.where('o.stage_entered_at', '<=', filter.enteredBefore);
  if (filter.stageIds) query = query.where('o.stage_id', 'in', [...filter.stageIds]);
  const rows = await query.orderBy('o.id').execute();
  return rows.map((row) => ({
    id: row.id,
    deadlineAt: row.deadline_at,
    lastTouchAt:
      row.last_activity_at && row.last_activity_at > row.stage_entered_at
        ? row.last_activity_at
        : row.stage_entered_at,
  }));
}

/**
 * Live leads still being worked (not converted nor disqualified, lifecycle active) for the
 * time sweep. `ownedOnly` (deadlines, quiet spells) leaves out leads waiting in a pool: they
 * have no follow-up clock and nobody to be quiet. A lead was last touched at its latest
 * activity, else when its owner took it.
 */
export async function openLeadsForSweep(
  db: Kysely<Database>,
  tenantId: string,
  filter: { ownedOnly: boolean; deadlineBefore?: string; ownedBefore?: string },
): Promise<SweepCandidate[]> {
  let query = db
    .selectFrom('leads as l')
    .select(['l.id', 'l.deadline_at', 'l.owned_since', 'l.created_at'])
    .select(
      sql<string | null>`(select max(a.occurred_at) from activities a
        where a.tenant_id = l.tenant_id and a.lead_id = l.id
        and a.deleted_at is null)`.as('last_activity_at'),
    )
    .where('l.tenant_id', '=', tenantId)
    .where('l.status', 'not in', ['converted', 'disqualified'])
    .where('l.lifecycle', '=', 'active')
    .where('l.deleted_at', 'is', null);
  if (filter.ownedOnly) query = query.where('l.owner_id', 'is not', null);
  if (filter.deadlineBefore) query = query.where('l.deadline_at', '<=', filter.deadlineBefore);
  // A lead taken after the cut-off cannot have been quiet since before it.
  if (filter.ownedBefore) query = query.where('l.owned_since', '<=', filter.ownedBefore);
  const rows = await query.orderBy('l.id').execute();
  return rows.map((row) => {
    const since = row.owned_since ?? row.created_at;
    return {
      id: row.id,
      deadlineAt: row.deadline_at,
      lastTouchAt:
        row.last_activity_at && row.last_activity_at > since ? row.last_activity_at : since,
    };
  });
}

/** Active users of a tenant with a role (a notice "to all managers"). */
export async function activeUsersWithRole(
  db: Kysely<Database>,
  tenantId: string,
  role: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', role)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Whether the user exists in the tenant and is active. */
export async function isActiveUser(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}
