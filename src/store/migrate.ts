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
  // Before it migrates, Kysely's introspector reads the catalogue of every schema; a schema
  // another process drops at that moment (a finished test run, another tenant's hosting)
  // fails that read with 3F000 (the schema is gone) or 42P01 (one of its tables went first:
  // 'relation "<other schema>.audit_log" does not exist'). Nothing has been applied then, so
  // trying again is safe.
  for (let attempt = 1; ; attempt++) {
    const result = await migrator.migrateToLatest();
    if (attempt < 3 && result.results === undefined && isVanishedCatalogue(result.error)) continue;
    return report(result);
  }
}

/** The PostgreSQL errors of a catalogue read that raced with another schema's drop. */
export function isVanishedCatalogue(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === '3F000' || error.code === '42P01')
  );
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
