import { notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listLiveSessions, revokeUserSessions } from '../store/sessions.repo.js';
import type { SessionInfo } from '../store/sessions.repo.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { actingUser } from './access.js';
import { dbFor, inTransaction } from './transaction.js';

export type { SessionInfo };

export async function mySessions(ctx: AppContext, principal: Principal): Promise<SessionInfo[]> {
  return listLiveSessions(dbFor(ctx), principal.tenantId, actingUser(principal), nowIso(ctx));
}

/** Ends one of my sessions (e.g. a lost laptop's), or all of them but this one. */
export async function revokeMySessions(
  ctx: AppContext,
  principal: Principal,
  which: { only?: string; except?: string },
): Promise<number> {
  const userId = actingUser(principal);
  return inTransaction(ctx, async (trx) => {
    const revoked = await revokeUserSessions(trx, principal.tenantId, userId, nowIso(ctx), which);
    if (which.only && revoked === 0) throw notFound('session');
    await recordAudit(trx, ctx, principal, {
      entityType: 'user',
      entityId: userId,
      action: 'revoke_sessions',
      before: null,
      after: { revoked, ...which },
    });
    return revoked;
  });
}
