import { DomainError, notFound } from '../domain/errors.js';
import { passwordIssues } from '../domain/tenancy/password-policy.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { revokeUserSessions } from '../store/sessions.repo.js';
import { findRow } from '../store/rows.repo.js';
import { actingUser, authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { dbFor, inTransaction } from './transaction.js';
import { setPasswordHash } from './users.service.js';

function assertStrong(password: string, email: string): void {
  const issues = passwordIssues(password, email);
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

/**
 * Changing your own password proves you know the current one, then ends every other
 * session: whoever might have learned the old password is signed out everywhere.
 */
export async function changeMyPassword(
  ctx: AppContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | null,
): Promise<void> {
  const userId = actingUser(principal);
  const row = await findRow(dbFor(ctx), 'users', principal.tenantId, userId);
  if (!row) throw notFound('user');
  if (!row.password_hash || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new DomainError('current_password_incorrect');
  }
  assertStrong(input.newPassword, row.email);
  const hash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (trx) => {
    await setPasswordHash(ctx, principal.tenantId, userId, hash);
    const revoked = await revokeUserSessions(trx, principal.tenantId, userId, nowIso(ctx), {
      ...(currentSessionId ? { except: currentSessionId } : {}),
    });
    await recordAudit(trx, ctx, principal, {
      entityType: 'user',
      entityId: userId,
      action: 'change_password',
      before: null,
      after: { otherSessionsRevoked: revoked },
    });
  });
}

/** An admin sets a new password for someone (who forgot theirs); all their sessions end. */
export async function resetPassword(
  ctx: AppContext,
  principal: Principal,
  userId: string,
  newPassword: string,
): Promise<void> {
  authorize(principal, 'users.manage');
  const row = await findRow(dbFor(ctx), 'users', principal.tenantId, userId);
  if (!row) throw notFound('user');
  assertStrong(newPassword, row.email);
  const hash = await hashPassword(newPassword);
  await inTransaction(ctx, async (trx) => {
    await setPasswordHash(ctx, principal.tenantId, userId, hash);
    const revoked = await revokeUserSessions(trx, principal.tenantId, userId, nowIso(ctx));
    await recordAudit(trx, ctx, principal, {
      entityType: 'user',
      entityId: userId,
      action: 'reset_password',
      before: null,
      after: { sessionsRevoked: revoked },
    });
  });
}
