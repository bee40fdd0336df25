import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { agingThresholds } from '../../domain/analytics/receivables-aging.js';
import type { AgingAmounts } from '../../domain/analytics/receivables-aging.js';
import type { Database } from '../schema.js';
import { num } from './deal-scope.js';
import { contractInScope, dealOfContract } from './receivables-scope.js';
import type { ReceivablesScope } from './receivables-scope.js';

/** Outstanding amounts of one (currency, account, owner), by aging bucket. */
export interface AgingCell extends AgingAmounts {
  readonly currency: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly ownerId: string;
  readonly ownerName: string;
}

/**
 * Receivables aging (see `domain/analytics/receivables-aging.ts`) in one aggregate query:
 * the open installments (the (tenant_id, status, due_date) index) summed per currency,
 * account and owner into buckets by comparing the due date with thresholds computed in TS,
 * so no date arithmetic runs in SQL.
 */
export async function agingCells(
  db: Kysely<Database>,
  scope: ReceivablesScope,
  asOf: string,
): Promise<AgingCell[]> {
  const at = agingThresholds(asOf);
  const owed = sql`(i.amount_minor - i.collected_minor)`;
  const when = (condition: ReturnType<typeof sql>) =>
    sql`sum(case when ${condition} then ${owed} else 0 end)`;
  // Summed first, named after: joined to every installment row, the names' tables multiplied
  // a misestimated plan (PostgreSQL looped the whole join once per user of the tenant).
  const { rows } = await sql<Record<string, unknown>>`
    select cells.*, acc.name as account_name, usr.name as owner_name
    from (select contracts.currency, contracts.account_id, contracts.owner_id,
      ${when(sql`i.due_date >= ${at.due}`)} as not_due,
      ${when(sql`i.due_date < ${at.due} and i.due_date >= ${at.over30}`)} as d1,
      ${when(sql`i.due_date < ${at.over30} and i.due_date >= ${at.over60}`)} as d31,
      ${when(sql`i.due_date < ${at.over60} and i.due_date >= ${at.over90}`)} as d61,
      ${when(sql`i.due_date < ${at.over90}`)} as d91,
      sum(${owed}) as total
    from payment_installments i
    join contracts on contracts.tenant_id = i.tenant_id and contracts.id = i.contract_id
    ${dealOfContract}
    where i.tenant_id = ${scope.tenantId} and i.status in ('open', 'partial')
      and i.amount_minor > i.collected_minor and ${contractInScope(scope)}
    group by contracts.currency, contracts.account_id, contracts.owner_id) cells
    join accounts acc on acc.tenant_id = ${scope.tenantId} and acc.id = cells.account_id
    join users usr on usr.tenant_id = ${scope.tenantId} and usr.id = cells.owner_id`.execute(db);
  return rows.map((row) => ({
    currency: String(row.currency),
    accountId: String(row.account_id),
    accountName: String(row.account_name),
    ownerId: String(row.owner_id),
    ownerName: String(row.owner_name),
    notDue: num(row.not_due),
    days1to30: num(row.d1),
    days31to60: num(row.d31),
    days61to90: num(row.d61),
    over90: num(row.d91),
    total: num(row.total),
  }));
}
