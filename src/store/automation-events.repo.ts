import type { Kysely } from 'kysely';
import type { AutomationEvent } from '../domain/automation/event.js';
import type { AutomationEntity, TriggerType } from '../domain/automation/rule.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import type { AutomationEventsTable, Database } from './schema.js';

/** Automation events: what happened to a watched record, written with the change itself. */

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
