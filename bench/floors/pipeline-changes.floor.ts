import { n, same, SCOPE, scope } from './floor.js';
import type { Floor, FloorQuestion } from './floor.js';

type Flow = { count: number; amountMinor: number };

interface PipelineChangesJson {
  starting: Flow;
  new: Flow;
  won: Flow;
  lost: Flow;
  ending: Flow;
  amountChanges: { count: number; amountMinor: number };
  advanced: Flow;
  movedBack: Flow;
}

/** The amount of the visit `sh` at an instant: its latest amount change before it, else its entry amount. */
const amountAt = (at: string) => `coalesce((select dc.to_amount_minor from deal_changes dc
    where dc.tenant_id = sh.tenant_id and dc.opportunity_id = sh.opportunity_id
      and dc.field = 'amount' and dc.changed_at >= sh.entered_at and dc.changed_at < ${at}
    order by dc.changed_at desc limit 1), sh.amount_minor)`;

const standing = (at: string) =>
  `sh.entered_at < ${at} and (sh.left_at is null or sh.left_at >= ${at})`;

export const pipelineChanges: Floor = {
  describes:
    'one statement: the stage visits overlapping the period (entered before its end, not left ' +
    'before its start) of the in-scope deals, folded per deal into where it stood at the start ' +
    'and at the end (with the amount then: the latest amount change inside the visit) and ' +
    'whether it entered an open stage in the period, then summed into the waterfall — ' +
    'starting, new, won, lost, amount changes, ending, advanced, moved back. The report also ' +
    'reconstructs each deal’s expected close date at both instants (slipped)',
  statement: (q: FloorQuestion) => ({
    sql: `select sum(d.open_s) as starting_count,
        sum(case when d.open_s = 1 then d.amount_s else 0 end) as starting_amount,
        sum(1 - d.open_s) as new_count,
        sum(case when d.open_s = 0 then d.amount_e else 0 end) as new_amount,
        sum(case when d.open_e = 0 and d.kind_e = 'won' then 1 else 0 end) as won_count,
        sum(case when d.open_e = 0 and d.kind_e = 'won' then d.amount_e else 0 end) as won_amount,
        sum(case when d.open_e = 0 and (d.kind_e is null or d.kind_e <> 'won') then 1 else 0 end) as lost_count,
        sum(case when d.open_e = 0 and (d.kind_e is null or d.kind_e <> 'won') then d.amount_e else 0 end) as lost_amount,
        sum(d.open_e) as ending_count,
        sum(case when d.open_e = 1 then d.amount_e else 0 end) as ending_amount,
        sum(case when d.open_s = 1 and d.amount_e <> d.amount_s then 1 else 0 end) as changed_count,
        sum(case when d.open_s = 1 then d.amount_e - d.amount_s else 0 end) as changed_amount,
        sum(case when d.open_s = 1 and d.open_e = 1 and d.pos_e > d.pos_s then 1 else 0 end) as advanced_count,
        sum(case when d.open_s = 1 and d.open_e = 1 and d.pos_e > d.pos_s then d.amount_e else 0 end) as advanced_amount,
        sum(case when d.open_s = 1 and d.open_e = 1 and d.pos_e < d.pos_s then 1 else 0 end) as back_count,
        sum(case when d.open_s = 1 and d.open_e = 1 and d.pos_e < d.pos_s then d.amount_e else 0 end) as back_amount
      from (
        select v.opportunity_id,
          max(v.open_s) as open_s, max(v.amount_s) as amount_s, max(v.pos_s) as pos_s,
          max(v.open_e) as open_e, coalesce(max(v.amount_e), max(v.amount_now)) as amount_e,
          max(v.pos_e) as pos_e, max(v.kind_e) as kind_e, max(v.entered) as entered
        from (
          select sh.opportunity_id, o.amount_minor as amount_now,
            case when ${standing('?')} and st.kind = 'open' then 1 else 0 end as open_s,
            case when ${standing('?')} then ${amountAt('?')} end as amount_s,
            case when ${standing('?')} then st.position end as pos_s,
            case when ${standing('?')} and st.kind = 'open' then 1 else 0 end as open_e,
            case when ${standing('?')} then ${amountAt('?')} end as amount_e,
            case when ${standing('?')} then st.position end as pos_e,
            case when ${standing('?')} then st.kind end as kind_e,
            case when st.kind = 'open' and sh.entered_at >= ? then 1 else 0 end as entered
          from stage_history sh
          join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
          join opportunities o on o.tenant_id = sh.tenant_id and o.id = sh.opportunity_id
          where sh.tenant_id = ? and sh.pipeline_id = ? and ${SCOPE}
            and sh.entered_at < ? and (sh.left_at is null or sh.left_at >= ?)
        ) v
        group by v.opportunity_id
      ) d
      where d.open_s = 1 or d.entered = 1`,
    params: [
      // open_s (2), amount_s (2 + 1), pos_s (2); then open_e, amount_e, pos_e, kind_e (2 + 3 + 2 + 2)
      ...Array<string>(7).fill(q.start),
      ...Array<string>(9).fill(q.end),
      q.start,
      q.tenantId,
      q.pipelineId,
      ...scope(q),
      q.end,
      q.start,
    ],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as PipelineChangesJson;
    const row = rows[0] ?? {};
    for (const [name, flow] of [
      ['starting', report.starting],
      ['new', report.new],
      ['won', report.won],
      ['lost', report.lost],
      ['ending', report.ending],
      ['advanced', report.advanced],
      ['back', report.movedBack],
    ] as const) {
      same(wrong, `${name} count`, n(row[`${name}_count`]), flow.count);
      same(wrong, `${name} amount`, n(row[`${name}_amount`]), flow.amountMinor);
    }
    same(wrong, 'changed count', n(row.changed_count), report.amountChanges.count);
    same(wrong, 'changed amount', n(row.changed_amount), report.amountChanges.amountMinor);
    return wrong;
  },
};
