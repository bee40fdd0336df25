import type { Kysely } from 'kysely';
import type { AutomationEntity, TriggerType } from '../domain/automation/rule.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type { AutomationRunsTable, Database } from './schema.js';

/** Automation runs: one per (rule, event), the log of what each firing rule did. */

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
