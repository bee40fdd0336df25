import { n, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface FunnelJson {
  stages: {
    stage: { stageId: string };
    count: number;
    amountMinor: number;
    weightedMinor: number;
    reachedCount: number;
    reachedAmountMinor: number;
  }[];
  won: { count: number; amountMinor: number };
  lost: { count: number; amountMinor: number };
}

export const funnel: Floor = {
  describes:
    'one statement, three GROUP BYs joined by UNION ALL: open deals per stage from `opportunities` ' +
    '(the standing funnel now needs no history), the deals created in the period grouped by the ' +
    'stages they visited (`visited_stages`) and matched to each stage it shows they reached, and ' +
    'the deals closed in the period by status',
  statement: (q) => ({
    sql: `select 'standing' as part, o.stage_id as k, count(*) as deals, sum(o.amount_minor) as amount,
        sum(o.amount_minor * s.probability) as product
      from opportunities o join stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
      where ${SCOPE} and o.status = 'open' and o.closed_at is null
      group by o.stage_id
      union all
      select 'reached', s.id, sum(f.n), sum(f.amount), null
      from (select o.visited_stages as visited, count(*) as n, sum(o.amount_minor) as amount
            from opportunities o
            where ${SCOPE} and o.created_at >= ? and o.created_at < ?
            group by o.visited_stages) f
      join stages s on s.tenant_id = ? and s.pipeline_id = ? and s.kind = 'open'
      where exists (select 1 from stages r
        where r.tenant_id = s.tenant_id and r.pipeline_id = s.pipeline_id
          and (f.visited & (1 << r.slot)) <> 0
          and (r.kind = 'won' or (r.kind = 'open' and r.position >= s.position)))
      group by s.id
      union all
      select o.status, null, count(*), sum(o.amount_minor), null
      from opportunities o
      where ${SCOPE} and o.status in ('won', 'lost') and o.closed_at >= ? and o.closed_at < ?
      group by o.status`,
    params: [
      ...scope(q),
      ...scope(q),
      q.start,
      q.end,
      q.tenantId,
      q.pipelineId,
      ...scope(q),
      q.start,
      q.end,
    ],
  }),
  check: (rows, json) => {
    const report = json as FunnelJson;
    const find = (part: string, key: string | null) =>
      rows.find((row) => row.part === part && (key === null || row.k === key));
    const wrong: string[] = [];
    const same = (what: string, floor: number, app: number) => {
      if (floor !== app) wrong.push(`${what}: floor ${floor}, report ${app}`);
    };
    for (const stage of report.stages) {
      const id = stage.stage.stageId;
      const standing = find('standing', id);
      const reached = find('reached', id);
      same(`count ${id}`, n(standing?.deals), stage.count);
      same(`amount ${id}`, n(standing?.amount), stage.amountMinor);
      same(`weighted ${id}`, Math.round(n(standing?.product) / 100), stage.weightedMinor);
      same(`reached ${id}`, n(reached?.deals), stage.reachedCount);
      same(`reached amount ${id}`, n(reached?.amount), stage.reachedAmountMinor);
    }
    for (const status of ['won', 'lost'] as const) {
      same(`${status} count`, n(find(status, null)?.deals), report[status].count);
      same(`${status} amount`, n(find(status, null)?.amount), report[status].amountMinor);
    }
    return wrong;
  },
};
