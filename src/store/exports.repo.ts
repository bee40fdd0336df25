import type { Kysely, Selectable } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { Database } from './schema.js';
import { visibleCondition } from './visibility.js';

export type ExportTable = 'leads' | 'accounts' | 'contacts' | 'opportunities';

/**
 * One page of the live records the caller can see, in id order (ids are time-ordered, so
 * this is creation order), after `afterId`: the keyset walk behind streamed exports.
 */
export async function exportPage<T extends ExportTable>(
  db: Kysely<Database>,
  table: T,
  tenantId: string,
  visibility: Visibility,
  afterId: string | null,
  limit: number,
): Promise<Selectable<Database[T]>[]> {
  // The four tables share the columns used here; Kysely cannot see that through a generic.
  const loose = db as unknown as Kysely<
    Record<string, { tenant_id: string; id: string; deleted_at: string | null }>
  >;
  const visible = visibleCondition(table, visibility);
  const name: string = table;
  let query = loose
    .selectFrom(name)
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null);
  if (afterId !== null) query = query.where('id', '>', afterId);
  if (visible) query = query.where(visible);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows as unknown as Selectable<Database[T]>[];
}
