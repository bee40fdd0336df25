import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Stays under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * Multi-row inserts in statements as large as the drivers allow: the bulk path for demo
 * data, imports and benchmark fixtures, where one INSERT per row would be the bottleneck.
 * Run it inside a transaction so a failure leaves nothing half-written.
 */
export async function bulkInsert<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(slice)
      .execute();
  }
}
