import { same } from './floor.js';
import type { Floor, FloorRow } from './floor.js';
import { days, LIVE, localDate, rankColumns, sameDays } from './receivables.js';
import type { DaysSummaryJson } from './receivables.js';

const LEGS = ['leadToCash', 'leadToWon', 'wonToCash'] as const;
type Legs = Record<(typeof LEGS)[number], DaysSummaryJson>;
type LeadToCash = { sources: (Legs & { source: string | null })[]; all: Legs };

/** Per leg (its value column `v<l>`): n, total and the nearest-rank columns, ranked within `size` by `rank<leg>`. */
const legColumns = (rank: string, size: string) =>
  LEGS.map(
    (_, l) =>
      `count(*) as l${l}n, sum(v${l}) as l${l}total, ${rankColumns(`v${l}`, `${rank}${l}`, size, `l${l}`)}`,
  ).join(', ');

export const leadToCash: Floor = {
  describes:
    'one statement: the fully paid contracts (every installment paid) with a payment in the ' +
    'period and their latest paid_on in it, of won deals converted from a lead; lead → cash, ' +
    'lead → won and won → cash in local days, ranked per source and overall in one window pass ' +
    '(n, total, nearest-rank median/p75/p90 per leg)',
  statement: (q) => {
    const lead = localDate(q, 'l.created_at');
    const won = localDate(q, 'o.closed_at');
    const order = (partition: string) =>
      LEGS.map(
        (_, l) => `row_number() over (${partition} order by v${l}) as ${partition ? 's' : 'a'}${l}`,
      ).join(', ');
    return {
      sql: `with cash as (
          select i.contract_id, max(i.paid_on) as cash_date
          from payment_installments i
          where i.tenant_id = ? and i.contract_id in (select p.contract_id from payment_installments p
            where p.tenant_id = ? and p.paid_on >= ? and p.paid_on <= ?)
          group by i.contract_id
          having sum(case when i.status = 'paid' then 0 else 1 end) = 0
        ),
        legs as (
          select l.source,
            ${days(q, lead, 'cash.cash_date')} as v0,
            ${days(q, lead, won)} as v1,
            ${days(q, won, 'cash.cash_date')} as v2
          from cash
          join contracts c on c.tenant_id = ? and c.id = cash.contract_id
          join opportunities o on o.tenant_id = c.tenant_id and o.id = c.opportunity_id
          join leads l on l.tenant_id = o.tenant_id and l.id = o.source_lead_id
          where ${LIVE} and o.status = 'won' and o.closed_at is not null
            and cash.cash_date >= ? and cash.cash_date <= ?
        ),
        ranked as (
          select legs.*, ${order('partition by source')}, ${order('')},
            count(*) over (partition by source) as cnt, count(*) over () as cnt_all
          from legs
        )
        select 0 as overall, source, ${legColumns('s', 'cnt')} from ranked group by source
        union all
        select 1 as overall, null, ${legColumns('a', 'cnt_all')} from ranked`,
      params: [q.tenantId, q.tenantId, q.from, q.to, q.tenantId, q.from, q.to],
    };
  },
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as LeadToCash;
    const compare = (what: string, row: FloorRow | undefined, legs: Legs | undefined) =>
      LEGS.forEach((leg, l) => sameDays(wrong, `${what} ${leg}`, row, `l${l}`, legs?.[leg]));
    const bySource = rows.filter((row) => Number(row.overall) === 0);
    same(wrong, 'sources', bySource.length, report.sources.length);
    for (const source of report.sources)
      compare(
        String(source.source),
        bySource.find((row) => row.source === source.source),
        source,
      );
    compare(
      'all',
      rows.find((row) => Number(row.overall) === 1),
      report.all,
    );
    return wrong;
  },
};
