import type { RawValue } from '../raw-driver.js';
import type { FloorQuestion } from './floor.js';
import { SCOPE, scope } from './floor.js';

/**
 * Each in-scope deal's first visit to each open stage with `advanced` (a later visit to a
 * higher open stage or a won stage), in one window pass over the histories of the deals
 * that entered a stage since `start` (a deal's latest entry is `opportunities.stage_entered_at`,
 * so older deals cannot have a visit in the range): the highest position entered after each
 * visit is a running max over the deal's visits, newest first. Columns: the stage, the
 * owner, the deal's status now, `entered_at` and `advanced`; the caller keeps the first
 * visits entered in its range. Shared by the conversion, people, reverse-funnel and patterns
 * floors (one cohort definition, as in the app).
 */
export function firstVisits(
  q: FloorQuestion,
  start: string,
): { readonly sql: string; readonly params: RawValue[] } {
  return {
    sql: `select v.stage_id, v.owner_id, v.status, v.entered_at, v.opportunity_id,
        case when v.later > v.position then 1 else 0 end as advanced
      from (
        select sh.stage_id, sh.opportunity_id, sh.entered_at, st.kind, st.position, o.owner_id, o.status,
          row_number() over (partition by sh.opportunity_id, sh.stage_id order by sh.entered_at, sh.id) as visit,
          max(case when st.kind = 'won' then 1000000 when st.kind = 'open' then st.position end)
            over (partition by sh.opportunity_id order by sh.entered_at desc, sh.id desc
                  rows between unbounded preceding and 1 preceding) as later
        from opportunities o
        join stage_history sh on sh.tenant_id = o.tenant_id and sh.opportunity_id = o.id
        join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
        where ${SCOPE} and o.stage_entered_at >= ? and sh.pipeline_id = o.pipeline_id
      ) v
      where v.visit = 1 and v.kind = 'open'`,
    params: [...scope(q), start],
  };
}
