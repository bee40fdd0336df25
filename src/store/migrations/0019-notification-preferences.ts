import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * `notification_preferences`: per user (the row's id IS the user's id, so there is at most
 * one), which channels besides in-app each group of notices goes to (`channels`, JSON:
 * group → channels) and the quiet hours those channels wait out (`quiet_hours`, JSON
 * `{start, end, days}` or null) read in `time_zone` (null: the tenant's). No row: defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await ref(
    withVersioning(
      tenantTable(db, 'notification_preferences')
        .addColumn('channels', t.json, (col) => col.notNull())
        .addColumn('quiet_hours', t.json)
        .addColumn('time_zone', 'text'),
      t,
    ),
    'id',
    'users',
  ).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_preferences').execute();
}
