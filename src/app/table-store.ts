import type { Insertable, Selectable } from 'kysely';
import { findRow, insertRow, saveVersioned } from '../store/rows.repo.js';
import type { VersionedTable } from '../store/rows.repo.js';
import type { Database } from '../store/schema.js';
import type { EntityStore, VersionedEntity } from './entity.js';

type ScopedTable = NonNullable<EntityStore<VersionedEntity>['visibleAs']>;
const scopedTables: readonly string[] = [
  'leads',
  'accounts',
  'contacts',
  'opportunities',
  'activities',
  'tasks',
];
const isScopedTable = (table: string): table is ScopedTable => scopedTables.includes(table);

/** An EntityStore for an entity that is exactly one row of one table. */
export function tableStore<T extends VersionedTable, E extends VersionedEntity>(
  entityType: string,
  table: T,
  toEntity: (row: Selectable<Database[T]>) => E,
  toRow: (
    tenantId: string,
    entity: E,
  ) => Insertable<Database[T]> & { tenant_id: string; id: string },
): EntityStore<E> {
  return {
    entityType,
    ...(isScopedTable(table) ? { visibleAs: table } : {}),
    load: async (db, tenantId, id) => {
      const row = await findRow(db, table, tenantId, id);
      return row && toEntity(row);
    },
    insert: (db, tenantId, entity) => insertRow(db, table, toRow(tenantId, entity)),
    save: (db, tenantId, entity, expectedVersion) =>
      saveVersioned(db, table, toRow(tenantId, entity), expectedVersion),
  };
}

/** Copies the fields a PATCH body actually sent; `null` clears a field, absence keeps it. */
export function applyPatch<E extends object, P extends Partial<E>>(current: E, patch: P): E {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) next[key] = value;
  }
  return next as E;
}
