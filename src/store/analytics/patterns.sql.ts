import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { FactorKind } from '../../domain/analytics/patterns.js';
import type { Database } from '../schema.js';
import { dealInScope, num, secondsBetween } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { cohortSelect } from './conversion.sql.js';
import { nearestRankSummaries } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';

/**
 * Winning patterns (definitions: `domain/analytics/patterns.ts`) in four aggregate
 * queries over the same CTEs: the decided cohort deals of each open stage, and their
 * factors (actions and materials ticked at the stage, activity types and contact roles
 * logged inside a visit to it), `union` removing repeats so a deal counts once per factor.
 */
export interface FactorRow {
  readonly stageId: string;
  readonly kind: FactorKind;
  readonly key: string;
  readonly deals: number;
  readonly advanced: number;
  readonly dwellVisits: number;
  readonly medianDwellSeconds: number | null;
}

export interface PatternRows {
  /** Per stage: decided deals, advanced, and their dwell (the "without" side is totals − with). */
  readonly stages: Map<string, { decided: number; advanced: number }>;
  readonly with: FactorRow[];
  /** Dwell of the decided deals without each factor (counts come from totals − with). */
  readonly withoutDwell: Map<string, { visits: number; median: number | null }>;
}

export const factorKey = (stageId: string, kind: string, key: string) =>
  `${stageId}\u0000${kind}\u0000${key}`;

function cte(db: Kysely<Database>, scope: DealScope, range: InstantRange): RawBuilder<unknown> {
  const t = scope.tenantId;
  return sql`
    with cohort as (${cohortSelect(
      scope,
      range,
      sql`sh.opportunity_id, sh.stage_id, opportunities.status`,
    )}),
    decided as (
      select opportunity_id, stage_id, advanced from cohort where advanced = 1 or status <> 'open'
    ),
    engaged as (
      select d.opportunity_id, d.stage_id, a.type, a.contact_id from decided d
      join stage_history v on v.tenant_id = ${t} and v.opportunity_id = d.opportunity_id
        and v.stage_id = d.stage_id
      join activities a on a.tenant_id = ${t} and a.opportunity_id = d.opportunity_id
        and a.deleted_at is null and a.occurred_at >= v.entered_at
        and (v.left_at is null or a.occurred_at < v.left_at)
    ),
    factors as (
      select d.opportunity_id, d.stage_id, oa.kind as kind, oa.item_key as item from decided d
      join opportunity_actions oa on oa.tenant_id = ${t} and oa.opportunity_id = d.opportunity_id
        and oa.stage_id = d.stage_id
      union
      select opportunity_id, stage_id, 'activity', type from engaged
      union
      select e.opportunity_id, e.stage_id, 'role', c.decision_role from engaged e
      join contacts c on c.tenant_id = ${t} and c.id = e.contact_id
      where c.decision_role is not null
    ),
    dwell as (
      select v.opportunity_id, v.stage_id,
        ${secondsBetween(db, sql`v.entered_at`, sql`v.left_at`)} as value
      from decided d
      join stage_history v on v.tenant_id = ${t} and v.opportunity_id = d.opportunity_id
        and v.stage_id = d.stage_id
      where v.left_at is not null
    )`;
}

export async function patternRows(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<PatternRows> {
  const base = cte(db, scope, range);
  const totals = await sql<{ stage_id: string; decided: unknown; advanced: unknown }>`${base}
    select stage_id, count(*) as decided, sum(advanced) as advanced from decided group by stage_id`.execute(
    db,
  );
  const counts = await sql<{
    stage_id: string;
    kind: string;
    item: string;
    deals: unknown;
    advanced: unknown;
  }>`${base}
    select f.stage_id, f.kind, f.item, count(*) as deals, sum(d.advanced) as advanced
    from factors f join decided d on d.opportunity_id = f.opportunity_id and d.stage_id = f.stage_id
    group by f.stage_id, f.kind, f.item`.execute(db);
  const withDwell = await sql<SummaryRow & { stage_id: string; kind: string; item: string }>`${base}
    select * from (${nearestRankSummaries(
      sql`select f.stage_id, f.kind, f.item, w.value from factors f
        join dwell w on w.opportunity_id = f.opportunity_id and w.stage_id = f.stage_id`,
      ['stage_id', 'kind', 'item'],
    )}) s`.execute(db);
  const withoutDwell = await sql<
    SummaryRow & { stage_id: string; kind: string; item: string }
  >`${base}
    select * from (${nearestRankSummaries(
      sql`select u.stage_id, u.kind, u.item, w.value
        from (select distinct stage_id, kind, item from factors) u
        join dwell w on w.stage_id = u.stage_id
        where not exists (
          select 1 from factors f where f.opportunity_id = w.opportunity_id
            and f.stage_id = u.stage_id and f.kind = u.kind and f.item = u.item)`,
      ['stage_id', 'kind', 'item'],
    )}) s`.execute(db);
  const dwellWith = new Map(
    withDwell.rows.map((row) => [factorKey(row.stage_id, row.kind, row.item), row]),
  );
  const median = (value: unknown) => (value === null || value === undefined ? null : num(value));
  return {
    stages: new Map(
      totals.rows.map((row) => [
        row.stage_id,
        { decided: num(row.decided), advanced: num(row.advanced) },
      ]),
    ),
    with: counts.rows.map((row) => {
      const dwell = dwellWith.get(factorKey(row.stage_id, row.kind, row.item));
      return {
        stageId: row.stage_id,
        kind: row.kind as FactorKind,
        key: row.item,
        deals: num(row.deals),
        advanced: num(row.advanced),
        dwellVisits: num(dwell?.n ?? 0),
        medianDwellSeconds: median(dwell?.p50),
      };
    }),
    withoutDwell: new Map(
      withoutDwell.rows.map((row) => [
        factorKey(row.stage_id, row.kind, row.item),
        { visits: num(row.n), median: median(row.p50) },
      ]),
    ),
  };
}

/** One team's per-stage dwell: visits entered in the period that have ended. */
export async function stageDwellMedians(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<Map<string, { visits: number; median: number | null }>> {
  const result = await sql<SummaryRow & { stage_id: string }>`
    select * from (${nearestRankSummaries(
      sql`select sh.stage_id, ${secondsBetween(db, sql`sh.entered_at`, sql`sh.left_at`)} as value
        from stage_history sh
        join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
        where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
          and sh.entered_at >= ${range.start} and sh.entered_at < ${range.end}
          and sh.left_at is not null and ${dealInScope(scope)}`,
      ['stage_id'],
    )}) s`.execute(db);
  return new Map(
    result.rows.map((row) => [
      row.stage_id,
      { visits: num(row.n), median: row.p50 === null ? null : num(row.p50) },
    ]),
  );
}

/**
 * The teams a bottleneck compares: those directly under `parentId` (the team itself when it
 * has none below it), or the top-level teams without a parent given.
 */
export async function teamsUnder(
  db: Kysely<Database>,
  tenantId: string,
  parentId: string | null,
): Promise<{ id: string; name: string }[]> {
  const teams = db.selectFrom('teams').select(['id', 'name']).where('tenant_id', '=', tenantId);
  const below = await (
    parentId === null
      ? teams.where('parent_id', 'is', null)
      : teams.where('parent_id', '=', parentId)
  )
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (below.length > 0 || parentId === null) return below;
  return teams.where('id', '=', parentId).execute();
}
