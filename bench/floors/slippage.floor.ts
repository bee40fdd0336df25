import { n, ranks, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

type Direction = {
  changes: number;
  deals: number;
  totalDays: number;
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
};

export const slippage: Floor = {
  describes:
    'one statement: the close-date changes made in the period, ranked per direction (push, ' +
    'pull) by days moved in one window pass — changes, distinct deals, total and nearest-rank ' +
    'median/p75/p90 days',
  statement: (q) => {
    const days =
      q.dialect === 'postgres'
        ? 'abs(dc.to_date - dc.from_date)'
        : 'abs(cast(round(julianday(dc.to_date) - julianday(dc.from_date)) as integer))';
    return {
      sql: `select r.direction, count(*) as n, count(distinct r.opportunity_id) as deals,
          sum(r.v) as total, ${ranks('r.v')}
        from (
          select d.direction, d.opportunity_id, d.v,
            row_number() over (partition by d.direction order by d.v) as rn,
            count(*) over (partition by d.direction) as cnt
          from (
            select case when dc.to_date > dc.from_date then 'push' else 'pull' end as direction,
              dc.opportunity_id, ${days} as v
            from deal_changes dc
            join opportunities o on o.tenant_id = dc.tenant_id and o.id = dc.opportunity_id
            where dc.tenant_id = ? and dc.field = 'close_date'
              and dc.changed_at >= ? and dc.changed_at < ?
              and dc.from_date is not null and dc.to_date is not null and dc.to_date <> dc.from_date
              and ${SCOPE}
          ) d
        ) r
        group by r.direction`,
      params: [q.tenantId, q.start, q.end, ...scope(q)],
    };
  },
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const [name, key] of [
      ['push', 'pushed'],
      ['pull', 'pulled'],
    ] as const) {
      const figures = (json as Record<'pushed' | 'pulled', Direction>)[key];
      const row = rows.find((candidate) => candidate.direction === name);
      same(wrong, `${key} changes`, n(row?.n), figures.changes);
      same(wrong, `${key} deals`, n(row?.deals), figures.deals);
      same(wrong, `${key} days`, n(row?.total), figures.totalDays);
      same(wrong, `${key} median`, row?.p50, figures.medianDays);
      same(wrong, `${key} p75`, row?.p75, figures.p75Days);
      same(wrong, `${key} p90`, row?.p90, figures.p90Days);
    }
    return wrong;
  },
};
