import { n, ranks, same, seconds, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface DwellJson {
  stages: {
    stage: { stageId: string };
    n: number;
    totalSeconds: number;
    medianSeconds: number | null;
    p75Seconds: number | null;
    p90Seconds: number | null;
    reentries: number;
  }[];
}

export const dwell: Floor = {
  describes:
    'one statement: the visits to open stages that left in the period, ranked per stage by ' +
    'length in one window pass (n, total, nearest-rank median/p75/p90), each probed once for ' +
    'the deal’s first visit to the stage (a re-entry is any other visit)',
  statement: (q) => ({
    sql: `select r.stage_id, count(*) as n, sum(r.v) as total, ${ranks('r.v')},
        sum(r.reentry) as reentries
      from (
        select d.stage_id, d.v, d.reentry,
          row_number() over (partition by d.stage_id order by d.v) as rn,
          count(*) over (partition by d.stage_id) as cnt
        from (
          select sh.stage_id, ${seconds(q, 'sh.entered_at', 'sh.left_at')} as v,
            case when sh.id <> (select e.id from stage_history e
              where e.tenant_id = sh.tenant_id and e.opportunity_id = sh.opportunity_id
                and e.stage_id = sh.stage_id
              order by e.entered_at, e.id limit 1)
              then 1 else 0 end as reentry
          from stage_history sh
          join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
          join opportunities o on o.tenant_id = sh.tenant_id and o.id = sh.opportunity_id
          where sh.tenant_id = ? and st.pipeline_id = ? and st.kind = 'open'
            and sh.left_at >= ? and sh.left_at < ? and ${SCOPE}
        ) d
      ) r
      group by r.stage_id`,
    params: [q.tenantId, q.pipelineId, q.start, q.end, ...scope(q)],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const stage of (json as DwellJson).stages) {
      const id = stage.stage.stageId;
      const row = rows.find((candidate) => candidate.stage_id === id);
      same(wrong, `n ${id}`, n(row?.n), stage.n);
      same(wrong, `total ${id}`, n(row?.total), stage.totalSeconds);
      same(wrong, `median ${id}`, row?.p50, stage.medianSeconds);
      same(wrong, `p75 ${id}`, row?.p75, stage.p75Seconds);
      same(wrong, `p90 ${id}`, row?.p90, stage.p90Seconds);
      same(wrong, `re-entries ${id}`, n(row?.reentries), stage.reentries);
    }
    return wrong;
  },
};
