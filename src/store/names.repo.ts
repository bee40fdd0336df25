import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Display names by id, for text that names people or customers in words (sweep notices,
 * exports, win-probability factors): one query for the whole list, never one per row.
 */
export async function namesById(
  db: Kysely<Database>,
  table: 'users' | 'accounts',
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
