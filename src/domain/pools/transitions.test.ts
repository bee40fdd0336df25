import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPoolRules, lifecycles } from './pool-rules.js';
import type { PoolRules } from './pool-rules.js';
import { decideTransition, ownershipActions } from './transitions.js';
import type { Holding, TransitionContext } from './transitions.js';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const inPool: Holding = { ownerId: null, poolId: 'pool', lifecycle: 'active' };
const owned: Holding = { ownerId: 'alice', poolId: null, lifecycle: 'active' };
const dormant: Holding = { ownerId: null, poolId: 'pool', lifecycle: 'dormant' };
const eliminated: Holding = { ownerId: null, poolId: 'pool', lifecycle: 'eliminated' };

const rules: PoolRules = {
  ...defaultPoolRules,
  claimLimit: 3,
  reclaimCooldownDays: 30,
  memberTeamIds: [],
};

/** A context where every rule is satisfied, so each test breaks exactly one. */
function ctx(overrides: Partial<TransitionContext>): TransitionContext {
  return {
    action: 'claim',
    actorId: 'bob',
    toUserId: 'bob',
    toPoolId: 'pool',
    rules,
    heldByTarget: 0,
    targetLastReleasedAt: null,
    targetIsMember: true,
    withinScope: true,
    now: NOW,
    ...overrides,
  };
}

describe('decideTransition: the accepted flows', () => {
  it.each<[string, Holding, Partial<TransitionContext>, Holding]>([
    [
      'claim: pool → the claimant',
      inPool,
      {},
      { ownerId: 'bob', poolId: null, lifecycle: 'active' },
    ],
    [
      'assign: pool → a rep',
      inPool,
      { action: 'assign' },
      { ownerId: 'bob', poolId: null, lifecycle: 'active' },
    ],
    [
      'assign: one owner → another',
      owned,
      { action: 'assign' },
      { ownerId: 'bob', poolId: null, lifecycle: 'active' },
    ],
    [
      'transfer: rep → rep',
      owned,
      { action: 'transfer' },
      { ownerId: 'bob', poolId: null, lifecycle: 'active' },
    ],
    [
      'release: rep → pool',
      owned,
      { action: 'release', toUserId: undefined, toPoolId: 'p2' },
      { ownerId: null, poolId: 'p2', lifecycle: 'active' },
    ],
    [
      'recycle: rep → pool',
      owned,
      { action: 'recycle', toUserId: undefined },
      { ownerId: null, poolId: 'pool', lifecycle: 'active' },
    ],
    [
      'archive: pool → dormant (stays filed under its pool)',
      inPool,
      { action: 'archive', toUserId: undefined },
      { ownerId: null, poolId: 'pool', lifecycle: 'dormant' },
    ],
    [
      'reactivate: dormant → a pool',
      dormant,
      { action: 'reactivate', toUserId: undefined, toPoolId: 'p2' },
      { ownerId: null, poolId: 'p2', lifecycle: 'active' },
    ],
    [
      'reactivate without a pool: back to the one it was filed under',
      dormant,
      { action: 'reactivate', toUserId: undefined, toPoolId: undefined },
      { ownerId: null, poolId: 'pool', lifecycle: 'active' },
    ],
    [
      'eliminate: dormant → eliminated',
      dormant,
      { action: 'eliminate', toUserId: undefined },
      { ownerId: null, poolId: 'pool', lifecycle: 'eliminated' },
    ],
  ])('%s', (_name, holding, overrides, next) => {
    expect(decideTransition(holding, ctx(overrides))).toEqual({ ok: true, next });
  });
});

describe('decideTransition: refusals', () => {
  it.each<[string, Holding, Partial<TransitionContext>, string]>([
    ['claim of an owned record', owned, {}, 'not_in_pool'],
    ['claim of a dormant record', dormant, {}, 'not_in_pool'],
    ['claim of an eliminated record', eliminated, {}, 'not_in_pool'],
    [
      'claim by a non-member of a members-only pool',
      inPool,
      { targetIsMember: false },
      'not_pool_member',
    ],
    ['claim at the limit', inPool, { heldByTarget: 3 }, 'claim_limit_reached'],
    ['claim above the limit', inPool, { heldByTarget: 7 }, 'claim_limit_reached'],
    [
      're-claim inside the cooldown',
      inPool,
      { targetLastReleasedAt: daysAgo(29) },
      'reclaim_cooldown',
    ],
    ['claim without a claimant', inPool, { toUserId: undefined }, 'not_owned'],
    ['assign of a dormant record', dormant, { action: 'assign' }, 'not_active'],
    ['assign of an eliminated record', eliminated, { action: 'assign' }, 'not_active'],
    ['assign to the current owner', owned, { action: 'assign', toUserId: 'alice' }, 'same_owner'],
    [
      'assign to a rep at the limit',
      inPool,
      { action: 'assign', heldByTarget: 3 },
      'claim_limit_reached',
    ],
    ['transfer of a pool record', inPool, { action: 'transfer' }, 'not_owned'],
    [
      'transfer beyond the scope',
      owned,
      { action: 'transfer', withinScope: false },
      'outside_transfer_scope',
    ],
    [
      'transfer to a rep at the limit',
      owned,
      { action: 'transfer', heldByTarget: 3 },
      'claim_limit_reached',
    ],
    ['transfer to the owner', owned, { action: 'transfer', toUserId: 'alice' }, 'same_owner'],
    ['release of a pool record', inPool, { action: 'release' }, 'not_owned'],
    [
      'release of a dormant record that somehow kept an owner',
      { ...dormant, ownerId: 'alice' },
      { action: 'release' },
      'not_active',
    ],
    [
      'transfer of an eliminated record that somehow kept an owner',
      { ...eliminated, ownerId: 'alice' },
      { action: 'transfer' },
      'not_active',
    ],
    [
      'release with no pool to go to',
      owned,
      { action: 'release', toPoolId: undefined },
      'not_in_pool',
    ],
    ['recycle of a pool record', inPool, { action: 'recycle' }, 'not_owned'],
    ['archive of an owned record', owned, { action: 'archive' }, 'not_in_pool'],
    ['archive of a dormant record', dormant, { action: 'archive' }, 'not_in_pool'],
    ['reactivate of an active record', inPool, { action: 'reactivate' }, 'not_dormant'],
    ['reactivate of an eliminated record', eliminated, { action: 'reactivate' }, 'not_dormant'],
    ['eliminate of an active record', inPool, { action: 'eliminate' }, 'not_dormant'],
    ['eliminate twice', eliminated, { action: 'eliminate' }, 'not_dormant'],
  ])('%s', (_name, holding, overrides, refusal) => {
    expect(decideTransition(holding, ctx(overrides))).toEqual({ ok: false, refusal });
  });
});

describe('decideTransition: the rules in detail', () => {
  it('lets the claimant re-claim once the cooldown has passed, to the millisecond', () => {
    const edge = new Date(NOW.getTime() - 30 * DAY).toISOString();
    expect(decideTransition(inPool, ctx({ targetLastReleasedAt: edge })).ok).toBe(true);
    const justInside = new Date(NOW.getTime() - 30 * DAY + 1).toISOString();
    expect(decideTransition(inPool, ctx({ targetLastReleasedAt: justInside }))).toEqual({
      ok: false,
      refusal: 'reclaim_cooldown',
    });
  });

  it('applies the cooldown to claims only: staff may assign it back at once', () => {
    const recent = { targetLastReleasedAt: daysAgo(1) };
    expect(decideTransition(inPool, ctx({ ...recent, action: 'assign' })).ok).toBe(true);
    expect(decideTransition(owned, ctx({ ...recent, action: 'transfer' })).ok).toBe(true);
  });

  it('has no cooldown when the pool sets it to zero days', () => {
    const none = { ...rules, reclaimCooldownDays: 0 };
    expect(
      decideTransition(inPool, ctx({ rules: none, targetLastReleasedAt: daysAgo(0) })).ok,
    ).toBe(true);
  });

  it('has no limit when the pool sets none', () => {
    const unlimited = { ...rules, claimLimit: null };
    expect(decideTransition(inPool, ctx({ rules: unlimited, heldByTarget: 10_000 })).ok).toBe(true);
  });

  it('refuses everything with a limit of zero (a pool nobody may take from)', () => {
    expect(decideTransition(inPool, ctx({ rules: { ...rules, claimLimit: 0 } }))).toEqual({
      ok: false,
      refusal: 'claim_limit_reached',
    });
  });

  it('checks membership for claims only: staff may assign to anyone', () => {
    expect(decideTransition(inPool, ctx({ action: 'assign', targetIsMember: false })).ok).toBe(
      true,
    );
  });

  it('checks the transfer scope for transfers only', () => {
    expect(decideTransition(inPool, ctx({ withinScope: false })).ok).toBe(true);
    expect(decideTransition(owned, ctx({ action: 'assign', withinScope: false })).ok).toBe(true);
  });
});

describe('decideTransition: invariants', () => {
  // The holdings the store can hold: owned (no pool), in a pool, or resting in a pool.
  const holdings = fc.oneof(
    fc
      .constantFrom('alice', 'bob')
      .map((ownerId): Holding => ({ ownerId, poolId: null, lifecycle: 'active' })),
    fc
      .constantFrom(...lifecycles)
      .map((lifecycle): Holding => ({ ownerId: null, poolId: 'pool', lifecycle })),
  );
  const contexts = fc.record({
    action: fc.constantFrom(...ownershipActions),
    actorId: fc.constantFrom(null, 'bob'),
    toUserId: fc.constantFrom(undefined, 'alice', 'bob'),
    toPoolId: fc.constantFrom(undefined, 'pool', 'p2'),
    rules: fc.record({
      claimLimit: fc.option(fc.integer({ min: 0, max: 5 })),
      claimLimitExcludesWon: fc.boolean(),
      reclaimCooldownDays: fc.integer({ min: 0, max: 60 }),
      memberTeamIds: fc.constant([]),
      transferScope: fc.constantFrom('team' as const, 'department' as const, 'company' as const),
    }),
    heldByTarget: fc.integer({ min: 0, max: 8 }),
    targetLastReleasedAt: fc.option(fc.integer({ min: 0, max: 90 }).map(daysAgo)),
    targetIsMember: fc.boolean(),
    withinScope: fc.boolean(),
    now: fc.constant(NOW),
  });

  // Whatever the flow, from a valid holding the result is a valid holding:
  // an owned record has no pool and is active, a resting one has no owner, and nothing
  // ever comes back from elimination.
  it('always lands in a consistent holding', () => {
    fc.assert(
      fc.property(holdings, contexts, (holding, context) => {
        const decision = decideTransition(holding, context);
        if (!decision.ok) return;
        const { next } = decision;
        expect(holding.lifecycle).not.toBe('eliminated');
        if (next.ownerId !== null) {
          expect(next.ownerId).toBe(context.toUserId);
          expect(next.poolId).toBeNull();
          expect(next.lifecycle).toBe('active');
          expect(holding.lifecycle).toBe('active');
        } else {
          expect(next.poolId).not.toBeNull();
        }
      }),
    );
  });

  it('never hands a record to someone at the claim limit', () => {
    fc.assert(
      fc.property(holdings, contexts, (holding, context) => {
        const decision = decideTransition(holding, context);
        const limit = context.rules.claimLimit;
        if (decision.ok && decision.next.ownerId !== null && limit !== null)
          expect(context.heldByTarget).toBeLessThan(limit);
      }),
    );
  });
});
