import { n, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface OutcomesJson {
  winRate: { won: number; closed: number };
}

/** The win rate alone: the report also summarises won sizes and cycles and the open pipeline. */
export const outcomes: Floor = {
  describes:
    'the win rate alone — won and closed counts in the period in one aggregate; the report also ' +
    'computes won-size and cycle percentiles and the qualified open pipeline (4 statements)',
  statement: (q) => ({
    sql: `select sum(case when o.status = 'won' then 1 else 0 end) as won, count(*) as closed
      from opportunities o
      where ${SCOPE} and o.status in ('won', 'lost') and o.closed_at >= ? and o.closed_at < ?`,
    params: [...scope(q), q.start, q.end],
  }),
  check: (rows, json) => {
    const report = json as OutcomesJson;
    const won = n(rows[0]?.won);
    const closed = n(rows[0]?.closed);
    return won === report.winRate.won && closed === report.winRate.closed
      ? []
      : [
          `won/closed: floor ${won}/${closed}, report ${report.winRate.won}/${report.winRate.closed}`,
        ];
  },
};
