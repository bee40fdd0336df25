import { addDays } from '../../src/domain/analytics/period.js';
import { n, same } from './floor.js';
import type { Floor } from './floor.js';
import { currencyEntry, LIVE } from './receivables.js';

type Buckets = Record<
  'notDue' | 'days1to30' | 'days31to60' | 'days61to90' | 'over90' | 'total',
  number
>;
type Aging = { totals: Buckets; accounts: unknown[]; owners: unknown[] };

const COLUMNS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90', 'total'] as const;

export const receivablesAging: Floor = {
  describes:
    'one statement: the unpaid installments of live contracts, outstanding (amount − collected) ' +
    'summed per currency, account and owner into the five buckets by due date against the ' +
    'as-of date (today), with account and owner names',
  statement: (q) => {
    const owed = '(i.amount_minor - i.collected_minor)';
    const bucket = (condition: string) => `sum(case when ${condition} then ${owed} else 0 end)`;
    return {
      sql: `select c.currency, c.account_id, c.owner_id, max(acc.name) as account_name,
          max(u.name) as owner_name,
          ${bucket('i.due_date >= ?')} as "notDue",
          ${bucket('i.due_date < ? and i.due_date >= ?')} as "days1to30",
          ${bucket('i.due_date < ? and i.due_date >= ?')} as "days31to60",
          ${bucket('i.due_date < ? and i.due_date >= ?')} as "days61to90",
          ${bucket('i.due_date < ?')} as "over90",
          sum(${owed}) as total
        from payment_installments i
        join contracts c on c.tenant_id = i.tenant_id and c.id = i.contract_id
        join accounts acc on acc.tenant_id = c.tenant_id and acc.id = c.account_id
        join users u on u.tenant_id = c.tenant_id and u.id = c.owner_id
        where i.tenant_id = ? and i.status in ('open', 'partial')
          and i.amount_minor > i.collected_minor and ${LIVE}
        group by c.currency, c.account_id, c.owner_id`,
      // asOf = the period's last day: today, the report's default.
      params: [0, 0, 30, 30, 60, 60, 90, 90].map((back) => addDays(q.to, -back)).concat(q.tenantId),
    };
  },
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = currencyEntry<Aging>(json, 'CNY');
    const mine = rows.filter((row) => row.currency === 'CNY');
    for (const column of COLUMNS)
      same(
        wrong,
        column,
        mine.reduce((sum, row) => sum + n(row[column]), 0),
        report?.totals[column] ?? 0,
      );
    same(
      wrong,
      'accounts',
      new Set(mine.map((row) => row.account_id)).size,
      report?.accounts.length ?? 0,
    );
    same(
      wrong,
      'owners',
      new Set(mine.map((row) => row.owner_id)).size,
      report?.owners.length ?? 0,
    );
    return wrong;
  },
};
