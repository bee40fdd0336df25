import type { Kysely, Selectable } from 'kysely';
import type { Pool } from '../domain/pools/pool.js';
import { defaultPoolRules } from '../domain/pools/pool-rules.js';
import type { PoolRules } from '../domain/pools/pool-rules.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, PoolsTable } from './schema.js';

export function toPool(row: Selectable<PoolsTable>): Pool {
  return {
    id: row.id,
    name: row.name,
    teamId: row.team_id,
    region: row.region,
    isDefault: row.is_default === 1,
    rules: { ...defaultPoolRules, ...(fromJsonColumn(row.rules) as Partial<PoolRules> | null) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toPoolRow(tenantId: string, pool: Pool): PoolsTable {
  return {
    tenant_id: tenantId,
    id: pool.id,
    name: pool.name,
    team_id: pool.teamId,
    region: pool.region,
    is_default: pool.isDefault ? 1 : 0,
    rules: toJsonColumn(pool.rules),
    created_at: pool.createdAt,
    updated_at: pool.updatedAt,
    version: pool.version,
  };
}

export async function listPools(
  db: Kysely<Database>,
  tenantId: string,
  page: PageQuery,
): Promise<Page<Pool>> {
  const query = db.selectFrom('pools').selectAll().where('tenant_id', '=', tenantId);
  const rows = await applyKeyset(query, 'pools', page).execute();
  return toPage(rows, page, toPool);
}

export async function findDefaultPool(
  db: Kysely<Database>,
  tenantId: string,
): Promise<Pool | undefined> {
  const row = await db
    .selectFrom('pools')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('is_default', '=', 1)
    .executeTakeFirst();
  return row && toPool(row);
}

/** Leads and accounts still in the pool; a pool that holds any cannot be deleted. */
export async function poolMemberCount(
  db: Kysely<Database>,
  tenantId: string,
  poolId: string,
): Promise<number> {
  let total = 0;
  for (const table of ['leads', 'accounts'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('pool_id', '=', poolId)
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}

export async function deletePoolRow(
  db: Kysely<Database>,
  tenantId: string,
  poolId: string,
): Promise<void> {
  await db.deleteFrom('pools').where('tenant_id', '=', tenantId).where('id', '=', poolId).execute();
}

/**
 * Where a record goes back to when its owner gives it up: the pool of the owner's nearest
 * team that has one (a regional pool for a regional rep), else the tenant's default pool.
 */
export async function findHomePool(
  db: Kysely<Database>,
  tenantId: string,
  teamPath: readonly string[],
): Promise<Pool | undefined> {
  if (teamPath.length > 0) {
    const rows = await db
      .selectFrom('pools')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('team_id', 'in', [...teamPath])
      .execute();
    const nearest = teamPath
      .map((teamId) => rows.find((row) => row.team_id === teamId))
      .find((row) => row !== undefined);
    if (nearest) return toPool(nearest);
  }
  return findDefaultPool(db, tenantId);
}
