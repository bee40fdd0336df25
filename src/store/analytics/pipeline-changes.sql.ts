import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type {
  PipelineChangesFigures,
  PipelineChangesQuestion,
} from '../../domain/analytics/pipeline-changes.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/** The amount of a deal at `at` inside its visit entered at `entered`: the latest amount
 * change in between, else the amount on entering (the funnel's rule). */
function amountAt(
  tenantId: string,
  entered: RawBuilder<unknown>,
  entryAmount: RawBuilder<unknown>,
  at: string,
): RawBuilder<unknown> {
  return sql`coalesce((
        select dc.to_amount_minor from deal_changes dc
        where dc.tenant_id = ${tenantId} and dc.opportunity_id = opportunities.id
          and dc.field = 'amount' and dc.changed_at >= ${entered} and dc.changed_at < ${at}
        order by dc.changed_at desc limit 1), ${entryAmount})`;
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

/**
 * The waterfall (see `domain/analytics/pipeline-changes.ts`) in one aggregate query, from
 * ONE pass over the stage visits overlapping the period (entered before its end, not left
 * before its start). Per deal: the visit it stood in at the start (entered before it) and
 * at the end (not left before it) — the latest entered, should a damaged history overlap
 * two — with their stage, position and entry; whether it entered an open stage in the
 * period. Amounts then (latest amount change inside the visit) and close dates are looked
 * up only for the deals the waterfall judges, the close dates only for those open at both
 * ends. Only deals open now or with an entry since the start (`stage_entered_at` is the
 * latest entry) can be open at the start or enter a stage in the period, so only their
 * histories are read. It replaced two "where did each deal stand at instant X" passes over the whole
 * history and per-deal lookups for every deal in scope (PostgreSQL never finished at a
 * million deals; docs/benchmarks.md).
 */
export async function pipelineChangesFigures(
  db: Kysely<Database>,
  scope: DealScope,
  question: PipelineChangesQuestion,
): Promise<PipelineChangesFigures> {
  const { start, end, from, to } = question;
  const t = scope.tenantId;
  const atStart = (column: string) =>
    sql`max(case when at_s = 1 and s_rank = 1 then ${sql.ref(column)} end)`;
  const atEnd = (column: string) =>
    sql`max(case when at_e = 1 and e_rank = 1 then ${sql.ref(column)} end)`;
  const result = await sql<Record<string, unknown>>`
    with visits as materialized (
      select sh.opportunity_id, sh.entered_at, sh.amount_minor, st.kind, st.position,
        case when sh.entered_at < ${start} then 1 else 0 end as at_s,
        case when sh.left_at is null or sh.left_at >= ${end} then 1 else 0 end as at_e,
        case when st.kind = 'open' and sh.entered_at >= ${start} then 1 else 0 end as entered
      from stage_history sh
      join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
      join opportunities on opportunities.tenant_id = sh.tenant_id and opportunities.id = sh.opportunity_id
      where sh.tenant_id = ${t} and sh.pipeline_id = ${scope.pipelineId} and ${dealInScope(scope)}
        and (opportunities.status = 'open' or opportunities.stage_entered_at >= ${start})
        and sh.entered_at < ${end} and (sh.left_at is null or sh.left_at >= ${start})
    ),
    ranked as (
      select visits.*,
        row_number() over (partition by opportunity_id, at_s order by entered_at desc) as s_rank,
        row_number() over (partition by opportunity_id, at_e order by entered_at desc) as e_rank
      from visits
    ),
    standing as (
      select opportunity_id,
        ${atStart('kind')} as kind_s, ${atStart('position')} as pos_s,
        ${atStart('entered_at')} as entered_s, ${atStart('amount_minor')} as entry_s,
        ${atEnd('kind')} as kind_e, ${atEnd('position')} as pos_e,
        ${atEnd('entered_at')} as entered_e, ${atEnd('amount_minor')} as entry_e,
        max(entered) as entered
      from ranked group by opportunity_id
    ),
    deals as (
      select
        case when s.kind_s = 'open' then 1 else 0 end as open_s,
        case when s.kind_e = 'open' then 1 else 0 end as open_e,
        case when s.kind_s is not null
          then ${amountAt(t, sql`s.entered_s`, sql`s.entry_s`, start)} end as amount_s,
        s.pos_s,
        coalesce(case when s.kind_e is not null
          then ${amountAt(t, sql`s.entered_e`, sql`s.entry_e`, end)} end,
          opportunities.amount_minor) as amount_e,
        s.pos_e, s.kind_e,
        case when s.kind_s = 'open' and s.kind_e = 'open' then ${closeDateAt(start)} end as close_s,
        case when s.kind_s = 'open' and s.kind_e = 'open' then ${closeDateAt(end)} end as close_e
      from standing s
      join opportunities on opportunities.tenant_id = ${t} and opportunities.id = s.opportunity_id
      where s.kind_s = 'open' or s.entered = 1
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
