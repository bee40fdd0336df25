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
 * Starting from the visits entered in the period (index on stage, entered_at) keeps the
 * work proportional to the period, not the whole history.
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
 * `range`, with `advanced` (1 when a later visit reached a higher open stage or a won
 * stage) and the caller's `columns` (over `sh`, `st` and `opportunities`). Shared by every
 * query that counts cohorts (conversion, people, the reverse funnel, winning patterns), so
 * none can define a cohort differently.
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
export const firstVisitId = sql`select e.id from stage_history e
          where e.tenant_id = sh.tenant_id and e.opportunity_id = sh.opportunity_id
            and e.stage_id = sh.stage_id
          order by e.entered_at, e.id limit 1`;

export function cohortSelect(
  scope: DealScope,
  range: InstantRange,
  columns: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`
      select ${columns},
        case when exists (
          select 1 from stage_history nx
          join stages ns on ns.tenant_id = nx.tenant_id and ns.id = nx.stage_id
          where nx.tenant_id = sh.tenant_id and nx.opportunity_id = sh.opportunity_id
            and nx.entered_at > sh.entered_at and ns.pipeline_id = ${scope.pipelineId}
            and (ns.kind = 'won' or (ns.kind = 'open' and ns.position > st.position))
        ) then 1 else 0 end as advanced
      from stage_history sh
      join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
      join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
      where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
        and st.pipeline_id = ${scope.pipelineId} and st.kind = 'open'
        and sh.entered_at >= ${range.start} and sh.entered_at < ${range.end}
        and ${dealInScope(scope)}
        and sh.id = (${firstVisitId})`;
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
            (bucket, index) => sql`when sh.entered_at < ${bucket.end} then ${sql.lit(index)}`,
          ),
          sql` `,
        )} end`;
  const owner = byOwner ? sql`opportunities.owner_id` : sql`null`;
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
    with cohort as (${cohortSelect(
      scope,
      { start: first.start, end: last.end },
      sql`sh.stage_id, ${owner} as owner_id, opportunities.status, ${bucketOf} as bucket`,
    )})
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
