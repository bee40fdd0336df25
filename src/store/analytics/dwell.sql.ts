import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { StageDwell } from '../../domain/analytics/dwell.js';
import type { Database } from '../schema.js';
import { openStageIds } from './conversion.sql.js';
import { dealInScope, num, secondsBetween } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/**
 * Dwell (definitions: `domain/analytics/dwell.ts`) in one aggregate query: nearest-rank
 * summaries of the visits to open stages that ended in the range, and how many of those
 * were re-entries (not the deal's first visit to the stage; ties broken by id — an index
 * probe per visit, see `firstVisitId`). The people report's per-owner dwell is
 * `ownerAndTeamDwell`.
 */

/**
 * The id of the deal's first visit (earliest `entered_at`, ties by id) to the stage of the
 * visit `sh`. A scalar subquery rather than NOT EXISTS on an earlier visit: PostgreSQL
 * turned the NOT EXISTS into a hash anti-join over the tenant's whole stage history, and
 * with the few open stages as the outer side of a nested loop it ran it once per stage
 * (7 s against 1.3 s for this form at 20,000 deals; linear in the history, not in the
 * period, at a million). A scalar subquery stays one index probe per visit
 * (`stage_history_visits_idx`) on both databases.
 */
const firstVisitId = sql`select e.id from stage_history e
          where e.tenant_id = sh.tenant_id and e.opportunity_id = sh.opportunity_id
            and e.stage_id = sh.stage_id
          order by e.entered_at, e.id limit 1`;

/** The visits to open stages that ended in the range, of the deals in scope. */
function endedVisits(scope: DealScope, range: InstantRange): RawBuilder<unknown> {
  return sql`
    from stage_history sh
    join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
    join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
    where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
      and st.pipeline_id = ${scope.pipelineId} and st.kind = 'open'
      and sh.left_at >= ${range.start} and sh.left_at < ${range.end}
      and ${dealInScope(scope)}`;
}

async function dwellRows(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<StageDwell[]> {
  // One pass over the ended visits (materialized, read twice): the nearest-rank summaries
  // and the re-entry count come from the same rows, so the history and the deals are read
  // once, not once per figure.
  const summaries = await sql<SummaryRow & { stage_id: string; reentries: unknown }>`
    with visits as materialized (
      select sh.stage_id, ${secondsBetween(db, sql`sh.entered_at`, sql`sh.left_at`)} as value,
        case when sh.id <> (${firstVisitId}) then 1 else 0 end as reentry
      ${endedVisits(scope, range)}
    )
    select s.*, r.reentries
    from (${nearestRankSummaries(sql`select stage_id, value from visits`, ['stage_id'])}) s
    join (select stage_id, sum(reentry) as reentries from visits group by stage_id) r
      on r.stage_id = s.stage_id`.execute(db);
  return summaries.rows.map((row) => ({
    stageId: row.stage_id,
    ...summaryOfRow(row),
    reentries: num(row.reentries),
  }));
}

/**
 * Visits and median dwell per stage, both per owner and for everyone in scope (`ownerId`
 * null), from ONE pass over the ended visits — the people report's dwell. No re-entry
 * count, so no first-visit probe per visit.
 */
export async function ownerAndTeamDwell(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<{ stageId: string; ownerId: string | null; n: number; median: number | null }[]> {
  const summaries = (owner: RawBuilder<unknown>) =>
    nearestRankSummaries(sql`select stage_id, ${owner} as owner_id, value from visits`, [
      'stage_id',
      'owner_id',
    ]);
  const { rows } = await sql<SummaryRow & { stage_id: string; owner_id: string | null }>`
    with visits as materialized (
      select sh.stage_id, opportunities.owner_id,
        ${secondsBetween(db, sql`sh.entered_at`, sql`sh.left_at`)} as value
      ${endedVisits(scope, range)}
    )
    select * from (${summaries(sql`owner_id`)}) o
    union all
    select * from (${summaries(sql`cast(null as text)`)}) t`.execute(db);
  return rows.map((row) => ({
    stageId: row.stage_id,
    ownerId: row.owner_id,
    n: num(row.n),
    median: row.p50 === null ? null : num(row.p50),
  }));
}

/** Per open stage in pipeline order, empty stages included: the reference's shape. */
export async function stageDwellFigures(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<StageDwell[]> {
  const rows = await dwellRows(db, scope, range);
  const stageIds = await openStageIds(db, scope);
  return stageIds.map((stageId) => {
    const row = rows.find((candidate) => candidate.stageId === stageId);
    return row ?? { stageId, ...summaryOfRow(undefined), reentries: 0 };
  });
}
