import { n, same } from './floor.js';
import type { Floor } from './floor.js';
import { ACTIVE, currencyEntry, days, LIVE, rankColumns, sameDays } from './receivables.js';
import type { DaysSummaryJson } from './receivables.js';

type Dso = { billedMinor: number; receivablesMinor: number; daysToPay: DaysSummaryJson };

export const dso: Floor = {
  describes:
    'one statement, two aggregates joined by UNION ALL: billed (installments due in the period) and ' +
    'ending receivables (installments due by its end less active allocations received by then) per ' +
    'currency; days to pay (paid_on − due date) of the installments paid in the period, ranked per ' +
    'currency (n, total, nearest-rank median/p75/p90)',
  statement: (q) => ({
    sql: `select 'owed' as kind, x.currency, sum(x.billed) as billed, sum(x.owed) as owed,
        null as pn, null as ptotal, null as p50, null as p75, null as p90
      from (
        select c.currency, case when i.due_date >= ? then i.amount_minor else 0 end as billed,
          i.amount_minor as owed
        from payment_installments i
        join contracts c on c.tenant_id = i.tenant_id and c.id = i.contract_id
        where i.tenant_id = ? and i.due_date <= ? and ${LIVE}
        union all
        select c.currency, 0 as billed, -a.amount_minor as owed
        from receipt_allocations a
        join receipts r on r.tenant_id = a.tenant_id and r.id = a.receipt_id
        join payment_installments i on i.tenant_id = a.tenant_id and i.id = a.installment_id
        join contracts c on c.tenant_id = i.tenant_id and c.id = i.contract_id
        where a.tenant_id = ? and ${ACTIVE} and r.received_on <= ? and i.due_date <= ? and ${LIVE}
      ) x
      group by x.currency
      union all
      select 'paid' as kind, d.currency, null, null, count(*), sum(d.v), ${rankColumns('d.v', 'd.rn', 'd.cnt', 'p')}
      from (
        select p.currency, p.v, row_number() over (partition by p.currency order by p.v) as rn,
          count(*) over (partition by p.currency) as cnt
        from (
          select c.currency, ${days(q, 'i.due_date', 'i.paid_on')} as v
          from payment_installments i
          join contracts c on c.tenant_id = i.tenant_id and c.id = i.contract_id
          where i.tenant_id = ? and i.status = 'paid' and i.paid_on >= ? and i.paid_on <= ? and ${LIVE}
        ) p
      ) d
      group by d.currency`,
    params: [q.from, q.tenantId, q.to, q.tenantId, q.to, q.to, q.tenantId, q.from, q.to],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = currencyEntry<Dso>(json, 'CNY');
    const owed = rows.find((row) => row.kind === 'owed' && row.currency === 'CNY');
    same(wrong, 'billed', n(owed?.billed), report?.billedMinor ?? 0);
    same(wrong, 'receivables', n(owed?.owed), report?.receivablesMinor ?? 0);
    const paid = rows.find((row) => row.kind === 'paid' && row.currency === 'CNY');
    sameDays(wrong, 'days to pay', paid, 'p', report?.daysToPay);
    return wrong;
  },
};
