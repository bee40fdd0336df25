import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { StageDwell } from '../../domain/analytics/dwell.js';
import type { Database } from '../schema.js';
import { openStageIds } from './conversion.sql.js';
import { dealInScope, num, secondsBetween } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/**
 * Dwell (definitions: `domain/analytics/dwell.ts`) in two aggregate queries: nearest-rank
 * summaries of the visits to open stages that ended in the range, and how many of those
 * were re-entries (an earlier visit of the deal to the stage exists; ties broken by id).
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
  const values = sql`
    select sh.stage_id, ${owner} as owner_id,
      ${secondsBetween(db, sql`sh.entered_at`, sql`sh.left_at`)} as value
    ${ended}`;
  const summaries = await sql<SummaryRow & { stage_id: string; owner_id: string | null }>`
    select * from (${nearestRankSummaries(values, ['stage_id', 'owner_id'])}) s`.execute(db);
  const reentries = await sql<{ stage_id: string; owner_id: string | null; reentries: unknown }>`
    select sh.stage_id, ${owner} as owner_id, count(*) as reentries
    ${ended}
      and exists (
        select 1 from stage_history e
        where e.tenant_id = sh.tenant_id and e.opportunity_id = sh.opportunity_id
          and e.stage_id = sh.stage_id
          and (e.entered_at < sh.entered_at or (e.entered_at = sh.entered_at and e.id < sh.id))
      )
    group by sh.stage_id${byOwner ? sql`, opportunities.owner_id` : sql``}`.execute(db);
  return summaries.rows.map((row) => ({
    stageId: row.stage_id,
    ownerId: row.owner_id,
    ...summaryOfRow(row),
    reentries: num(
      reentries.rows.find(
        (candidate) => candidate.stage_id === row.stage_id && candidate.owner_id === row.owner_id,
      )?.reentries ?? 0,
    ),
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
