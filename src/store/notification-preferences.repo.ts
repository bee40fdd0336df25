import type { Kysely } from 'kysely';
import type { NotificationPreferences } from '../domain/notifications/preferences.js';
import { preferencesWithDefaults } from '../domain/notifications/preferences.js';
import type { QuietHours } from '../domain/notifications/quiet-hours.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

/** A user's stored preferences with their version, or null when they never set any. */
export interface StoredPreferences {
  readonly preferences: NotificationPreferences;
  readonly version: number;
  readonly updatedAt: string;
}

/** What the routing needs per recipient: their preferences, address and the tenant's zone. */
export interface Recipient {
  readonly email: string;
  readonly active: boolean;
  readonly locale: string;
  readonly tenantTimeZone: string;
  readonly preferences: NotificationPreferences;
}

function toPreferences(row: {
  channels: unknown;
  quiet_hours: unknown;
  time_zone: string | null;
}): NotificationPreferences {
  return preferencesWithDefaults({
    channels: fromJsonColumn(row.channels) as NotificationPreferences['channels'],
    quietHours: (fromJsonColumn(row.quiet_hours) as QuietHours | null) ?? null,
    timeZone: row.time_zone,
  });
}

export async function findPreferences(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<StoredPreferences | null> {
  const row = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row
    ? { preferences: toPreferences(row), version: row.version, updatedAt: row.updated_at }
    : null;
}

/** Writes a user's preferences whole (insert or replace); returns the new version. */
export async function savePreferences(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  preferences: NotificationPreferences,
  now: string,
): Promise<number> {
  const values = {
    channels: toJsonColumn(preferences.channels),
    quiet_hours: preferences.quietHours ? toJsonColumn(preferences.quietHours) : null,
    time_zone: preferences.timeZone,
    updated_at: now,
  };
  const row = await db
    .insertInto('notification_preferences')
    .values({ tenant_id: tenantId, id: userId, ...values, created_at: now, version: 1 })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        ...values,
        version: eb('notification_preferences.version', '+', 1),
      })),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The recipient of a notice as routing sees them; null for an unknown user. */
export async function findRecipient(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<Recipient | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .leftJoin('notification_preferences as p', (join) =>
      join.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.id', '=', 'u.id'),
    )
    .select([
      'u.email',
      'u.status',
      'u.locale',
      't.locale as tenant_locale',
      't.time_zone as tenant_time_zone',
      'p.channels',
      'p.quiet_hours',
      'p.time_zone',
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    email: row.email,
    active: row.status === 'active',
    locale: row.locale ?? row.tenant_locale,
    tenantTimeZone: row.tenant_time_zone,
    preferences:
      row.channels === null
        ? preferencesWithDefaults(null)
        : toPreferences({
            channels: row.channels,
            quiet_hours: row.quiet_hours,
            time_zone: row.time_zone,
          }),
  };
}
