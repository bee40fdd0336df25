import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

/** The stored rules of a tenant, still raw JSON: the app layer validates what it reads. */
export interface StoredScoringRules {
  readonly id: string;
  readonly rules: unknown;
  readonly updatedBy: string | null;
  readonly updatedAt: string;
  readonly version: number;
}

export async function findScoringRules(
  db: Kysely<Database>,
  tenantId: string,
): Promise<StoredScoringRules | undefined> {
  const row = await db
    .selectFrom('lead_scoring')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      rules: fromJsonColumn(row.rules),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      version: row.version,
    }
  );
}

/**
 * Writes the tenant's rules if nobody saved in between: the first save inserts (a racing
 * first save loses on the one-row-per-tenant key), later ones update where the version is
 * still the one the admin edited. Returns false when it was not.
 */
export async function saveScoringRules(
  db: Kysely<Database>,
  tenantId: string,
  next: StoredScoringRules,
  expectedVersion: number,
): Promise<boolean> {
  const values = {
    rules: toJsonColumn(next.rules),
    updated_by: next.updatedBy,
    updated_at: next.updatedAt,
    version: next.version,
  };
  if (expectedVersion === 0) {
    await db
      .insertInto('lead_scoring')
      .values({ tenant_id: tenantId, id: next.id, created_at: next.updatedAt, ...values })
      .execute();
    return true;
  }
  const result = await db
    .updateTable('lead_scoring')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
