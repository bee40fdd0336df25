import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isPostgres } from './migrations/columns.js';
import type { Database } from './schema.js';

/**
 * The daily pipeline snapshot: the tenant's open deals as they stand, summed per pipeline ×
 * stage × owner × currency × forecast category (the deal's own category, else its stage's)
 * into `pipeline_snapshots`, by ONE `insert … select` computed in the database. The day's
 * rows are deleted first, in the same transaction the caller opens, so a rerun replaces
 * them: same state, same rows (ids are the cell key, not random). Weighted amounts are
 * Σ(amount × probability%) per cell, rounded half up once per cell.
 */
export async function writePipelineSnapshot(
  db: Kysely<Database>,
  tenantId: string,
  snapshotDate: string,
  now: string,
): Promise<number> {
  const pg = isPostgres(db);
  const date = pg ? sql`cast(${snapshotDate} as date)` : sql`${snapshotDate}`;
  const at = pg ? sql`cast(${now} as timestamptz)` : sql`${now}`;
  const product = sql`sum(o.amount_minor * st.probability)`;
  // Integer division on both: SQLite divides integers as integers; PostgreSQL's sum of a
  // bigint is numeric, so div() keeps the quotient whole.
  const weighted = pg ? sql`div(${product} + 50, 100)` : sql`(${product} + 50) / 100`;
  const category = sql`coalesce(o.forecast_category, st.forecast_category)`;
  await db
    .deleteFrom('pipeline_snapshots')
    .where('tenant_id', '=', tenantId)
    .where('snapshot_date', '=', snapshotDate)
    .execute();
  const inserted = await sql`
    insert into pipeline_snapshots (tenant_id, id, snapshot_date, pipeline_id, stage_id,
      owner_id, currency, forecast_category, deal_count, amount_minor, weighted_minor, created_at)
    select o.tenant_id,
      cast(${snapshotDate} as text) || '/' || o.pipeline_id || '/' || o.stage_id || '/' ||
        o.owner_id || '/' || o.currency || '/' || ${category},
      ${date}, o.pipeline_id, o.stage_id, o.owner_id, o.currency, ${category},
      count(*), sum(o.amount_minor), ${weighted}, ${at}
    from opportunities o
    join stages st on st.tenant_id = o.tenant_id and st.id = o.stage_id
    where o.tenant_id = ${tenantId} and o.deleted_at is null and st.kind = 'open'
    group by o.tenant_id, o.pipeline_id, o.stage_id, o.owner_id, o.currency, ${category}`.execute(
    db,
  );
  return Number(inserted.numAffectedRows ?? 0);
}
