import type { Kysely } from 'kysely';
import type { ThrottleState } from '../domain/access/throttle.js';
import type { Database } from './schema.js';

export async function loadThrottle(
  db: Kysely<Database>,
  key: string,
): Promise<ThrottleState | undefined> {
  const row = await db
    .selectFrom('auth_throttle')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      failures: row.failures,
      windowStartedAt: row.window_started_at,
      lockedUntil: row.locked_until,
    }
  );
}

export async function saveThrottle(
  db: Kysely<Database>,
  key: string,
  state: ThrottleState,
): Promise<void> {
  const values = {
    failures: state.failures,
    window_started_at: state.windowStartedAt,
    locked_until: state.lockedUntil,
  };
  await db
    .insertInto('auth_throttle')
    .values({ key, ...values })
    .onConflict((conflict) => conflict.column('key').doUpdateSet(values))
    .execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
