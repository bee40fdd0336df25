import type { Lifecycle, PoolRules } from './pool-rules.js';

/**
 * Every ownership change of a lead or account, as a decision of the pure core with a reason
 * (公海/私海 flows): company→rep (assign, claim), rep→rep (transfer), rep→company (release,
 * recycle), company→dormant (archive), dormant→company (reactivate), dormant→eliminated.
 */
export const ownershipActions = [
  'assign',
  'claim',
  'transfer',
  'release',
  'recycle',
  'archive',
  'reactivate',
  'eliminate',
] as const;
export type OwnershipAction = (typeof ownershipActions)[number];

export interface Holding {
  readonly ownerId: string | null;
  readonly poolId: string | null;
  readonly lifecycle: Lifecycle;
}

export interface TransitionContext {
  readonly action: OwnershipAction;
  readonly actorId: string | null;
  /** The new owner (assign, claim, transfer) or pool (release, recycle, reactivate). */
  readonly toUserId?: string;
  readonly toPoolId?: string;
  readonly rules: PoolRules;
  /** How many records the new owner already holds (counted as the rules say). */
  readonly heldByTarget: number;
  /** When the target last gave this record up, if ever (for the re-claim cooldown). */
  readonly targetLastReleasedAt: string | null;
  /** Whether the target may claim from this pool (member of one of its teams). */
  readonly targetIsMember: boolean;
  /** Whether a transfer stays within the pool's transfer scope. */
  readonly withinScope: boolean;
  readonly now: Date;
}

export type Refusal =
  | 'not_in_pool'
  | 'not_owned'
  | 'not_dormant'
  | 'not_active'
  | 'claim_limit_reached'
  | 'reclaim_cooldown'
  | 'not_pool_member'
  | 'outside_transfer_scope'
  | 'same_owner';

export type TransitionDecision =
  { readonly ok: true; readonly next: Holding } | { readonly ok: false; readonly refusal: Refusal };

const DAY_MS = 86_400_000;
const refuse = (refusal: Refusal): TransitionDecision => ({ ok: false, refusal });

function takeIntoPrivate(
  holding: Holding,
  ctx: TransitionContext,
  claiming: boolean,
): TransitionDecision {
  const target = ctx.toUserId;
  if (!target) return refuse('not_owned');
  if (holding.ownerId === target) return refuse('same_owner');
  if (claiming && !ctx.targetIsMember) return refuse('not_pool_member');
  if (ctx.rules.claimLimit !== null && ctx.heldByTarget >= ctx.rules.claimLimit)
    return refuse('claim_limit_reached');
  if (claiming && ctx.targetLastReleasedAt) {
    const coolsAt = Date.parse(ctx.targetLastReleasedAt) + ctx.rules.reclaimCooldownDays * DAY_MS;
    if (ctx.now.getTime() < coolsAt) return refuse('reclaim_cooldown');
  }
  return { ok: true, next: { ownerId: target, poolId: null, lifecycle: 'active' } };
}

/** Decides one transition; the caller supplies the counts and facts the rules need. */
export function decideTransition(holding: Holding, ctx: TransitionContext): TransitionDecision {
  switch (ctx.action) {
    case 'claim':
      if (holding.lifecycle !== 'active' || holding.poolId === null) return refuse('not_in_pool');
      return takeIntoPrivate(holding, ctx, true);
    case 'assign':
      if (holding.lifecycle !== 'active') return refuse('not_active');
      return takeIntoPrivate(holding, ctx, false);
    case 'transfer':
      if (holding.ownerId === null) return refuse('not_owned');
      // Only active records are owned; a resting one is never handed around.
      if (holding.lifecycle !== 'active') return refuse('not_active');
      if (!ctx.withinScope) return refuse('outside_transfer_scope');
      return takeIntoPrivate(holding, ctx, false);
    case 'release':
    case 'recycle':
      if (holding.ownerId === null) return refuse('not_owned');
      if (holding.lifecycle !== 'active') return refuse('not_active');
      if (!ctx.toPoolId) return refuse('not_in_pool');
      return { ok: true, next: { ownerId: null, poolId: ctx.toPoolId, lifecycle: 'active' } };
    case 'archive':
      if (holding.lifecycle !== 'active' || holding.ownerId !== null) return refuse('not_in_pool');
      return { ok: true, next: { ...holding, lifecycle: 'dormant' } };
    case 'reactivate':
      if (holding.lifecycle !== 'dormant') return refuse('not_dormant');
      return {
        ok: true,
        next: { ownerId: null, poolId: ctx.toPoolId ?? holding.poolId, lifecycle: 'active' },
      };
    case 'eliminate':
      if (holding.lifecycle !== 'dormant') return refuse('not_dormant');
      return { ok: true, next: { ...holding, lifecycle: 'eliminated' } };
  }
}
