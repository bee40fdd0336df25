import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isPostgres } from './migrations/columns.js';
import type { Database } from './schema.js';

/**
 * Refreshes the planner's statistics of tables a bulk write just grew. PostgreSQL relies on
 * autovacuum for this, which may be slow to come or switched off; until it runs, plans are
 * made for the table as it was (a 100k-row table planned as empty scans where it should
 * use an index). SQLite keeps statistics only once ANALYZE has run; `analysis_limit`
 * samples each index instead of reading all of it, so this stays quick on large tables.
 */
export async function refreshStatistics(
  db: Kysely<Database>,
  tables: readonly (keyof Database)[],
): Promise<void> {
  if (tables.length === 0) return;
  if (isPostgres(db)) {
    await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(db);
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}
