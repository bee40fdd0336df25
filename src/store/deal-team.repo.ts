import type { Kysely } from 'kysely';
import type { SplitLine, SplitType } from '../domain/opportunities/splits.js';
import { sortedSplits } from '../domain/opportunities/splits.js';
import type { Database } from './schema.js';

/** A deal's stored credit split lines (types without lines are the owner's, implied). */
export async function listSplits(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<SplitLine[]> {
  const rows = await db
    .selectFrom('opportunity_splits')
    .select(['split_type', 'user_id', 'share_bp'])
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .execute();
  return sortedSplits(
    rows.map((row) => ({
      type: row.split_type as SplitType,
      userId: row.user_id,
      shareBp: Number(row.share_bp),
    })),
  );
}

/** Replaces every line of the deal (inside the caller's transaction). */
export async function replaceSplits(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  lines: readonly SplitLine[],
  newId: () => string,
): Promise<void> {
  await db
    .deleteFrom('opportunity_splits')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .execute();
  if (lines.length === 0) return;
  await db
    .insertInto('opportunity_splits')
    .values(
      lines.map((line) => ({
        tenant_id: tenantId,
        id: newId(),
        opportunity_id: opportunityId,
        split_type: line.type,
        user_id: line.userId,
        share_bp: line.shareBp,
      })),
    )
    .execute();
}

/** The team's optimistic version (null when the deal does not exist). */
export async function teamVersion(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('opportunities')
    .select('team_version')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', opportunityId)
    .executeTakeFirst();
  return row ? Number(row.team_version) : null;
}

/**
 * Moves the team version on by one, if it still is `expected` (null: whatever it is, for
 * changes that take no version, such as adding a member). False means someone else saved
 * first: the caller answers 409.
 */
export async function bumpTeamVersion(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  expected: number | null,
): Promise<boolean> {
  let query = db
    .updateTable('opportunities')
    .set((eb) => ({ team_version: eb('team_version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', opportunityId);
  if (expected !== null) query = query.where('team_version', '=', expected);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
