import type { Kysely } from 'kysely';
import { columnTypes, tenantTable, withVersioning } from './columns.js';

/**
 * The automation rules engine (docs/adr/… automation rules, docs/automation.md):
 * - `automation_rules`: a tenant's rules as data (trigger, conditions, actions as JSON),
 *   versioned for optimistic concurrency.
 * - `automation_events`: what happened to a record, written in the transaction of the change
 *   (or by the time sweep, with a `dedupe_key` unique per tenant so a period fires once);
 *   `status` pending → done once every rule it fires has a run.
 * - `automation_runs`: one per (rule, event) — the log of every execution with its outcome;
 *   the unique key makes reprocessing an event after a crash apply no rule twice. Runs keep
 *   no foreign key to their rule, so deleting a rule keeps its history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await withVersioning(
    tenantTable(db, 'automation_rules')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('entity', 'text', (col) => col.notNull())
      .addColumn('enabled', 'integer', (col) => col.notNull())
      .addColumn('trigger_type', 'text', (col) => col.notNull())
      .addColumn('trigger', t.json, (col) => col.notNull())
      .addColumn('conditions', t.json, (col) => col.notNull())
      .addColumn('actions', t.json, (col) => col.notNull())
      .addColumn('created_by', 'text'),
    t,
  ).execute();

  await tenantTable(db, 'automation_events')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('entity_type', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('details', t.json, (col) => col.notNull())
    .addColumn('chain', t.json, (col) => col.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('occurred_at', t.timestamp, (col) => col.notNull())
    .addColumn('processed_at', t.timestamp)
    .addUniqueConstraint('automation_events_dedupe_key', ['tenant_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('automation_events_pending_idx')
    .on('automation_events')
    .columns(['tenant_id', 'status', 'id'])
    .execute();

  await tenantTable(db, 'automation_runs')
    .addColumn('rule_id', 'text', (col) => col.notNull())
    .addColumn('rule_version', 'integer', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('entity_type', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('actions', t.json, (col) => col.notNull())
    .addColumn('depth', 'integer', (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addUniqueConstraint('automation_runs_rule_event_key', ['tenant_id', 'rule_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('automation_runs_rule_idx')
    .on('automation_runs')
    .columns(['tenant_id', 'rule_id', 'id'])
    .execute();
  await db.schema
    .createIndex('automation_runs_entity_idx')
    .on('automation_runs')
    .columns(['tenant_id', 'entity_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('automation_runs').execute();
  await db.schema.dropTable('automation_events').execute();
  await db.schema.dropTable('automation_rules').execute();
}
