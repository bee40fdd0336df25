import { Migrator } from 'kysely';
import type { MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Store } from './db.js';

export interface MigrationReport {
  readonly applied: readonly string[];
}

/** Brings the schema up to date. Safe to run on every start: Kysely locks and skips done work. */
export async function migrateToLatest(store: Store): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: store.db,
    // Kysely looks for its bookkeeping tables by name in every schema unless told where;
    // with several schemas in one database (tests, multi-tenant hosting) that must be explicit.
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  return report(await migrator.migrateToLatest());
}

function report({ error, results = [] }: MigrationResultSet): MigrationReport {
  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(
      `migration failed${name}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
