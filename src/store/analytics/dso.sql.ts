import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dsoOf } from '../../domain/analytics/dso.js';
import type { DsoCurrency } from '../../domain/analytics/dso.js';
import { daysIn } from '../../domain/analytics/receivables.js';
import type { DateRange } from '../../domain/analytics/receivables.js';
import type { Database } from '../schema.js';
import { num } from './deal-scope.js';
import { daysBetweenDates } from './local-date.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';
import { activeAllocation, contractInScope, dealOfContract } from './receivables-scope.js';
import type { ReceivablesScope } from './receivables-scope.js';

/**
 * DSO (see `domain/analytics/dso.ts`) in two queries: billed and ending receivables per
 * currency (each installment due by the period's end less what active allocations of
 * receipts received by then had collected), and the days-to-pay summaries of the
 * installments paid in the period. The ratio is divided in TS.
 */
export async function dsoFiguresSql(
  db: Kysely<Database>,
  scope: ReceivablesScope,
  period: DateRange,
): Promise<DsoCurrency[]> {
  const sums = await sql<Record<string, unknown>>`
    select contracts.currency,
      sum(case when i.due_date >= ${period.from} then i.amount_minor else 0 end) as billed,
      sum(i.amount_minor - coalesce(c.collected, 0)) as receivables
    from payment_installments i
    join contracts on contracts.tenant_id = i.tenant_id and contracts.id = i.contract_id
    ${dealOfContract}
    left join (
      select a.installment_id, sum(a.amount_minor) as collected
      from receipt_allocations a
      join receipts r on r.tenant_id = a.tenant_id and r.id = a.receipt_id
      where a.tenant_id = ${scope.tenantId} and ${activeAllocation} and r.received_on <= ${period.to}
      group by a.installment_id
    ) c on c.installment_id = i.id
    where i.tenant_id = ${scope.tenantId} and i.due_date <= ${period.to} and ${contractInScope(scope)}
    group by contracts.currency`.execute(db);
  const values = sql`
    select contracts.currency, ${daysBetweenDates(db, sql`i.due_date`, sql`i.paid_on`)} as value
    from payment_installments i
    join contracts on contracts.tenant_id = i.tenant_id and contracts.id = i.contract_id
    ${dealOfContract}
    where i.tenant_id = ${scope.tenantId} and i.status = 'paid'
      and i.paid_on >= ${period.from} and i.paid_on <= ${period.to} and ${contractInScope(scope)}`;
  const paid = await sql<SummaryRow & { currency: string }>`
    select * from (${nearestRankSummaries(values, ['currency'])}) s`.execute(db);
  const days = daysIn(period);
  const currencies = [
    ...new Set([
      ...sums.rows.map((row) => String(row.currency)),
      ...paid.rows.map((row) => row.currency),
    ]),
  ].sort();
  return currencies
    .map((currency) => {
      const row = sums.rows.find((candidate) => candidate.currency === currency);
      const billed = num(row?.billed ?? 0);
      const receivables = num(row?.receivables ?? 0);
      return {
        currency,
        days,
        billedMinor: billed,
        receivablesMinor: receivables,
        dso: dsoOf(receivables, billed, days),
        daysToPay: summaryOfRow(
          paid.rows.find((candidate) => candidate.currency === currency),
          1,
        ),
      };
    })
    .filter((c) => c.billedMinor !== 0 || c.receivablesMinor !== 0 || c.daysToPay.n > 0);
}
