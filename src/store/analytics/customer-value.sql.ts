import { sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Visibility } from '../../domain/access/scope.js';
import type { AccountValue, RepeatTally } from '../../domain/lifecycle/customer-value.js';
import type { Database } from '../schema.js';
import { visibleCondition } from '../visibility.js';
import { num } from './deal-scope.js';

/** Which purchases count: one currency, a period of purchase days, owners, visible accounts. */
export interface PurchaseScope {
  readonly tenantId: string;
  readonly currency: string;
  /** Local dates, inclusive: a contract counts when its purchase day falls in between. */
  readonly from: string;
  readonly to: string;
  /** Contract owners; null: anyone's. */
  readonly ownerIds: readonly string[] | null;
  readonly visibility: Visibility;
}

/** The day a contract was bought: signed, or started when the signing was not recorded. */
const purchasedOn = sql`coalesce(contracts.signed_on, contracts.start_date)`;

/**
 * One row per account that bought in scope: its contracts, their value, the cash collected
 * on them (active allocations only — a reversed allocation is no cash) and the first and
 * last purchase day. The collected cash is summed per contract in a subquery first, so a
 * contract with many allocations still counts once in the contract count and value.
 */
function perAccount(scope: PurchaseScope): RawBuilder<unknown> {
  const parts: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`contracts.tenant_id = ${scope.tenantId}`,
    sql<SqlBool>`contracts.currency = ${scope.currency}`,
    sql<SqlBool>`${purchasedOn} >= ${scope.from}`,
    sql<SqlBool>`${purchasedOn} <= ${scope.to}`,
    sql<SqlBool>`accounts.deleted_at is null`,
  ];
  if (scope.ownerIds !== null)
    parts.push(
      scope.ownerIds.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`contracts.owner_id in (${sql.join(scope.ownerIds)})`,
    );
  const visible = visibleCondition('accounts', scope.visibility);
  if (visible !== null) parts.push(sql<SqlBool>`${visible}`);
  return sql`select contracts.account_id as account_id, accounts.name as account_name,
      accounts.value_tier as value_tier,
      count(*) as contracts, sum(contracts.amount_minor) as contract_value,
      sum(coalesce(cash.collected, 0)) as collected,
      min(${purchasedOn}) as first_purchase, max(${purchasedOn}) as last_purchase
    from contracts
    join accounts on accounts.tenant_id = contracts.tenant_id and accounts.id = contracts.account_id
    left join (
      select payment_installments.contract_id as contract_id,
        sum(receipt_allocations.amount_minor) as collected
      from receipt_allocations
      join payment_installments on payment_installments.tenant_id = receipt_allocations.tenant_id
        and payment_installments.id = receipt_allocations.installment_id
      where receipt_allocations.tenant_id = ${scope.tenantId}
        and receipt_allocations.reversed_at is null
      group by payment_installments.contract_id
    ) cash on cash.contract_id = contracts.id
    where ${sql.join(parts, sql` and `)}
    group by contracts.account_id, accounts.name, accounts.value_tier`;
}

interface AccountRow {
  account_id: string;
  account_name: string;
  value_tier: string | null;
  contracts: unknown;
  contract_value: unknown;
  collected: unknown;
  first_purchase: unknown;
  last_purchase: unknown;
}

/** pg hands dates back as strings already (pg-types.ts); SQLite stores them as text. */
const day = (value: unknown): string => String(value).slice(0, 10);

/** Every buying account in scope, with its name (order is the caller's: see the reference). */
export async function accountValues(
  db: Kysely<Database>,
  scope: PurchaseScope,
): Promise<(AccountValue & { readonly accountName: string })[]> {
  const result = await sql<AccountRow>`${perAccount(scope)}`.execute(db);
  return result.rows.map((row) => ({
    accountId: row.account_id,
    accountName: row.account_name,
    valueTier: row.value_tier,
    contracts: num(row.contracts),
    contractValueMinor: num(row.contract_value),
    collectedMinor: num(row.collected),
    firstPurchaseOn: day(row.first_purchase),
    lastPurchaseOn: day(row.last_purchase),
  }));
}

interface TierRow {
  value_tier: string | null;
  accounts: unknown;
  repeat_accounts: unknown;
  contracts: unknown;
  contract_value: unknown;
  collected: unknown;
}

/** Buyers and repeat buyers (two contracts or more) per value tier, in one aggregate. */
export async function repeatPurchaseByTier(
  db: Kysely<Database>,
  scope: PurchaseScope,
): Promise<(RepeatTally & { readonly tier: string | null })[]> {
  const result = await sql<TierRow>`select buyers.value_tier as value_tier,
      count(*) as accounts,
      sum(case when buyers.contracts >= 2 then 1 else 0 end) as repeat_accounts,
      sum(buyers.contracts) as contracts, sum(buyers.contract_value) as contract_value,
      sum(buyers.collected) as collected
    from (${perAccount(scope)}) buyers
    group by buyers.value_tier`.execute(db);
  return result.rows.map((row) => ({
    tier: row.value_tier,
    accounts: num(row.accounts),
    repeatAccounts: num(row.repeat_accounts),
    contracts: num(row.contracts),
    contractValueMinor: num(row.contract_value),
    collectedMinor: num(row.collected),
  }));
}
