import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

/** Tables whose rows carry created_at / updated_at / version. */
export type VersionedTable =
  | 'users'
  | 'teams'
  | 'pools'
  | 'accounts'
  | 'contacts'
  | 'leads'
  | 'pipelines'
  | 'opportunities'
  | 'activities'
  | 'tasks'
  | 'custom_fields'
  | 'approvals'
  | 'close_reasons'
  | 'saved_views';

export type SoftDeleteTable =
  'accounts' | 'contacts' | 'leads' | 'opportunities' | 'activities' | 'tasks';

/**
 * The few operations that are the same for every versioned table, written once. Kysely
 * cannot type a query over a table chosen at run time, so these view the database through a
 * loose row type; the public signatures stay exact.
 */
type LooseDatabase = Kysely<Record<string, Record<string, unknown>>>;
const loose = (db: Kysely<Database>): LooseDatabase => db as unknown as LooseDatabase;

export async function findRow<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  tenantId: string,
  id: string,
): Promise<Selectable<Database[T]> | undefined> {
  const row = await loose(db)
    .selectFrom(table as string)
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row as Selectable<Database[T]> | undefined;
}

export async function insertRow<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
): Promise<void> {
  await loose(db).insertInto(table).values(row).execute();
}

/**
 * Writes every column of `row` if the stored version is still `expectedVersion`. Returns
 * false on a stale version: the caller answers 409 instead of overwriting someone's edit.
 */
export async function saveVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]> & { tenant_id: string; id: string },
  expectedVersion: number,
): Promise<boolean> {
  const { tenant_id: tenantId, id, ...changes } = row;
  const result = await loose(db)
    .updateTable(table as string)
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
