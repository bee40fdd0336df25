import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable, UsersTable } from './schema.js';

export async function insertSession(db: Kysely<Database>, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export interface SessionWithUser {
  readonly session: Selectable<SessionsTable>;
  readonly user: Selectable<UsersTable>;
}

/** The live session for a token hash, with its user, in one round trip. */
export async function findLiveSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) =>
      join.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'),
    )
    .selectAll('s')
    .select([
      'u.email as u_email',
      'u.name as u_name',
      'u.role as u_role',
      'u.team_id as u_team_id',
      'u.locale as u_locale',
      'u.status as u_status',
      'u.password_hash as u_password_hash',
      'u.grants as u_grants',
      'u.capacity as u_capacity',
      'u.away_until as u_away_until',
      'u.languages as u_languages',
      'u.last_assigned_at as u_last_assigned_at',
      'u.created_at as u_created_at',
      'u.updated_at as u_updated_at',
      'u.version as u_version',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: {
      tenant_id: row.tenant_id,
      id: row.id,
      user_id: row.user_id,
      token_hash: row.token_hash,
      created_at: row.created_at,
      expires_at: row.expires_at,
      last_seen_at: row.last_seen_at,
      revoked_at: row.revoked_at,
    },
    user: {
      tenant_id: row.tenant_id,
      id: row.user_id,
      email: row.u_email,
      name: row.u_name,
      role: row.u_role,
      team_id: row.u_team_id,
      locale: row.u_locale,
      status: row.u_status,
      password_hash: row.u_password_hash,
      grants: row.u_grants,
      capacity: row.u_capacity,
      away_until: row.u_away_until,
      languages: row.u_languages,
      last_assigned_at: row.u_last_assigned_at,
      created_at: row.u_created_at,
      updated_at: row.u_updated_at,
      version: row.u_version,
    },
  };
}

export async function touchSession(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function revokeSession(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export interface SessionInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

export async function listLiveSessions(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  now: string,
): Promise<SessionInfo[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  }));
}

/** Revokes a user's live sessions: one, all, or all but the one in use. Returns how many. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  now: string,
  which: { only?: string; except?: string } = {},
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (which.only) query = query.where('id', '=', which.only);
  if (which.except) query = query.where('id', '!=', which.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
