import { randomBytes } from 'node:crypto';
import { notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  findApiToken,
  findTokenWithUser,
  insertApiToken,
  listApiTokens,
  revokeApiTokens,
  touchApiToken,
} from '../store/api-tokens.repo.js';
import type { ApiToken } from '../store/api-tokens.repo.js';
import { toUser } from '../store/users.repo.js';
import { recordAudit } from './audit.service.js';
import { actingUser } from './access.js';
import type { Authenticated } from './auth.service.js';
import { hashToken, principalFor } from './auth.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { dbFor, inTransaction } from './transaction.js';

export type { ApiToken };

/** Recognisable in logs and secret scanners; the random part carries 256 bits. */
const TOKEN_PREFIX = 'pwt_';
const LAST_USED_RESOLUTION_MS = 60_000;

export interface TokenInput {
  readonly name: string;
  readonly expiresAt?: string | null;
}

/** Creates a personal API token. The secret is returned once and never stored. */
export async function createApiToken(
  ctx: AppContext,
  principal: Principal,
  input: TokenInput,
): Promise<{ token: string; apiToken: ApiToken }> {
  const userId = actingUser(principal);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return inTransaction(ctx, async (trx) => {
    const apiToken = await insertApiToken(trx, {
      tenant_id: principal.tenantId,
      id: ctx.newId(),
      user_id: userId,
      name: input.name,
      token_hash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      created_at: nowIso(ctx),
      last_used_at: null,
      expires_at: input.expiresAt ?? null,
      revoked_at: null,
    });
    await recordAudit(trx, ctx, principal, {
      entityType: 'api_token',
      entityId: apiToken.id,
      action: 'create',
      before: null,
      after: apiToken,
    });
    return { token, apiToken };
  });
}

export async function myApiTokens(ctx: AppContext, principal: Principal): Promise<ApiToken[]> {
  return listApiTokens(dbFor(ctx), principal.tenantId, actingUser(principal));
}

export async function revokeMyApiToken(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  const userId = actingUser(principal);
  await inTransaction(ctx, async (trx) => {
    const token = await findApiToken(trx, principal.tenantId, id);
    if (!token || token.userId !== userId) throw notFound('api_token');
    await revokeApiTokens(trx, principal.tenantId, userId, nowIso(ctx), id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'api_token',
      entityId: id,
      action: 'revoke',
      before: token,
      after: null,
    });
  });
}

/** The principal behind `Authorization: Bearer pwt_…`, or null. */
export async function authenticateApiToken(
  ctx: AppContext,
  token: string,
  requestId: string,
): Promise<Omit<Authenticated, 'sessionId'> | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = ctx.clock.now();
  const found = await findTokenWithUser(dbFor(ctx), hashToken(token), now.toISOString());
  if (!found || found.user.status !== 'active') return null;
  const lastUsed = found.token.lastUsedAt ? Date.parse(found.token.lastUsedAt) : 0;
  if (now.getTime() - lastUsed > LAST_USED_RESOLUTION_MS) {
    await touchApiToken(dbFor(ctx), found.tenantId, found.token.id, now.toISOString());
  }
  const user = toUser(found.user);
  return { principal: principalFor(user, found.tenantId, requestId), user };
}
