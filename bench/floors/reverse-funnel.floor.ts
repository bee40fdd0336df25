import { startOfLocalDate } from '../../src/domain/analytics/period.js';
import { monthsBefore } from '../../src/domain/analytics/reverse-funnel.js';
import { firstVisits } from './cohorts.js';
import { n, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface ReverseFunnelJson {
  won: { count: number; amountMinor: number };
  stages: {
    stage: { stageId: string };
    cohort: number;
    advanced: number;
    openDeals: number;
    openAmountMinor: number;
  }[];
}

/** The report's default look-back: the 12 calendar months before the period. */
const LOOKBACK_MONTHS = 12;

export const reverseFunnel: Floor = {
  describes:
    'one statement, three parts joined by UNION ALL: the deals won in the 12-month look-back ' +
    '(count, amount), each stage’s cohort conversion over the look-back (the conversion ' +
    'floor’s window pass) and the open deals standing in each stage now; the report divides ' +
    'the same inputs in TypeScript',
  statement: (q) => {
    const start = startOfLocalDate(monthsBefore(q.from, LOOKBACK_MONTHS), q.timeZone);
    const visits = firstVisits(q, start);
    return {
      sql: `select 'won' as part, null as stage_id, count(*) as deals, sum(o.amount_minor) as amount
        from opportunities o
        where ${SCOPE} and o.status = 'won' and o.closed_at >= ? and o.closed_at < ?
        union all
        select 'open', o.stage_id, count(*), sum(o.amount_minor)
        from opportunities o where ${SCOPE} and o.status = 'open'
        group by o.stage_id
        union all
        select 'cohort', f.stage_id, count(*), sum(f.advanced)
        from (${visits.sql}) f
        where f.entered_at >= ? and f.entered_at < ?
        group by f.stage_id`,
      params: [...scope(q), start, q.start, ...scope(q), ...visits.params, start, q.start],
    };
  },
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as ReverseFunnelJson;
    const part = (name: string, key: string | null) =>
      rows.find((row) => row.part === name && (key === null || row.stage_id === key));
    same(wrong, 'won', n(part('won', null)?.deals), report.won.count);
    same(wrong, 'won amount', n(part('won', null)?.amount), report.won.amountMinor);
    for (const stage of report.stages) {
      const id = stage.stage.stageId;
      same(wrong, `cohort ${id}`, n(part('cohort', id)?.deals), stage.cohort);
      same(wrong, `advanced ${id}`, n(part('cohort', id)?.amount), stage.advanced);
      same(wrong, `open ${id}`, n(part('open', id)?.deals), stage.openDeals);
      same(wrong, `open amount ${id}`, n(part('open', id)?.amount), stage.openAmountMinor);
    }
    return wrong;
  },
};
