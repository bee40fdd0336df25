import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import { nextDeadline } from '../domain/pools/deadlines.js';
import type { DeadlineLevel } from '../domain/pools/deadlines.js';
import type { Lifecycle } from '../domain/pools/pool-rules.js';
import type { OwnershipAction } from '../domain/pools/transitions.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { insertOwnershipChange } from '../store/ownership-history.repo.js';
import type { HeldEntity } from '../store/ownership-history.repo.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';
import { notify } from './notifications.service.js';
import { findTenantById } from '../store/tenants.repo.js';

export interface Ownership {
  readonly ownerId: string | null;
  readonly poolId: string | null;
}

const ownershipError = (message: string): DomainError =>
  new DomainError('ownership_conflict', {}, [
    { path: 'ownerId', code: 'ownership_conflict', message },
  ]);

/**
 * A lead or account is owned by a rep (private pool) or sits in a public pool: exactly one.
 * Sending an owner takes it out of its pool and sending a pool releases it; sending neither
 * keeps what it has, and a new record without either belongs to whoever creates it.
 */
export function resolveOwnership(
  requested: { ownerId?: string | null; poolId?: string | null },
  current: Ownership | null,
  actingUserId: string | null,
): Ownership {
  const { ownerId, poolId } = requested;
  if (ownerId && poolId) throw ownershipError('a record in a pool has no owner');
  if (ownerId) return { ownerId, poolId: null };
  if (poolId) return { ownerId: null, poolId };
  const base = current ?? { ownerId: actingUserId, poolId: null };
  const merged = {
    ownerId: ownerId === undefined ? base.ownerId : null,
    poolId: poolId === undefined ? base.poolId : null,
  };
  if (merged.ownerId === null && merged.poolId === null) {
    throw ownershipError('a record needs an owner or a pool');
  }
  return merged;
}

/**
 * The ownership fields of a record just given to `ownerId` (or put in a pool): the clock
 * of its follow-up deadline starts now, per the tenant's rules.
 */
export async function freshOwnership(
  db: Kysely<Database>,
  tenantId: string,
  ownerId: string | null,
  now: string,
): Promise<{
  lifecycle: Lifecycle;
  ownedSince: string | null;
  deadlineAt: string | null;
  deadlineLevel: DeadlineLevel;
}> {
  if (ownerId === null)
    return { lifecycle: 'active', ownedSince: null, deadlineAt: null, deadlineLevel: 0 };
  const tenant = await findTenantById(db, tenantId);
  const days = tenant?.settings.deadlines.followUpDays ?? 7;
  return {
    lifecycle: 'active',
    ownedSince: now,
    deadlineAt: nextDeadline(new Date(now), days),
    deadlineLevel: 0,
  };
}

/**
 * The ownership fields after an edit (PATCH) gave the record a new owner or put it in a
 * pool: the new owner's follow-up clock starts now; a pooled record has none. An edit that
 * keeps the owner keeps the clock.
 */
export async function reownedFields(
  db: Kysely<Database>,
  tenantId: string,
  current: Ownership,
  next: Ownership,
  now: string,
): Promise<Partial<Awaited<ReturnType<typeof freshOwnership>>>> {
  if (next.ownerId === current.ownerId) return {};
  return freshOwnership(db, tenantId, next.ownerId, now);
}

type Holding = Ownership & { readonly lifecycle: Lifecycle };

/**
 * Writes one flow to the ownership history, and tells a new owner who did not make the
 * change themselves (someone handing you a record is news; taking one yourself is not).
 * Every path that changes an owner — the ownership endpoint, an edit — goes through here.
 */
export async function recordOwnershipChange(
  db: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  change: {
    readonly entity: HeldEntity;
    readonly before: Holding;
    readonly after: Holding & { readonly id: string; readonly name: string };
    readonly action: OwnershipAction;
    readonly reason: string;
    readonly at: string;
  },
): Promise<void> {
  const { entity, before, after } = change;
  const historyId = ctx.newId();
  await insertOwnershipChange(db, principal.tenantId, {
    id: historyId,
    entityType: entity,
    entityId: after.id,
    action: change.action,
    fromOwnerId: before.ownerId,
    toOwnerId: after.ownerId,
    fromPoolId: before.poolId,
    toPoolId: after.poolId,
    fromLifecycle: before.lifecycle,
    toLifecycle: after.lifecycle,
    reason: change.reason,
    actorId: principal.userId,
    at: change.at,
  });
  if (after.ownerId && after.ownerId !== before.ownerId && after.ownerId !== principal.userId) {
    await notify(db, ctx, principal.tenantId, {
      userId: after.ownerId,
      subject: { type: entity, id: after.id },
      facts: { kind: 'assigned', entityType: entity, name: after.name },
      dedupeKey: `assigned:${entity}:${after.id}:${historyId}`,
    });
  }
}

/**
 * An edit that changes the owner is a flow like any other: recorded as an assign from a
 * pool, a transfer between owners or a release to a pool, with the reason `edited`. Moving
 * a pooled record between pools is curation, not a change of owner, and is left to the
 * audit log.
 */
export async function recordEditedOwnership(
  db: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  entity: HeldEntity,
  before: Holding,
  after: Holding & { readonly id: string; readonly name: string },
  at: string,
): Promise<void> {
  if (before.ownerId === after.ownerId) return;
  const action: OwnershipAction =
    after.ownerId === null ? 'release' : before.ownerId === null ? 'assign' : 'transfer';
  await recordOwnershipChange(db, ctx, principal, {
    entity,
    before,
    after,
    action,
    reason: 'edited',
    at,
  });
}
