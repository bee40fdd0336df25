import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { StageDwell } from '../../domain/analytics/dwell.js';
import type { Database } from '../schema.js';
import { firstVisitId, openStageIds } from './conversion.sql.js';
import { dealInScope, num, secondsBetween } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/**
 * Dwell (definitions: `domain/analytics/dwell.ts`) in one aggregate query: nearest-rank
 * summaries of the visits to open stages that ended in the range, and how many of those
 * were re-entries (not the deal's first visit to the stage; ties broken by id — an index
 * probe per visit, see `firstVisitId`).
 * Reused by the people report with `byOwner`.
 */
export interface DwellRow extends StageDwell {
  /** The deal owner's id with `byOwner`, else null. */
  readonly ownerId: string | null;
}

export async function dwellRows(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
  options: { byOwner?: boolean } = {},
): Promise<DwellRow[]> {
  const byOwner = options.byOwner ?? false;
  const owner = byOwner ? sql`opportunities.owner_id` : sql`null`;
  const ended = sql`
    from stage_history sh
    join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
    join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
    where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
      and st.pipeline_id = ${scope.pipelineId} and st.kind = 'open'
      and sh.left_at >= ${range.start} and sh.left_at < ${range.end}
      and ${dealInScope(scope)}`;
  // One pass over the ended visits (materialized, read twice): the nearest-rank summaries
  // and the re-entry count come from the same rows, so the history and the deals are read
  // once, not once per figure.
  const summaries = await sql<
    SummaryRow & { stage_id: string; owner_id: string | null; reentries: unknown }
  >`
    with visits as materialized (
      select sh.stage_id, ${owner} as owner_id,
        ${secondsBetween(db, sql`sh.entered_at`, sql`sh.left_at`)} as value,
        case when sh.id <> (${firstVisitId}) then 1 else 0 end as reentry
      ${ended}
    )
    select s.*, r.reentries
    from (${nearestRankSummaries(sql`select stage_id, owner_id, value from visits`, ['stage_id', 'owner_id'])}) s
    join (select stage_id, owner_id, sum(reentry) as reentries from visits group by stage_id, owner_id) r
      on r.stage_id = s.stage_id
        and (r.owner_id = s.owner_id or (r.owner_id is null and s.owner_id is null))`.execute(db);
  return summaries.rows.map((row) => ({
    stageId: row.stage_id,
    ownerId: row.owner_id,
    ...summaryOfRow(row),
    reentries: num(row.reentries),
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
    if (!row) return { stageId, ...summaryOfRow(undefined), reentries: 0 };
    const { ownerId: _owner, ...figures } = row;
    return figures;
  });
}
