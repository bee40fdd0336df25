import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * `opportunities.visited_stages`: one bit per stage slot of the deal's pipeline that its
 * stage history holds (migration 0011-stage-reach explains why slots, not positions). Every
 * writer of stage history keeps it: the stage-move service through `markStageVisited`, bulk
 * writers (imports, the demo tenant) through `refreshVisitedStages` for the deals they
 * wrote.
 */

/** Sets the bit of the stage a deal has just entered (same transaction as its history row). */
export async function markStageVisited(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  stageId: string,
): Promise<void> {
  await sql`update opportunities set visited_stages = visited_stages | coalesce((
      select 1 << st.slot from stages st
      where st.tenant_id = ${tenantId} and st.id = ${stageId}
        and st.pipeline_id = opportunities.pipeline_id), 0)
    where tenant_id = ${tenantId} and id = ${opportunityId}`.execute(db);
}

/** The bits a deal's history gives it, for the `opportunities` row in the statement. */
const bitsFromHistory = sql<number>`coalesce((
    select sum(distinct 1 << st.slot) from stage_history sh
    join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
      and st.pipeline_id = opportunities.pipeline_id
    where sh.tenant_id = opportunities.tenant_id and sh.opportunity_id = opportunities.id), 0)`;

/** Ids per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const REFRESH_CHUNK = 500;

/**
 * Recomputes the bits of the given deals (or of every deal in the tenant) from their stage
 * history: the sum of the distinct bits is their OR, on both databases.
 */
export async function refreshVisitedStages(
  db: Kysely<Database>,
  tenantId: string,
  opportunityIds: readonly string[] | 'all',
): Promise<void> {
  const refresh = (only: ReturnType<typeof sql> | null) =>
    sql`update opportunities set visited_stages = ${bitsFromHistory}
      where tenant_id = ${tenantId}${only === null ? sql`` : sql` and id in (${only})`}`.execute(
      db,
    );
  if (opportunityIds === 'all') {
    await refresh(null);
    return;
  }
  for (let i = 0; i < opportunityIds.length; i += REFRESH_CHUNK)
    await refresh(sql.join(opportunityIds.slice(i, i + REFRESH_CHUNK)));
}

/**
 * The deals whose bits disagree with their history, or whose `stage_entered_at` is earlier
 * than their latest visit's entry — the cohort queries read only the deals that entered a
 * stage since a period began by that column (`cohortSelect`). Always none: tests and the
 * bench's data check call it after every kind of writer.
 */
export async function dealsWithStaleReach(
  db: Kysely<Database>,
  tenantId: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from opportunities
    where tenant_id = ${tenantId} and (visited_stages <> ${bitsFromHistory}
      or stage_entered_at < (select max(sh.entered_at) from stage_history sh
        where sh.tenant_id = opportunities.tenant_id and sh.opportunity_id = opportunities.id))
    order by id`.execute(db);
  return rows.map((row) => row.id);
}
