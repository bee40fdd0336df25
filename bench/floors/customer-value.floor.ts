import { n, same } from './floor.js';
import type { Floor, FloorRow } from './floor.js';

type Tally = {
  accounts: number;
  repeatAccounts: number;
  contracts: number;
  contractValueMinor: number;
  collectedMinor: number;
};
type CustomerValue = { overall: Tally; valueTiers: (Tally & { tier: string | null })[] };

export const customerValue: Floor = {
  describes:
    'one statement: the contracts bought in the period (signed, else started) in the currency, ' +
    'the cash of their unreversed allocations, per account (contracts, value, cash), then buyers, ' +
    'repeat buyers (two contracts or more), contracts, value and cash per account value tier',
  statement: (q) => ({
    sql: `with bought as (
        select c.id, c.account_id, c.amount_minor from contracts c
        where c.tenant_id = ? and c.currency = ?
          and coalesce(c.signed_on, c.start_date) >= ? and coalesce(c.signed_on, c.start_date) <= ?
      ),
      cash as (
        select i.contract_id, sum(a.amount_minor) as cash
        from bought b
        join payment_installments i on i.tenant_id = ? and i.contract_id = b.id
        join receipt_allocations a on a.tenant_id = i.tenant_id and a.installment_id = i.id
        where a.reversed_at is null
        group by i.contract_id
      ),
      buyers as (
        select acc.value_tier, count(*) as k, sum(b.amount_minor) as v, sum(coalesce(cash.cash, 0)) as got
        from bought b
        join accounts acc on acc.tenant_id = ? and acc.id = b.account_id and acc.deleted_at is null
        left join cash on cash.contract_id = b.id
        group by b.account_id, acc.value_tier
      )
      select value_tier, count(*) as accounts, sum(case when k >= 2 then 1 else 0 end) as repeat_accounts,
        sum(k) as contracts, sum(v) as value, sum(got) as collected
      from buyers group by value_tier`,
    params: [q.tenantId, q.currency, q.from, q.to, q.tenantId, q.tenantId],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as CustomerValue;
    const compare = (what: string, row: FloorRow | undefined, tally: Tally | undefined) => {
      same(wrong, `${what} accounts`, n(row?.accounts), tally?.accounts ?? 0);
      same(wrong, `${what} repeat`, n(row?.repeat_accounts), tally?.repeatAccounts ?? 0);
      same(wrong, `${what} contracts`, n(row?.contracts), tally?.contracts ?? 0);
      same(wrong, `${what} value`, n(row?.value), tally?.contractValueMinor ?? 0);
      same(wrong, `${what} collected`, n(row?.collected), tally?.collectedMinor ?? 0);
    };
    same(wrong, 'tiers', rows.length, report.valueTiers.length);
    for (const tier of report.valueTiers)
      compare(
        String(tier.tier),
        rows.find((row) => (row.value_tier ?? null) === tier.tier),
        tier,
      );
    const total = (column: string) => rows.reduce((sum, row) => sum + n(row[column]), 0);
    same(wrong, 'accounts', total('accounts'), report.overall.accounts);
    same(wrong, 'collected', total('collected'), report.overall.collectedMinor);
    return wrong;
  },
};
