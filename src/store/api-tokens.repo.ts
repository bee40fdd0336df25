import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database, UsersTable } from './schema.js';

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertApiToken(db: Kysely<Database>, row: ApiTokensTable): Promise<ApiToken> {
  await db.insertInto('api_tokens').values(row).execute();
  return toApiToken(row);
}

export async function listApiTokens(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toApiToken);
}

export async function findApiToken(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<ApiToken | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toApiToken(row);
}

/** Revokes the user's live tokens (one, or all when `tokenId` is omitted); returns how many. */
export async function revokeApiTokens(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  now: string,
  tokenId?: string,
): Promise<number> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (tokenId) query = query.where('id', '=', tokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The live token with this hash and its (active or not) user. */
export async function findTokenWithUser(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<{ token: ApiToken; tenantId: string; user: Selectable<UsersTable> } | undefined> {
  const token = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  if (!token) return undefined;
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', token.tenant_id)
    .where('id', '=', token.user_id)
    .executeTakeFirst();
  return user && { token: toApiToken(token), tenantId: token.tenant_id, user };
}

export async function touchApiToken(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
