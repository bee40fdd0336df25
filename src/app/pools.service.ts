import { DomainError, notFound } from '../domain/errors.js';
import type { Pool } from '../domain/pools/pool.js';
import { defaultPoolRules } from '../domain/pools/pool-rules.js';
import type { PoolRules } from '../domain/pools/pool-rules.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Page } from '../store/pagination.js';
import {
  deletePoolRow,
  listPools,
  poolMemberCount,
  toPool,
  toPoolRow,
} from '../store/pools.repo.js';
import { recordAudit } from './audit.service.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { createEntity, getEntity, updateEntity } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertReferences } from './references.js';
import type { Reference } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface PoolInput {
  readonly name: string;
  readonly teamId?: string | null;
  readonly region?: string | null;
  readonly rules?: Partial<PoolRules>;
}

export type PoolPatch = Partial<PoolInput> & { readonly version: number };

export const poolStore = tableStore('pool', 'pools', toPool, toPoolRow);

export const poolSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  name: { key: 'name', column: 'name' },
} as const;

/** Who may claim is a list of teams: each must be one of the tenant's (a typo would lock everyone out). */
function memberTeamReferences(rules: Partial<PoolRules> | undefined): Reference[] {
  return (rules?.memberTeamIds ?? []).map((id, at) => ({
    field: `rules.memberTeamIds.${at}`,
    table: 'teams' as const,
    id,
  }));
}

export async function createPool(
  ctx: AppContext,
  principal: Principal,
  input: PoolInput,
  options: { isDefault?: boolean } = {},
): Promise<Pool> {
  authorize(principal, 'pools.manage');
  return createEntity(ctx, principal, poolStore, async (trx, { id, now }) => {
    await assertReferences(trx, principal, [
      { field: 'teamId', table: 'teams', id: input.teamId },
      ...memberTeamReferences(input.rules),
    ]);
    return {
      id,
      name: input.name,
      teamId: input.teamId ?? null,
      region: input.region ?? null,
      isDefault: options.isDefault ?? false,
      rules: { ...defaultPoolRules, ...input.rules },
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
}

export async function updatePool(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: PoolPatch,
): Promise<Pool> {
  authorize(principal, 'pools.manage');
  return updateEntity(ctx, principal, poolStore, id, version, async (trx, current) => {
    await assertReferences(trx, principal, [
      { field: 'teamId', table: 'teams', id: patch.teamId },
      ...memberTeamReferences(patch.rules),
    ]);
    const { rules, ...rest } = patch;
    return { ...applyPatch(current, rest), rules: { ...current.rules, ...rules } };
  });
}

export async function getPool(ctx: AppContext, principal: Principal, id: string): Promise<Pool> {
  return getEntity(ctx, principal, poolStore, id);
}

export async function listPoolsPage(
  ctx: AppContext,
  principal: Principal,
  list: ListInput<keyof typeof poolSorts>,
): Promise<Page<Pool>> {
  return listPools(dbFor(ctx), principal.tenantId, pageQuery(list, poolSorts, 'name'));
}

/** The company-wide pool always exists; other pools go once they are empty. */
export async function deletePool(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  authorize(principal, 'pools.manage');
  await inTransaction(ctx, async (trx) => {
    const pool = await poolStore.load(trx, principal.tenantId, id);
    if (!pool) throw notFound('pool');
    const members = pool.isDefault ? 0 : await poolMemberCount(trx, principal.tenantId, id);
    if (pool.isDefault || members > 0) {
      throw new DomainError('has_dependents', {
        entity: 'pool',
        dependents: pool.isDefault ? 'the default pool' : `${members} leads and accounts`,
      });
    }
    await deletePoolRow(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'pool',
      entityId: id,
      action: 'delete',
      before: pool,
      after: null,
    });
  });
}
