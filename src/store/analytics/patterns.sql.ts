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
 * Winning patterns (definitions: `domain/analytics/patterns.ts`) in ONE statement, so the
 * cohort — the costly part — is computed once: the decided cohort deals of each open stage,
 * their factors (actions and materials ticked at the stage, activity types and contact roles
 * logged inside a visit to it; `union` removes repeats so a deal counts once per factor) and
 * their ended visits' dwell, each a materialised CTE.
 *
 * The median dwell WITHOUT a factor is found from the rows WITH it, never by pairing every
 * factor with every visit it lacks (that pairing, an anti-join per factor × visit, took
 * PostgreSQL 701 s at 20,000 deals). Rank the stage's visits once by dwell (position `pos`,
 * ties by id); a factor's own visits, in that order, are its `j`-th at position `pos`, so
 * `pos − j` visits without the factor come before it. The k-th visit without the factor
 * then sits at stage position k + #{its visits with pos − j < k}: one pass over the factor's
 * own rows and one lookup, whatever the number of visits it lacks.
 *
 * Every CTE read by a join is `materialized`: PostgreSQL estimates a CTE scan at a handful
 * of rows, and an inlined aggregate on the inner side of the nested loop that estimate
 * chooses was recomputed once per factor (35 times, 8 of 40 s at a million deals).
 */
export interface FactorRow {
  readonly stageId: string;
  readonly kind: FactorKind;
  readonly key: string;
  readonly deals: number;
  readonly advanced: number;
  readonly dwellVisits: number;
  readonly medianDwellSeconds: number | null;
  /** The decided deals' ended visits to the stage without the factor, and their median. */
  readonly withoutDwellVisits: number;
  readonly withoutMedianDwellSeconds: number | null;
}

/** A stage's whole cohort (decided or not) of one owner's deals: the teams' conversion. */
export interface OwnerCohortRow {
  readonly stageId: string;
  readonly ownerId: string;
  readonly cohort: number;
  readonly advanced: number;
}

export interface PatternRows {
  /** Per stage: decided deals and how many advanced (the "without" counts are totals − with). */
  readonly stages: Map<string, { decided: number; advanced: number }>;
  readonly factors: FactorRow[];
  readonly owners: OwnerCohortRow[];
}

/** 1-based nearest-rank position of the median among `n` ascending values (0 when n = 0). */
const medianRank = (n: RawBuilder<unknown>) => sql`((${n}) * 50 + 99) / 100`;

export async function patternRows(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<PatternRows> {
  const t = scope.tenantId;
  const withoutVisits = sql`coalesce(sd.visits, 0) - coalesce(wa.visits, 0)`;
  const result = await sql<{
    part: 'factor' | 'stage' | 'owner';
    stage_id: string;
    kind: string | null;
    item: string | null;
    deals: unknown;
    advanced: unknown;
    with_visits: unknown;
    with_p50: unknown;
    without_visits: unknown;
    without_p50: unknown;
  }>`
    with cohort as materialized (${cohortSelect(scope, range)}),
    decided as materialized (
      select opportunity_id, stage_id, advanced from cohort where advanced = 1 or status <> 'open'
    ),
    engaged as materialized (
      select d.opportunity_id, d.stage_id, a.type, a.contact_id from decided d
      join stage_history v on v.tenant_id = ${t} and v.opportunity_id = d.opportunity_id
        and v.stage_id = d.stage_id
      join activities a on a.tenant_id = ${t} and a.opportunity_id = d.opportunity_id
        and a.deleted_at is null and a.occurred_at >= v.entered_at
        and (v.left_at is null or a.occurred_at < v.left_at)
    ),
    factors as materialized (
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
    dwell_values as (
      select v.id, v.opportunity_id, v.stage_id,
        ${secondsBetween(db, sql`v.entered_at`, sql`v.left_at`)} as value
      from decided d
      join stage_history v on v.tenant_id = ${t} and v.opportunity_id = d.opportunity_id
        and v.stage_id = d.stage_id
      where v.left_at is not null
    ),
    dwell as materialized (
      select opportunity_id, stage_id, value,
        row_number() over (partition by stage_id order by value, id) as pos
      from dwell_values
    ),
    stage_dwell as materialized (select stage_id, count(*) as visits from dwell group by stage_id),
    with_dwell as (
      select f.stage_id, f.kind, f.item, w.value, w.pos,
        row_number() over (partition by f.stage_id, f.kind, f.item order by w.pos) as j,
        count(*) over (partition by f.stage_id, f.kind, f.item) as m
      from factors f join dwell w on w.opportunity_id = f.opportunity_id and w.stage_id = f.stage_id
    ),
    with_agg as materialized (
      select wd.stage_id, wd.kind, wd.item, count(*) as visits,
        max(case when wd.j = ${medianRank(sql`wd.m`)} then wd.value end) as p50,
        sum(case when wd.pos - wd.j < ${medianRank(sql`sd.visits - wd.m`)} then 1 else 0 end)
          as before
      from with_dwell wd join stage_dwell sd on sd.stage_id = wd.stage_id
      group by wd.stage_id, wd.kind, wd.item
    ),
    factor_counts as materialized (
      select f.stage_id, f.kind, f.item, count(*) as deals, sum(d.advanced) as advanced
      from factors f
      join decided d on d.opportunity_id = f.opportunity_id and d.stage_id = f.stage_id
      group by f.stage_id, f.kind, f.item
    )
    select 'factor' as part, fc.stage_id, fc.kind, fc.item, fc.deals, fc.advanced,
      coalesce(wa.visits, 0) as with_visits, wa.p50 as with_p50,
      ${withoutVisits} as without_visits,
      (select w.value from dwell w where w.stage_id = fc.stage_id
        and w.pos = ${medianRank(withoutVisits)} + coalesce(wa.before, 0)) as without_p50
    from factor_counts fc
    left join with_agg wa on wa.stage_id = fc.stage_id and wa.kind = fc.kind and wa.item = fc.item
    left join stage_dwell sd on sd.stage_id = fc.stage_id
    union all
    select 'stage', stage_id, null, null, count(*), sum(advanced), null, null, null, null
    from decided group by stage_id
    union all
    -- The whole cohort (decided or not) per owner: the teams' conversion adds these up.
    select 'owner', stage_id, null, owner_id, count(*), sum(advanced), null, null, null, null
    from cohort group by stage_id, owner_id`.execute(db);
  const median = (value: unknown) => (value === null || value === undefined ? null : num(value));
  const stages = new Map<string, { decided: number; advanced: number }>();
  const factors: FactorRow[] = [];
  const owners: OwnerCohortRow[] = [];
  for (const row of result.rows) {
    if (row.part === 'stage') {
      stages.set(row.stage_id, { decided: num(row.deals), advanced: num(row.advanced) });
    } else if (row.part === 'owner') {
      if (row.item !== null)
        owners.push({
          stageId: row.stage_id,
          ownerId: row.item,
          cohort: num(row.deals),
          advanced: num(row.advanced),
        });
    } else if (row.kind !== null && row.item !== null) {
      factors.push({
        stageId: row.stage_id,
        kind: row.kind as FactorKind,
        key: row.item,
        deals: num(row.deals),
        advanced: num(row.advanced),
        dwellVisits: num(row.with_visits),
        medianDwellSeconds: median(row.with_p50),
        withoutDwellVisits: num(row.without_visits),
        withoutMedianDwellSeconds: median(row.without_p50),
      });
    }
  }
  return { stages, factors, owners };
}

/**
 * Each compared team's per-stage dwell — visits entered in the period that have ended, of
 * the team's deals (`owners[i]` are team i's members) — in one statement for all the teams.
 * Sibling teams' members never overlap (a user is in one team), so a deal's owner names at
 * most one team. Returns team index → stage → visits and median seconds.
 */
export async function teamStageDwell(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
  owners: readonly (readonly string[])[],
): Promise<Map<number, Map<string, { visits: number; median: number | null }>>> {
  const byTeam = new Map<number, Map<string, { visits: number; median: number | null }>>();
  const teams = owners.flatMap((members, index) =>
    members.length > 0 ? [{ members, index }] : [],
  );
  if (teams.length === 0) return byTeam;
  const teamOf = sql`case ${sql.join(
    teams.map(
      ({ members, index }) =>
        sql`when opportunities.owner_id in (${sql.join(members)}) then ${sql.lit(index)}`,
    ),
    sql` `,
  )} end`;
  const result = await sql<SummaryRow & { team: unknown; stage_id: string }>`
    select * from (${nearestRankSummaries(
      sql`select * from (select ${teamOf} as team, sh.stage_id,
          ${secondsBetween(db, sql`sh.entered_at`, sql`sh.left_at`)} as value
        from stage_history sh
        join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
        where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
          and sh.entered_at >= ${range.start} and sh.entered_at < ${range.end}
          and sh.left_at is not null and ${dealInScope(scope)}) t where t.team is not null`,
      ['team', 'stage_id'],
    )}) s`.execute(db);
  for (const row of result.rows) {
    const team = num(row.team);
    const stages = byTeam.get(team) ?? new Map<string, { visits: number; median: number | null }>();
    stages.set(row.stage_id, {
      visits: num(row.n),
      median: row.p50 === null ? null : num(row.p50),
    });
    byTeam.set(team, stages);
  }
  return byTeam;
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
