import type { Kysely } from 'kysely';
import type {
  Action,
  AutomationEntity,
  AutomationRule,
  Condition,
  Trigger,
  TriggerType,
} from '../domain/automation/rule.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { AutomationRulesTable, Database } from './schema.js';

/**
 * Automation rules: tenant data, validated at the edge before they are stored, so the JSON
 * columns are read back as the types they were written as.
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
