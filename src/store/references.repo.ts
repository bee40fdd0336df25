import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { Database, TenantTable } from './schema.js';
import { isVisibleTable, visibleCondition } from './visibility.js';

const softDeletable = new Set<TenantTable>([
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'activities',
  'tasks',
]);

/**
 * Which of `ids` exist in `table` for this tenant and, when a visibility is given, are
 * visible to the principal (soft-deleted rows count as missing unless `includeDeleted`).
 * One query per table for all references of a request, instead of one per field.
 */
export async function existingIds(
  db: Kysely<Database>,
  table: TenantTable,
  tenantId: string,
  ids: readonly string[],
  options: { visibility?: Visibility; includeDeleted?: boolean } = {},
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const alive =
    softDeletable.has(table) && !options.includeDeleted ? sql`and deleted_at is null` : sql``;
  const visible =
    options.visibility && isVisibleTable(table)
      ? visibleCondition(table, options.visibility)
      : null;
  const result = await sql<{ id: string }>`
    select id from ${sql.table(table)}
    where tenant_id = ${tenantId} and id in (${sql.join(ids)}) ${alive}
    ${visible ? sql`and ${visible}` : sql``}`.execute(db);
  return new Set(result.rows.map((row) => row.id));
}

type TreeTable = 'accounts' | 'teams' | 'contacts';
const parentColumn: Record<TreeTable, string> = {
  accounts: 'parent_id',
  teams: 'parent_id',
  contacts: 'reports_to_id',
};

/**
 * The chain of parents above `startId` (inclusive) as id → parent, via a recursive CTE on
 * both dialects. Bounded in depth so corrupt data cannot loop forever.
 */
export async function ancestorChain(
  db: Kysely<Database>,
  table: TreeTable,
  tenantId: string,
  startId: string,
  maxDepth = 1000,
): Promise<Map<string, string | null>> {
  const parent = sql.ref(parentColumn[table]);
  const result = await sql<{ id: string; parent: string | null }>`
    with recursive chain(id, parent, depth) as (
      select id, ${parent}, 0 from ${sql.table(table)} where tenant_id = ${tenantId} and id = ${startId}
      union all
      select t.id, t.${parent}, chain.depth + 1 from ${sql.table(table)} t
      join chain on t.id = chain.parent and t.tenant_id = ${tenantId}
      where chain.depth < ${maxDepth}
    )
    select id, parent from chain`.execute(db);
  return new Map(result.rows.map((row) => [row.id, row.parent]));
}
