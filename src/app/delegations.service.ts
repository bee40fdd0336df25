import type { Delegation } from '../domain/approvals/delegation.js';
import { overlaps } from '../domain/approvals/delegation.js';
import { DomainError, notFound, referenceNotFound, versionConflict } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { deleteDelegation, findDelegation, saveDelegation } from '../store/approval-chains.repo.js';
import { findRow } from '../store/rows.repo.js';
import { actingUser } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

export interface DelegationInput {
  readonly delegateId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  /** 0 when setting one for the first time. */
  readonly version: number;
}

/** My stand-in, if I set one (past, current or planned). */
export async function getMyDelegation(
  ctx: AppContext,
  principal: Principal,
): Promise<Delegation | null> {
  return (await findDelegation(dbFor(ctx), principal.tenantId, actingUser(principal))) ?? null;
}

/**
 * Sets who decides my approval steps while I am away. Not myself, and not someone who hands
 * theirs to me in an overlapping period (A→B→A); longer chains are cut short when routing.
 * Steps already waiting stay where they are; new ones (and steps a chain reaches later)
 * go to the delegate during the period.
 */
export async function putMyDelegation(
  ctx: AppContext,
  principal: Principal,
  input: DelegationInput,
): Promise<Delegation> {
  const userId = actingUser(principal);
  if (input.delegateId === userId) throw new DomainError('delegation_to_self', {});
  return inTransaction(ctx, async (trx) => {
    await assertReferences(trx, principal, [
      { field: 'delegateId', table: 'users', id: input.delegateId },
    ]);
    // A disabled stand-in would strand every step routed to them.
    const delegate = await findRow(trx, 'users', principal.tenantId, input.delegateId);
    if (delegate?.status !== 'active') throw referenceNotFound('delegateId');
    const theirs = await findDelegation(trx, principal.tenantId, input.delegateId);
    if (theirs && theirs.delegateId === userId && overlaps(theirs, input))
      throw new DomainError('delegation_cycle', {});
    const before = await findDelegation(trx, principal.tenantId, userId);
    if ((before?.version ?? 0) !== input.version) throw versionConflict('delegation');
    const now = nowIso(ctx);
    const after: Delegation = {
      userId,
      delegateId: input.delegateId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
      version: input.version + 1,
    };
    if (!(await saveDelegation(trx, principal.tenantId, after, input.version)))
      throw versionConflict('delegation');
    await recordAudit(trx, ctx, principal, {
      entityType: 'delegation',
      entityId: userId,
      action: before ? 'update' : 'create',
      before: before ?? null,
      after,
    });
    return after;
  });
}

/** Back from leave early: my steps come to me again. */
export async function deleteMyDelegation(ctx: AppContext, principal: Principal): Promise<void> {
  const userId = actingUser(principal);
  await inTransaction(ctx, async (trx) => {
    const before = await findDelegation(trx, principal.tenantId, userId);
    if (!before) throw notFound('delegation');
    await deleteDelegation(trx, principal.tenantId, userId);
    await recordAudit(trx, ctx, principal, {
      entityType: 'delegation',
      entityId: userId,
      action: 'delete',
      before,
      after: null,
    });
  });
}
