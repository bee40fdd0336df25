import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { withRates } from '../../domain/analytics/conversion.js';
import type {
  BucketConversion,
  ConversionCounts,
  InstantRange,
} from '../../domain/analytics/conversion.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * Cohort conversion (definitions: `domain/analytics/conversion.ts`) in one aggregate query.
 * Reusable: the conversion and people reports and the reverse funnel all take their
 * stage→next and stage→won rates from here, so they cannot disagree.
 *
 * A cohort member is a stage_history row that is the deal's FIRST visit to an open stage
 * (no earlier visit to the same stage; ties broken by id) entered inside the buckets; it
 * advanced if any later visit of the deal is to a higher open stage or a won stage.
 * Only the deals that entered a stage since the period began are read (`cohortSelect`), so
 * the work follows the period, not the whole history.
 */
export interface CohortCountsRow extends ConversionCounts {
  readonly stageId: string;
  /** Index into the buckets asked for. */
  readonly bucket: number;
  /** The deal owner's id with `byOwner`, else null. */
  readonly ownerId: string | null;
}

export interface CohortQuestion {
  /** Contiguous, ascending ranges; a deal falls into the one holding its first entry. */
  readonly buckets: readonly InstantRange[];
  /** Also group by the deal's current owner. */
  readonly byOwner?: boolean;
}

/**
 * The cohort rows: each deal's first visit to an open stage of the pipeline entered in
 * `range` (earliest `entered_at`, ties by id), with `advanced` (1 when a later visit —
 * entered strictly later — reached a higher open stage or a won stage). Columns:
 * `opportunity_id`, `stage_id`, `entered_at`, `status` and `owner_id` (the deal's, now) and
 * `advanced`. Shared by every query that counts cohorts (conversion, people, the reverse
 * funnel, winning patterns), so none can define a cohort differently.
 *
 * One window pass over the histories of the deals that entered any stage since the range
 * began — a deal's latest entry is `opportunities.stage_entered_at` (`dealsWithStaleReach`
 * checks it), so no other deal can have a visit in the range: `visit` numbers each deal's
 * visits to a stage, and `later` is the highest rank (won above every open position) among
 * the deal's visits entered after this one (`exclude group` leaves out visits entered at the
 * same instant). At a million deals this replaced two index probes per visit in the range
 * (its first visit, then any later higher visit): 40 s → 15 s on SQLite at a million deals,
 * the hand-written floor's time (docs/benchmarks.md).
 */
const WON_RANK = 1_000_000;

export function cohortSelect(scope: DealScope, range: InstantRange): RawBuilder<unknown> {
  return sql`
      select v.opportunity_id, v.stage_id, v.entered_at, v.status, v.owner_id,
        case when v.later > v.position then 1 else 0 end as advanced
      from (
        select sh.opportunity_id, sh.stage_id, sh.entered_at, st.kind, st.position,
          opportunities.status, opportunities.owner_id,
          row_number() over (
            partition by sh.opportunity_id, sh.stage_id order by sh.entered_at, sh.id) as visit,
          max(case when st.kind = 'won' then ${sql.lit(WON_RANK)}
              when st.kind = 'open' then st.position end) over (
            partition by sh.opportunity_id order by sh.entered_at desc
            range between unbounded preceding and current row exclude group) as later
        from opportunities
        join stage_history sh on sh.tenant_id = opportunities.tenant_id
          and sh.opportunity_id = opportunities.id
        join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
        where ${dealInScope(scope)} and opportunities.stage_entered_at >= ${range.start}
          and st.pipeline_id = ${scope.pipelineId}
      ) v
      where v.visit = 1 and v.kind = 'open'
        and v.entered_at >= ${range.start} and v.entered_at < ${range.end}`;
}

export async function cohortConversionCounts(
  db: Kysely<Database>,
  scope: DealScope,
  question: CohortQuestion,
): Promise<CohortCountsRow[]> {
  const { buckets } = question;
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const byOwner = question.byOwner ?? false;
  const bucketOf =
    buckets.length === 1
      ? sql`0`
      : sql`case ${sql.join(
          buckets.map(
            (bucket, index) => sql`when entered_at < ${bucket.end} then ${sql.lit(index)}`,
          ),
          sql` `,
        )} end`;
  const owner = byOwner ? sql`owner_id` : sql`null`;
  const result = await sql<{
    stage_id: string;
    bucket: unknown;
    owner_id: string | null;
    cohort: unknown;
    advanced: unknown;
    won: unknown;
    lost: unknown;
    open: unknown;
  }>`
    with cohort as (select stage_id, ${owner} as owner_id, status, advanced,
      ${bucketOf} as bucket from (${cohortSelect(scope, { start: first.start, end: last.end })}) c)
    select stage_id, bucket, owner_id, count(*) as cohort, sum(advanced) as advanced,
      sum(case when status = 'won' then 1 else 0 end) as won,
      sum(case when status = 'lost' then 1 else 0 end) as lost,
      sum(case when status = 'open' then 1 else 0 end) as open
    from cohort
    group by stage_id, bucket, owner_id`.execute(db);
  return result.rows.map((row) => ({
    stageId: row.stage_id,
    bucket: num(row.bucket),
    ownerId: row.owner_id,
    cohort: num(row.cohort),
    advanced: num(row.advanced),
    won: num(row.won),
    lost: num(row.lost),
    open: num(row.open),
  }));
}

/** The pipeline's open stages in order: every report lists them all, empty ones too. */
export async function openStageIds(db: Kysely<Database>, scope: DealScope): Promise<string[]> {
  const rows = await db
    .selectFrom('stages')
    .select(['id'])
    .where('tenant_id', '=', scope.tenantId)
    .where('pipeline_id', '=', scope.pipelineId)
    .where('kind', '=', 'open')
    .orderBy('position')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Stage→next and stage→won per open stage, per bucket, with the counts behind each rate —
 * the same shape as the reference `conversionOf`. Pass one bucket for the whole period.
 */
export async function stageConversion(
  db: Kysely<Database>,
  scope: DealScope,
  buckets: readonly InstantRange[],
): Promise<BucketConversion[]> {
  const rows = await cohortConversionCounts(db, scope, { buckets });
  const stageIds = await openStageIds(db, scope);
  return buckets.map((bucket, index) => ({
    start: bucket.start,
    end: bucket.end,
    stages: stageIds.map((stageId) => {
      const row = rows.find((r) => r.bucket === index && r.stageId === stageId);
      const {
        stageId: _s,
        bucket: _b,
        ownerId: _o,
        ...counts
      } = row ?? {
        stageId,
        bucket: index,
        ownerId: null,
        cohort: 0,
        advanced: 0,
        won: 0,
        lost: 0,
        open: 0,
      };
      return withRates(stageId, counts);
    }),
  }));
}
