import { DomainError } from '../domain/errors.js';

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
