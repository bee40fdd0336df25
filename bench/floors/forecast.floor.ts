import { n, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface ForecastJson {
  stages: {
    stage: { stageId: string };
    count: number;
    amountMinor: number;
    stageWeightedMinor: number;
    historical: { sampleSize: number; won: number };
  }[];
  closed: { count: number; amountMinor: number };
}

export const forecast: Floor = {
  describes:
    'one statement, three parts joined by UNION ALL: the open deals expected to close in the ' +
    'period per stage (count, amount, stage-weighted), the deals won in the period, and ' +
    'P(won | stage) — the pipeline’s closed deals grouped by `visited_stages` and matched to ' +
    'each stage they visited. The report also rolls up the forecast categories, the learned ' +
    'probabilities, managers’ overrides and forecast versus actual for 4 past periods (each an ' +
    'as-of reconstruction from stage history), so the ratio overstates the overhead of (a)–(c)',
  statement: (q) => ({
    sql: `select 'open' as part, o.stage_id, count(*) as deals, sum(o.amount_minor) as amount,
        sum(o.amount_minor * s.probability) as product
      from opportunities o join stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
      where ${SCOPE} and o.status = 'open' and s.kind = 'open'
        and o.expected_close_date >= ? and o.expected_close_date <= ?
      group by o.stage_id
      union all
      select 'won', null, count(*), sum(o.amount_minor), null
      from opportunities o
      where ${SCOPE} and o.status = 'won' and o.closed_at >= ? and o.closed_at < ?
      union all
      select 'rate', s.id, sum(f.n), sum(f.won), null
      from (select o.visited_stages as visited, count(*) as n,
              sum(case when o.status = 'won' then 1 else 0 end) as won
            from opportunities o
            where ${SCOPE} and o.status in ('won', 'lost')
            group by o.visited_stages) f
      join stages s on s.tenant_id = ? and s.pipeline_id = ? and (f.visited & (1 << s.slot)) <> 0
      group by s.id`,
    params: [
      ...scope(q),
      q.from,
      q.to,
      ...scope(q),
      q.start,
      q.end,
      ...scope(q),
      q.tenantId,
      q.pipelineId,
    ],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as ForecastJson;
    const part = (name: string, key: string | null) =>
      rows.find((row) => row.part === name && (key === null || row.stage_id === key));
    for (const stage of report.stages) {
      const id = stage.stage.stageId;
      const open = part('open', id);
      const rate = part('rate', id);
      same(wrong, `count ${id}`, n(open?.deals), stage.count);
      same(wrong, `amount ${id}`, n(open?.amount), stage.amountMinor);
      same(wrong, `weighted ${id}`, Math.round(n(open?.product) / 100), stage.stageWeightedMinor);
      same(wrong, `sample ${id}`, n(rate?.deals), stage.historical.sampleSize);
      same(wrong, `sample won ${id}`, n(rate?.amount), stage.historical.won);
    }
    same(wrong, 'won', n(part('won', null)?.deals), report.closed.count);
    same(wrong, 'won amount', n(part('won', null)?.amount), report.closed.amountMinor);
    return wrong;
  },
};
