import { sql } from 'kysely';
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type {
  PipelineChangesFigures,
  PipelineChangesQuestion,
} from '../../domain/analytics/pipeline-changes.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * The stage interval each in-scope deal stood in at `at`, with its stage's kind and position
 * and the amount then (the funnel's rule: the latest amount change inside the interval
 * before `at`, else the amount on entering). `pick = 1` keeps one interval per deal should a
 * damaged history overlap two.
 */
function standingAt(
  scope: DealScope,
  inScope: Expression<SqlBool>,
  at: string,
): RawBuilder<unknown> {
  return sql`
    select sh.opportunity_id, st.kind, st.position,
      coalesce((
        select dc.to_amount_minor from deal_changes dc
        where dc.tenant_id = sh.tenant_id and dc.opportunity_id = sh.opportunity_id
          and dc.field = 'amount' and dc.changed_at >= sh.entered_at and dc.changed_at < ${at}
        order by dc.changed_at desc limit 1), sh.amount_minor) as amount,
      row_number() over (partition by sh.opportunity_id order by sh.entered_at desc) as pick
    from stage_history sh
    join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
    join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
    where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
      and sh.entered_at < ${at} and (sh.left_at is null or sh.left_at >= ${at})
      and ${inScope}`;
}

/**
 * The expected close date at `at`: the latest close-date change before it, else the old
 * value of the first change (nothing had changed yet), else the deal's date today.
 */
function closeDateAt(at: string): RawBuilder<unknown> {
  const changes = sql`from deal_changes dc
    where dc.tenant_id = opportunities.tenant_id and dc.opportunity_id = opportunities.id
      and dc.field = 'close_date'`;
  return sql`case
    when exists (select 1 ${changes} and dc.changed_at < ${at})
      then (select dc.to_date ${changes} and dc.changed_at < ${at}
            order by dc.changed_at desc limit 1)
    when exists (select 1 ${changes})
      then (select dc.from_date ${changes} order by dc.changed_at asc limit 1)
    else opportunities.expected_close_date end`;
}

/** The waterfall (see `domain/analytics/pipeline-changes.ts`) in one aggregate query. */
export async function pipelineChangesFigures(
  db: Kysely<Database>,
  scope: DealScope,
  question: PipelineChangesQuestion,
): Promise<PipelineChangesFigures> {
  const inScope = dealInScope(scope);
  const { start, end, from, to } = question;
  const result = await sql<Record<string, unknown>>`
    with at_start as (${standingAt(scope, inScope, start)}),
    at_end as (${standingAt(scope, inScope, end)}),
    entered as (
      select distinct sh.opportunity_id from stage_history sh
      join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
      where sh.tenant_id = ${scope.tenantId} and sh.pipeline_id = ${scope.pipelineId}
        and st.kind = 'open' and sh.entered_at >= ${start} and sh.entered_at < ${end}
    ),
    deals as (
      select
        case when s.kind = 'open' then 1 else 0 end as open_s,
        case when e.kind = 'open' then 1 else 0 end as open_e,
        s.amount as amount_s, s.position as pos_s,
        coalesce(e.amount, opportunities.amount_minor) as amount_e,
        e.position as pos_e, e.kind as kind_e,
        ${closeDateAt(start)} as close_s,
        ${closeDateAt(end)} as close_e
      from opportunities
      left join at_start s on s.opportunity_id = opportunities.id and s.pick = 1
      left join at_end e on e.opportunity_id = opportunities.id and e.pick = 1
      where ${inScope}
        and (s.kind = 'open' or opportunities.id in (select opportunity_id from entered))
    ),
    judged as (
      select deals.*,
        case when open_s = 1 then amount_e - amount_s else 0 end as delta,
        case when open_s = 1 and open_e = 1 then 1 else 0 end as stays
      from deals
    )
    select
      sum(open_s) as starting_count,
      sum(case when open_s = 1 then amount_s else 0 end) as starting_amount,
      sum(1 - open_s) as new_count,
      sum(case when open_s = 0 then amount_e else 0 end) as new_amount,
      sum(case when open_e = 0 and kind_e = 'won' then 1 else 0 end) as won_count,
      sum(case when open_e = 0 and kind_e = 'won' then amount_e else 0 end) as won_amount,
      sum(case when open_e = 0 and (kind_e is null or kind_e <> 'won') then 1 else 0 end) as lost_count,
      sum(case when open_e = 0 and (kind_e is null or kind_e <> 'won') then amount_e else 0 end) as lost_amount,
      sum(open_e) as ending_count,
      sum(case when open_e = 1 then amount_e else 0 end) as ending_amount,
      sum(case when delta <> 0 then 1 else 0 end) as changed_count,
      sum(delta) as changed_amount,
      sum(case when delta > 0 then delta else 0 end) as increase_amount,
      sum(case when delta < 0 then 0 - delta else 0 end) as decrease_amount,
      sum(case when stays = 1 and pos_e > pos_s then 1 else 0 end) as advanced_count,
      sum(case when stays = 1 and pos_e > pos_s then amount_e else 0 end) as advanced_amount,
      sum(case when stays = 1 and pos_e < pos_s then 1 else 0 end) as back_count,
      sum(case when stays = 1 and pos_e < pos_s then amount_e else 0 end) as back_amount,
      sum(case when stays = 1 and close_s >= ${from} and close_s <= ${to} and close_e > ${to}
        then 1 else 0 end) as slipped_count,
      sum(case when stays = 1 and close_s >= ${from} and close_s <= ${to} and close_e > ${to}
        then amount_e else 0 end) as slipped_amount
    from judged`.execute(db);
  const row = result.rows[0] ?? {};
  const flow = (name: string) => ({
    count: num(row[`${name}_count`] ?? 0),
    amountMinor: num(row[`${name}_amount`] ?? 0),
  });
  return {
    starting: flow('starting'),
    new: flow('new'),
    won: flow('won'),
    lost: flow('lost'),
    amountChanges: {
      count: num(row.changed_count ?? 0),
      amountMinor: num(row.changed_amount ?? 0),
      increaseMinor: num(row.increase_amount ?? 0),
      decreaseMinor: num(row.decrease_amount ?? 0),
    },
    ending: flow('ending'),
    advanced: flow('advanced'),
    movedBack: flow('back'),
    slipped: flow('slipped'),
  };
}
