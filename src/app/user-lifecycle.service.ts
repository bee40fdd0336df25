import { moveDealTeam } from './deal-team.service.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { User } from '../domain/tenancy/user.js';
import { revokeApiTokens } from '../store/api-tokens.repo.js';
import { insertOwnershipChange } from '../store/ownership-history.repo.js';
import { heldBy, moveOwnership } from '../store/ownership.repo.js';
import { findDefaultPool } from '../store/pools.repo.js';
import { revokeUserSessions } from '../store/sessions.repo.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { updateEntity } from './entity.js';
import { freshOwnership } from './ownership.js';
import { assertReferences } from './references.js';
import { inTransaction } from './transaction.js';
import { userStore } from './users.service.js';

export interface Handover {
  /** Who takes over open deals, open tasks, and (unless `poolId` is given) leads and accounts. */
  readonly transferTo?: string;
  /** Public pool that receives the leaver's leads and accounts (default: the company pool). */
  readonly poolId?: string;
}

/**
 * Disables a user who leaves or changes job. Their records stay (history and credit are
 * theirs), but nothing they were working on is orphaned: open deals and open tasks go to
 * `transferTo`, leads and accounts to `transferTo` or back to a public pool, contacts to
 * `transferTo` (or no owner). Their sessions and API tokens stop working at once.
 */
export async function disableUser(
  ctx: AppContext,
  principal: Principal,
  userId: string,
  { version, ...handover }: Handover & { version: number },
): Promise<User> {
  authorize(principal, 'users.manage');
  if (userId === principal.userId) throw new DomainError('forbidden', { action: 'disable_self' });
  return inTransaction(ctx, async (trx) => {
    const now = nowIso(ctx);
    const held = await heldBy(trx, principal.tenantId, userId);
    const count = (table: string) => held.find((move) => move.table === table)?.ids.length ?? 0;
    if ((count('opportunities') > 0 || count('tasks') > 0) && !handover.transferTo) {
      throw new DomainError('transfer_target_required', {
        opportunities: count('opportunities'),
        tasks: count('tasks'),
      });
    }
    if (handover.transferTo === userId)
      throw new DomainError('reference_not_found', { field: 'transferTo' });
    await assertReferences(trx, principal, [
      { field: 'transferTo', table: 'users', id: handover.transferTo },
      { field: 'poolId', table: 'pools', id: handover.poolId },
    ]);
    const heir = handover.transferTo
      ? await userStore.load(trx, principal.tenantId, handover.transferTo)
      : undefined;
    if (heir && heir.status !== 'active')
      throw new DomainError('reference_not_found', { field: 'transferTo' });
    const poolId = handover.poolId ?? (await findDefaultPool(trx, principal.tenantId))?.id ?? null;
    for (const move of held) {
      const pooled =
        (move.table === 'leads' || move.table === 'accounts') && (handover.poolId || !heir);
      const to = pooled ? { ownerId: null, poolId } : { ownerId: heir?.id ?? null, poolId: null };
      const held = move.table === 'leads' || move.table === 'accounts';
      // The heir starts a fresh follow-up clock; a pooled record has none.
      const clock = held ? await freshOwnership(trx, principal.tenantId, to.ownerId, now) : null;
      await moveOwnership(
        trx,
        principal.tenantId,
        move,
        clock ? { ...to, ownedSince: clock.ownedSince, deadlineAt: clock.deadlineAt } : to,
        now,
      );
      if (held) {
        for (const id of move.ids) {
          await insertOwnershipChange(trx, principal.tenantId, {
            id: ctx.newId(),
            entityType: move.table === 'leads' ? 'lead' : 'account',
            entityId: id,
            action: to.ownerId ? 'transfer' : 'release',
            fromOwnerId: userId,
            toOwnerId: to.ownerId,
            fromPoolId: null,
            toPoolId: to.poolId,
            fromLifecycle: 'active',
            toLifecycle: 'active',
            reason: 'owner disabled',
            actorId: principal.userId,
            at: now,
          });
        }
      }
      if (move.table === 'opportunities' && heir) {
        for (const id of move.ids)
          await moveDealTeam(trx, ctx, principal, {
            opportunityId: id,
            fromOwnerId: userId,
            toOwnerId: heir.id,
          });
      }
      for (const id of move.ids) {
        await recordAudit(trx, ctx, principal, {
          entityType: move.table.replace(/ies$/, 'y').replace(/s$/, ''),
          entityId: id,
          action: 'transfer',
          before: { ownerId: userId },
          after: to,
        });
      }
    }
    await revokeUserSessions(trx, principal.tenantId, userId, now);
    await revokeApiTokens(trx, principal.tenantId, userId, now);
    return updateEntity(
      ctx,
      principal,
      userStore,
      userId,
      version,
      (_trx, current) => Promise.resolve({ ...current, status: 'disabled' as const }),
      { action: 'disable' },
    );
  });
}

export async function enableUser(
  ctx: AppContext,
  principal: Principal,
  userId: string,
  version: number,
): Promise<User> {
  authorize(principal, 'users.manage');
  return updateEntity(
    ctx,
    principal,
    userStore,
    userId,
    version,
    (_trx, current) =>
      Promise.resolve(
        current.status === 'active' ? current : { ...current, status: 'active' as const },
      ),
    { action: 'enable' },
  );
}
