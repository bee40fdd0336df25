import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import type { Ownership } from './ownership.js';
import { resolveOwnership } from './ownership.js';

type Requested = Parameters<typeof resolveOwnership>[0];

const owned: Ownership = { ownerId: 'u-current', poolId: null };
const pooled: Ownership = { ownerId: null, poolId: 'pool-current' };
const ACTOR = 'u-actor';

describe('resolveOwnership', () => {
  it.each<[string, Requested, Ownership | null, string | null, Ownership]>([
    // creating
    [
      'new record, nothing sent: the creator owns it',
      {},
      null,
      ACTOR,
      { ownerId: ACTOR, poolId: null },
    ],
    ['new record with an owner', { ownerId: 'u1' }, null, ACTOR, { ownerId: 'u1', poolId: null }],
    ['new record with a pool', { poolId: 'p1' }, null, ACTOR, { ownerId: null, poolId: 'p1' }],
    // a system job (no acting user) may still create a pooled record
    [
      'new record by the system into a pool',
      { poolId: 'p1' },
      null,
      null,
      { ownerId: null, poolId: 'p1' },
    ],
    [
      'new record with owner and null pool',
      { ownerId: 'u1', poolId: null },
      null,
      ACTOR,
      { ownerId: 'u1', poolId: null },
    ],
    [
      'new record with pool and null owner',
      { ownerId: null, poolId: 'p1' },
      null,
      ACTOR,
      { ownerId: null, poolId: 'p1' },
    ],
    // updating an owned record
    ['owned, nothing sent: unchanged', {}, owned, ACTOR, owned],
    // the acting user does not grab a record by editing it
    ['owned, edited by someone else: unchanged', {}, owned, 'u-other', owned],
    ['owned, reassigned', { ownerId: 'u2' }, owned, ACTOR, { ownerId: 'u2', poolId: null }],
    ['owned, released to a pool', { poolId: 'p1' }, owned, ACTOR, { ownerId: null, poolId: 'p1' }],
    ['owned, explicit null pool: unchanged', { poolId: null }, owned, ACTOR, owned],
    // updating a pooled record
    ['pooled, nothing sent: unchanged', {}, pooled, ACTOR, pooled],
    [
      'pooled, claimed by an owner',
      { ownerId: 'u2' },
      pooled,
      ACTOR,
      { ownerId: 'u2', poolId: null },
    ],
    [
      'pooled, moved to another pool',
      { poolId: 'p2' },
      pooled,
      ACTOR,
      { ownerId: null, poolId: 'p2' },
    ],
    ['pooled, explicit null owner: unchanged', { ownerId: null }, pooled, ACTOR, pooled],
    [
      'pooled, undefined fields: unchanged',
      { ownerId: undefined, poolId: undefined },
      pooled,
      ACTOR,
      pooled,
    ],
  ])('%s', (_name, requested, current, actor, expected) => {
    expect(resolveOwnership(requested, current, actor)).toEqual(expected);
  });

  it.each<[string, Requested, Ownership | null, string | null, string]>([
    [
      'both sent on create',
      { ownerId: 'u1', poolId: 'p1' },
      null,
      ACTOR,
      'a record in a pool has no owner',
    ],
    [
      'both sent on update',
      { ownerId: 'u1', poolId: 'p1' },
      owned,
      ACTOR,
      'a record in a pool has no owner',
    ],
    [
      'both sent on a pooled record',
      { ownerId: 'u1', poolId: 'p1' },
      pooled,
      ACTOR,
      'a record in a pool has no owner',
    ],
    // without a user session nothing can own a new record
    ['new record by the system, nothing sent', {}, null, null, 'a record needs an owner or a pool'],
    [
      'new record with both explicitly null',
      { ownerId: null, poolId: null },
      null,
      ACTOR,
      'a record needs an owner or a pool',
    ],
    // clearing the only link would orphan the record
    [
      'owned, owner cleared without a pool',
      { ownerId: null },
      owned,
      ACTOR,
      'a record needs an owner or a pool',
    ],
    [
      'pooled, pool cleared without an owner',
      { poolId: null },
      pooled,
      ACTOR,
      'a record needs an owner or a pool',
    ],
    [
      'owned, both cleared',
      { ownerId: null, poolId: null },
      owned,
      ACTOR,
      'a record needs an owner or a pool',
    ],
    // an empty string is not an id: treated as clearing, not as an owner
    ['owned, empty owner id', { ownerId: '' }, owned, ACTOR, 'a record needs an owner or a pool'],
    ['pooled, empty pool id', { poolId: '' }, pooled, ACTOR, 'a record needs an owner or a pool'],
  ])('%s throws ownership_conflict', (_name, requested, current, actor, message) => {
    let caught: unknown;
    try {
      resolveOwnership(requested, current, actor);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe('ownership_conflict');
    expect(error.issues).toEqual([{ path: 'ownerId', code: 'ownership_conflict', message }]);
  });
});
