import { n, same } from './floor.js';
import type { Floor, FloorQuestion } from './floor.js';
import { ACTIVE, currencyEntry, LIVE } from './receivables.js';

type Figures = { plannedMinor: number; collectedMinor: number };
type Collections = Figures & {
  periods: (Figures & { from: string; reps: unknown[] })[];
  reps: unknown[];
};

/** A date column's calendar month, `YYYY-MM` (the bench asks for whole months). */
const month = (q: FloorQuestion, date: string) =>
  q.dialect === 'postgres' ? `to_char(${date}, 'YYYY-MM')` : `substr(${date}, 1, 7)`;

export const collections: Floor = {
  describes:
    'one statement: installments due in the period (planned) and active allocations of receipts ' +
    'received in it (collected), of live contracts, summed per currency, calendar month and ' +
    'contract owner',
  statement: (q) => ({
    sql: `select x.currency, x.month, x.owner_id,
        sum(x.planned) as planned, sum(x.collected) as collected
      from (
        select c.currency, ${month(q, 'i.due_date')} as month, c.owner_id,
          i.amount_minor as planned, 0 as collected
        from payment_installments i
        join contracts c on c.tenant_id = i.tenant_id and c.id = i.contract_id
        where i.tenant_id = ? and i.due_date >= ? and i.due_date <= ? and ${LIVE}
        union all
        select c.currency, ${month(q, 'r.received_on')} as month, c.owner_id,
          0 as planned, a.amount_minor as collected
        from receipts r
        join receipt_allocations a on a.tenant_id = r.tenant_id and a.receipt_id = r.id
        join payment_installments i on i.tenant_id = a.tenant_id and i.id = a.installment_id
        join contracts c on c.tenant_id = i.tenant_id and c.id = i.contract_id
        where r.tenant_id = ? and r.received_on >= ? and r.received_on <= ? and ${ACTIVE} and ${LIVE}
      ) x
      group by x.currency, x.month, x.owner_id`,
    params: [q.tenantId, q.from, q.to, q.tenantId, q.from, q.to],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = currencyEntry<Collections>(json, 'CNY');
    const mine = rows.filter((row) => row.currency === 'CNY');
    const sum = (of: typeof mine, column: string) => of.reduce((t, row) => t + n(row[column]), 0);
    same(wrong, 'planned', sum(mine, 'planned'), report?.plannedMinor ?? 0);
    same(wrong, 'collected', sum(mine, 'collected'), report?.collectedMinor ?? 0);
    same(wrong, 'reps', new Set(mine.map((row) => row.owner_id)).size, report?.reps.length ?? 0);
    for (const period of report?.periods ?? []) {
      const inMonth = mine.filter((row) => row.month === period.from.slice(0, 7));
      same(wrong, `${period.from} planned`, sum(inMonth, 'planned'), period.plannedMinor);
      same(wrong, `${period.from} collected`, sum(inMonth, 'collected'), period.collectedMinor);
      // A rep with figures in the month (both sums zero cannot happen: amounts are > 0).
      same(wrong, `${period.from} reps`, inMonth.length, period.reps.length);
    }
    return wrong;
  },
};
