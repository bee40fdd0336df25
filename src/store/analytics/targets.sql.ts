import { sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { DealSums } from '../../domain/analytics/targets-report.js';
import type { Period } from '../../domain/analytics/period.js';
import { isPostgres } from '../migrations/columns.js';
import type { Database } from '../schema.js';
import { visibleCondition } from '../visibility.js';
import { num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * Won and open-pipeline sums per target (definitions: `domain/analytics/targets-report.ts`)
 * in one aggregate query. A target's people are the subject user, or every user of the
 * subject team's subtree (a recursive walk of the team tree); its deals are theirs in the
 * report currency, live and visible to the reader, in the target's pipeline or, for an
 * all-pipelines target, in any pipeline. Each target's window (its days inside the report
 * period, as UTC instants and as dates) arrives as a VALUES row.
 *
 * Revenue splits (docs/deal-teams.md) in two branches, so deals without splits — nearly all
 * of them — cost what they did: `unsplit` is the owner join as ever, less the deals that
 * have revenue lines (one probe of the splits key per deal); `split` starts from the split
 * lines of the subject's people (`opportunity_splits_user_idx`), sums their shares per deal
 * and target, and credits round(amount × shares ÷ 10 000) once per deal (half up).
 */
export interface TargetQuestion {
  readonly targetId: string;
  readonly subjectType: 'user' | 'team';
  readonly subjectId: string;
  readonly pipelineId: string | null;
  readonly window: Period;
}

export interface TargetSums {
  readonly won: DealSums;
  readonly openPipeline: DealSums;
}

/** Like `dealInScope` but for every pipeline: the target says which pipeline counts. */
function dealInCurrencyAndSight(scope: DealScope): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`opportunities.tenant_id = ${scope.tenantId}`,
    sql<SqlBool>`opportunities.deleted_at is null`,
    sql<SqlBool>`opportunities.currency = ${scope.currency}`,
  ];
  const visible = visibleCondition('opportunities', scope.visibility);
  if (visible !== null) parts.push(sql<SqlBool>`${visible}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export async function targetSums(
  db: Kysely<Database>,
  scope: DealScope,
  targets: readonly TargetQuestion[],
): Promise<Map<string, TargetSums>> {
  const sums = new Map<string, TargetSums>();
  if (targets.length === 0) return sums;
  // PostgreSQL types a VALUES column from its parameters (text); say what they are.
  const pg = isPostgres(db);
  const instant = (value: string) => (pg ? sql`cast(${value} as timestamptz)` : sql`${value}`);
  const date = (value: string) => (pg ? sql`cast(${value} as date)` : sql`${value}`);
  const rows = sql.join(
    targets.map(
      (t) =>
        sql`(${t.targetId}, ${t.subjectType}, ${t.subjectId}, cast(${t.pipelineId} as text), ${instant(t.window.start)}, ${instant(t.window.end)}, ${date(t.window.from)}, ${date(t.window.to)})`,
    ),
  );
  const tenant = scope.tenantId;
  const wonInWindow = sql`opportunities.status = 'won' and opportunities.closed_at >= w.start_at
    and opportunities.closed_at < w.end_at`;
  const openInWindow = sql`opportunities.status = 'open'
    and opportunities.expected_close_date >= w.from_date and opportunities.expected_close_date <= w.to_date`;
  const result = await sql<{
    target_id: string;
    won_count: unknown;
    won_amount: unknown;
    open_count: unknown;
    open_amount: unknown;
  }>`
    with recursive tree(root, id, depth) as (
      select id, id, 0 from teams where tenant_id = ${tenant}
      union all
      select tree.root, t.id, tree.depth + 1 from teams t join tree on t.parent_id = tree.id
      where t.tenant_id = ${tenant} and tree.depth < 100
    ),
    members(subject_type, subject_id, user_id) as (
      select 'team', tree.root, u.id from tree
      join users u on u.tenant_id = ${tenant} and u.team_id = tree.id
      union all
      select 'user', u.id, u.id from users u where u.tenant_id = ${tenant}
    ),
    windows(target_id, subject_type, subject_id, pipeline_id, start_at, end_at, from_date, to_date) as (
      values ${rows}
    ),
    unsplit(target_id, won_count, won_amount, open_count, open_amount) as (
      select w.target_id,
        sum(case when ${wonInWindow} then 1 else 0 end),
        sum(case when ${wonInWindow} then opportunities.amount_minor else 0 end),
        sum(case when ${openInWindow} then 1 else 0 end),
        sum(case when ${openInWindow} then opportunities.amount_minor else 0 end)
      from windows w
      join members m on m.subject_type = w.subject_type and m.subject_id = w.subject_id
      join opportunities on opportunities.tenant_id = ${tenant} and opportunities.owner_id = m.user_id
      where (w.pipeline_id is null or opportunities.pipeline_id = w.pipeline_id)
        and opportunities.status in ('won', 'open')
        and ${dealInCurrencyAndSight(scope)}
        and not exists (select 1 from opportunity_splits rs where rs.tenant_id = opportunities.tenant_id
          and rs.opportunity_id = opportunities.id and rs.split_type = 'revenue')
      group by w.target_id
    ),
    split_deals(target_id, won, open, amount, bp) as (
      select w.target_id,
        max(case when ${wonInWindow} then 1 else 0 end),
        max(case when ${openInWindow} then 1 else 0 end),
        max(opportunities.amount_minor), sum(s.share_bp)
      from windows w
      join members m on m.subject_type = w.subject_type and m.subject_id = w.subject_id
      join opportunity_splits s on s.tenant_id = ${tenant} and s.user_id = m.user_id
        and s.split_type = 'revenue'
      join opportunities on opportunities.tenant_id = ${tenant} and opportunities.id = s.opportunity_id
      where (w.pipeline_id is null or opportunities.pipeline_id = w.pipeline_id)
        and opportunities.status in ('won', 'open')
        and ${dealInCurrencyAndSight(scope)}
      group by w.target_id, opportunities.id
    ),
    split(target_id, won_count, won_amount, open_count, open_amount) as (
      select target_id, sum(won), sum(case when won = 1 then (amount * bp + 5000) / 10000 else 0 end),
        sum(open), sum(case when open = 1 then (amount * bp + 5000) / 10000 else 0 end)
      from split_deals group by target_id
    )
    select target_id, sum(won_count) as won_count, sum(won_amount) as won_amount,
      sum(open_count) as open_count, sum(open_amount) as open_amount
    from (select * from unsplit union all select * from split) credited
    group by target_id`.execute(db);
  for (const row of result.rows)
    sums.set(row.target_id, {
      won: { count: num(row.won_count), amountMinor: num(row.won_amount) },
      openPipeline: { count: num(row.open_count), amountMinor: num(row.open_amount) },
    });
  return sums;
}
