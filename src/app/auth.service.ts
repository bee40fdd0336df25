import { createHash, randomBytes } from 'node:crypto';
import {
  addressPolicy,
  accountPolicy,
  recordFailure,
  retryAfterSeconds,
} from '../domain/access/throttle.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Tenant } from '../domain/tenancy/tenant.js';
import { normaliseEmail } from '../domain/tenancy/user.js';
import type { User } from '../domain/tenancy/user.js';
import {
  findLiveSession,
  insertSession,
  revokeSession,
  touchSession,
} from '../store/sessions.repo.js';
import { findTenantById, findTenantBySlug } from '../store/tenants.repo.js';
import { clearThrottle, loadThrottle, saveThrottle } from '../store/throttle.repo.js';
import { findUserRowsByEmail, toUser } from '../store/users.repo.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { burnVerification, verifyPassword } from './passwords.js';
import { dbFor, inTransaction } from './transaction.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SignInInput {
  readonly email: string;
  readonly password: string;
  /** Tenant slug; needed only when the e-mail has accounts in several tenants. */
  readonly tenant?: string;
}

export interface SignedIn {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly user: User;
  readonly tenant: Tenant;
}

/** Only hashes of session and API tokens are stored: a database leak does not leak access. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a session, derived from the session token (which only the cookie
 * holds), so nothing extra is stored and a stolen CSRF token is useless without the cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf|${sessionToken}`).digest('base64url');
}

export function principalFor(user: User, tenantId: string, requestId: string): Principal {
  return { tenantId, userId: user.id, role: user.role, grants: user.grants, requestId };
}

const throttleKeys = (email: string, address: string) => [
  { key: `account:${email}`, policy: accountPolicy },
  { key: `ip:${address}`, policy: addressPolicy },
];

/** Refuses (429) while the account or the address is locked out by earlier failures. */
async function assertNotThrottled(ctx: AppContext, email: string, address: string): Promise<void> {
  const now = ctx.clock.now();
  let wait = 0;
  for (const { key } of throttleKeys(email, address)) {
    wait = Math.max(wait, retryAfterSeconds(await loadThrottle(dbFor(ctx), key), now));
  }
  if (wait > 0) throw new DomainError('too_many_attempts', { retryAfter: wait });
}

async function recordFailedSignIn(
  ctx: AppContext,
  email: string,
  address: string,
  requestId: string,
): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    for (const { key, policy } of throttleKeys(email, address)) {
      await saveThrottle(trx, key, recordFailure(await loadThrottle(trx, key), now, policy));
    }
    for (const row of await findUserRowsByEmail(trx, email)) {
      const principal = principalFor(toUser(row), row.tenant_id, requestId);
      await recordAudit(trx, ctx, principal, {
        entityType: 'user',
        entityId: row.id,
        action: 'sign_in_failed',
        before: null,
        after: { address },
      });
    }
  });
}

export async function signIn(
  ctx: AppContext,
  input: SignInInput,
  meta: { requestId: string; address: string },
): Promise<SignedIn> {
  const db = dbFor(ctx);
  const email = normaliseEmail(input.email);
  await assertNotThrottled(ctx, email, meta.address);
  const tenantFilter =
    input.tenant === undefined ? undefined : await findTenantBySlug(db, input.tenant);
  const candidates = (await findUserRowsByEmail(db, email)).filter(
    (row) =>
      row.status === 'active' &&
      row.password_hash !== null &&
      (input.tenant === undefined || row.tenant_id === tenantFilter?.id),
  );
  if (candidates.length === 0) await burnVerification(input.password);
  for (const row of candidates) {
    if (row.password_hash !== null && (await verifyPassword(row.password_hash, input.password))) {
      await clearThrottle(db, `account:${email}`);
      return openSession(ctx, toUser(row), row.tenant_id, meta.requestId);
    }
  }
  await recordFailedSignIn(ctx, email, meta.address, meta.requestId);
  throw new DomainError('invalid_credentials');
}

async function openSession(
  ctx: AppContext,
  user: User,
  tenantId: string,
  requestId: string,
): Promise<SignedIn> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  return inTransaction(ctx, async (trx) => {
    const tenant = await findTenantById(trx, tenantId);
    if (!tenant) throw new DomainError('invalid_credentials');
    const sessionId = ctx.newId();
    await insertSession(trx, {
      tenant_id: tenantId,
      id: sessionId,
      user_id: user.id,
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      revoked_at: null,
    });
    await recordAudit(trx, ctx, principalFor(user, tenantId, requestId), {
      entityType: 'user',
      entityId: user.id,
      action: 'sign_in',
      before: null,
      after: { sessionId },
    });
    return { token, csrfToken: csrfTokenFor(token), expiresAt, user, tenant };
  });
}

export interface Authenticated {
  readonly principal: Principal;
  readonly user: User;
  readonly sessionId: string;
}

/** The principal behind a session token, or null for an unknown, expired or revoked one. */
export async function authenticateSession(
  ctx: AppContext,
  token: string,
  requestId: string,
): Promise<Authenticated | null> {
  const now = ctx.clock.now();
  const found = await findLiveSession(dbFor(ctx), hashToken(token), now.toISOString());
  if (!found || found.user.status !== 'active') return null;
  if (now.getTime() - Date.parse(found.session.last_seen_at) > TOUCH_INTERVAL_MS) {
    await touchSession(dbFor(ctx), found.session.tenant_id, found.session.id, now.toISOString());
  }
  const user = toUser(found.user);
  return {
    principal: principalFor(user, found.session.tenant_id, requestId),
    user,
    sessionId: found.session.id,
  };
}

export async function signOut(ctx: AppContext, principal: Principal, token: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await revokeSession(trx, hashToken(token), nowIso(ctx));
    if (principal.userId) {
      await recordAudit(trx, ctx, principal, {
        entityType: 'user',
        entityId: principal.userId,
        action: 'sign_out',
        before: null,
        after: null,
      });
    }
  });
}
