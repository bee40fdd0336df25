import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable } from './columns.js';

/**
 * Ownership over time (公海 / 私海): pool rules, record life cycles (dormant, eliminated),
 * follow-up deadlines with their escalation level, silence periods, the ownership history
 * of every transition, assignment routing and its log, in-app notifications, and the
 * durable job table the sweeps run from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .alterTable('tenants')
    .addColumn('settings', t.json, (col) => col.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('pools')
    .addColumn('rules', t.json, (col) => col.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('users').addColumn('capacity', 'integer').execute();
  await db.schema.alterTable('users').addColumn('away_until', t.timestamp).execute();
  await db.schema
    .alterTable('users')
    .addColumn('languages', t.json, (col) => col.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('users').addColumn('last_assigned_at', t.timestamp).execute();

  await db.schema.alterTable('leads').addColumn('language', 'text').execute();
  for (const table of ['leads', 'accounts'] as const) {
    await db.schema
      .alterTable(table)
      .addColumn('lifecycle', 'text', (col) => col.notNull().defaultTo('active'))
      .execute();
    await db.schema.alterTable(table).addColumn('owned_since', t.timestamp).execute();
  }
  for (const table of ['leads', 'accounts', 'opportunities'] as const) {
    await db.schema.alterTable(table).addColumn('deadline_at', t.timestamp).execute();
    await db.schema
      .alterTable(table)
      .addColumn('deadline_level', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    // The sweep walks due items per tenant in (deadline, id) order: a range scan that
    // resumes where the last batch stopped, whatever the size of the table.
    await db.schema
      .createIndex(`${table}_deadline_idx`)
      .on(table)
      .columns(['tenant_id', 'deadline_at', 'id'])
      .execute();
  }
  for (const table of ['accounts', 'contacts'] as const) {
    await db.schema.alterTable(table).addColumn('silence_until', t.timestamp).execute();
  }

  await tenantTable(db, 'ownership_history')
    .addColumn('entity_type', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('from_owner_id', 'text')
    .addColumn('to_owner_id', 'text')
    .addColumn('from_pool_id', 'text')
    .addColumn('to_pool_id', 'text')
    .addColumn('from_lifecycle', 'text', (col) => col.notNull())
    .addColumn('to_lifecycle', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', t.timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('ownership_history_entity_idx')
    .on('ownership_history')
    .columns(['tenant_id', 'entity_type', 'entity_id', 'at'])
    .execute();
  // Re-claim cooldown: "when did this rep last give this record up".
  await db.schema
    .createIndex('ownership_history_released_idx')
    .on('ownership_history')
    .columns(['tenant_id', 'entity_id', 'from_owner_id', 'at'])
    .execute();

  await tenantTable(db, 'assignment_rules')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('conditions', t.json, (col) => col.notNull())
    .addColumn('user_ids', t.json, (col) => col.notNull())
    .addColumn('strategy', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('updated_at', t.timestamp, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();

  let log = tenantTable(db, 'assignment_log')
    .addColumn('lead_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text')
    .addColumn('explanation', t.json, (col) => col.notNull())
    .addColumn('at', t.timestamp, (col) => col.notNull());
  log = ref(log, 'lead_id', 'leads');
  await log.execute();
  await db.schema
    .createIndex('assignment_log_lead_idx')
    .on('assignment_log')
    .columns(['tenant_id', 'lead_id', 'at'])
    .execute();

  let notifications = tenantTable(db, 'notifications')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('payload', t.json, (col) => col.notNull())
    // Sweeps may run twice: the key makes "tell the owner about this deadline" happen once.
    .addColumn('dedupe_key', 'text', (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('read_at', t.timestamp)
    .addUniqueConstraint('notifications_dedupe_key', ['tenant_id', 'dedupe_key']);
  notifications = ref(notifications, 'user_id', 'users');
  await notifications.execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['tenant_id', 'user_id', 'read_at', 'created_at'])
    .execute();

  // Durable jobs: one row per scheduled run; workers claim rows (SKIP LOCKED on PostgreSQL).
  await tenantTable(db, 'jobs')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('slot', 'text', (col) => col.notNull())
    .addColumn('run_at', t.timestamp, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    .addColumn('result', t.json)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('updated_at', t.timestamp, (col) => col.notNull())
    .addUniqueConstraint('jobs_slot_key', ['tenant_id', 'kind', 'slot'])
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jobs',
    'notifications',
    'assignment_log',
    'assignment_rules',
    'ownership_history',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const table of ['accounts', 'contacts'])
    await db.schema.alterTable(table).dropColumn('silence_until').execute();
  for (const table of ['leads', 'accounts', 'opportunities']) {
    await db.schema.dropIndex(`${table}_deadline_idx`).execute();
    await db.schema.alterTable(table).dropColumn('deadline_level').execute();
    await db.schema.alterTable(table).dropColumn('deadline_at').execute();
  }
  for (const table of ['leads', 'accounts']) {
    await db.schema.alterTable(table).dropColumn('owned_since').execute();
    await db.schema.alterTable(table).dropColumn('lifecycle').execute();
  }
  await db.schema.alterTable('leads').dropColumn('language').execute();
  for (const column of ['last_assigned_at', 'languages', 'away_until', 'capacity']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
  await db.schema.alterTable('pools').dropColumn('rules').execute();
  await db.schema.alterTable('tenants').dropColumn('settings').execute();
}
