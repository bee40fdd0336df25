import { n, ranks, same, seconds, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

type Summary = {
  n: number;
  totalSeconds: number;
  medianSeconds: number | null;
  p75Seconds: number | null;
  p90Seconds: number | null;
};

export const cycle: Floor = {
  describes:
    'one statement: the deals won or lost in the period, created → closed ranked per outcome ' +
    'in one window pass (n, total, nearest-rank median/p75/p90)',
  statement: (q) => ({
    sql: `select r.status, count(*) as n, sum(r.v) as total, ${ranks('r.v')}
      from (
        select d.status, d.v,
          row_number() over (partition by d.status order by d.v) as rn,
          count(*) over (partition by d.status) as cnt
        from (
          select o.status, ${seconds(q, 'o.created_at', 'o.closed_at')} as v
          from opportunities o
          where ${SCOPE} and o.status in ('won', 'lost') and o.closed_at >= ? and o.closed_at < ?
        ) d
      ) r
      group by r.status`,
    params: [...scope(q), q.start, q.end],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const status of ['won', 'lost'] as const) {
      const summary = (json as Record<'won' | 'lost', Summary>)[status];
      const row = rows.find((candidate) => candidate.status === status);
      same(wrong, `${status} n`, n(row?.n), summary.n);
      same(wrong, `${status} total`, n(row?.total), summary.totalSeconds);
      same(wrong, `${status} median`, row?.p50, summary.medianSeconds);
      same(wrong, `${status} p75`, row?.p75, summary.p75Seconds);
      same(wrong, `${status} p90`, row?.p90, summary.p90Seconds);
    }
    return wrong;
  },
};
