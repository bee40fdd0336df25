import type { Principal } from '../domain/tenancy/principal.js';
import { heldCount } from '../store/holdings.repo.js';
import { actingUser } from './access.js';
import type { AppContext } from './context.js';
import { getPool } from './pools.service.js';
import { dbFor } from './transaction.js';

/** One kind of record: how many the caller holds, against the pool's claim limit. */
export interface HoldingCount {
  readonly held: number;
  /** null: the pool sets no limit. */
  readonly limit: number | null;
}

export interface PoolHolding {
  readonly poolId: string;
  readonly userId: string;
  readonly leads: HoldingCount;
  readonly accounts: HoldingCount;
}

/**
 * The caller's standing against a pool's claim limit, counted exactly as a claim from that
 * pool counts it (holdings.repo), so the screen shows the number the server will enforce.
 */
export async function myPoolHolding(
  ctx: AppContext,
  principal: Principal,
  poolId: string,
): Promise<PoolHolding> {
  const userId = actingUser(principal);
  const pool = await getPool(ctx, principal, poolId);
  const db = dbFor(ctx);
  const { claimLimit, claimLimitExcludesWon } = pool.rules;
  return {
    poolId: pool.id,
    userId,
    leads: {
      held: await heldCount(db, principal.tenantId, userId, 'lead', false),
      limit: claimLimit,
    },
    accounts: {
      held: await heldCount(db, principal.tenantId, userId, 'account', claimLimitExcludesWon),
      limit: claimLimit,
    },
  };
}
