import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { Database } from './schema.js';
import { visibleCondition } from './visibility.js';

/** What the lifecycle needs of a contract: whose it is, how much, when it ends. */
export interface LineageContract {
  readonly id: string;
  readonly number: string;
  readonly accountId: string;
  readonly ownerId: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly endDate: string;
  readonly status: string;
  readonly renewalOpportunityId: string | null;
  readonly version: number;
}

const contractColumns = [
  'id',
  'number',
  'account_id',
  'owner_id',
  'currency',
  'amount_minor',
  'end_date',
  'status',
  'renewal_opportunity_id',
  'version',
] as const;

function toLineageContract(row: {
  id: string;
  number: string;
  account_id: string;
  owner_id: string;
  currency: string;
  amount_minor: number | string;
  end_date: string;
  status: string;
  renewal_opportunity_id: string | null;
  version: number;
}): LineageContract {
  return {
    id: row.id,
    number: row.number,
    accountId: row.account_id,
    ownerId: row.owner_id,
    currency: row.currency,
    // pg returns bigint as a string; contract amounts stay far below 2^53.
    amountMinor: Number(row.amount_minor),
    endDate: String(row.end_date).slice(0, 10),
    status: row.status,
    renewalOpportunityId: row.renewal_opportunity_id,
    version: row.version,
  };
}

export async function findLineageContract(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<LineageContract | undefined> {
  const row = await db
    .selectFrom('contracts')
    .select(contractColumns)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toLineageContract(row) : undefined;
}

/**
 * Active contracts not yet renewed whose end date is on or before `horizon`, in (end date,
 * id) order after the keyset `after` — one batch of the renewal sweep. Served by the
 * (tenant_id, end_date) index of 0023.
 */
export async function dueRenewalContracts(
  db: Kysely<Database>,
  tenantId: string,
  options: { horizon: string; after: { endDate: string; id: string } | null; limit: number },
): Promise<LineageContract[]> {
  let query = db
    .selectFrom('contracts')
    .select(contractColumns)
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('renewal_opportunity_id', 'is', null)
    .where('end_date', '<=', options.horizon);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('end_date', '>', after.endDate),
        eb.and([eb('end_date', '=', after.endDate), eb('id', '>', after.id)]),
      ]),
    );
  const rows = await query.orderBy('end_date').orderBy('id').limit(options.limit).execute();
  return rows.map(toLineageContract);
}

/**
 * Links the renewal deal to its contract if no one did yet: the conditional UPDATE is the
 * lock that makes a repeated or concurrent sweep open one renewal per contract (the loser
 * updates no row and rolls its deal back). The version moves on, so an edit of the contract
 * read before the link answers 409 instead of writing the link away.
 */
export async function linkRenewal(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
  opportunityId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('contracts')
    .set((eb) => ({
      renewal_opportunity_id: opportunityId,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', contractId)
    .where('renewal_opportunity_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** One currency of an account's purchases, over its whole life. */
export interface LifetimeByCurrency {
  readonly currency: string;
  readonly contracts: number;
  readonly contractValueMinor: number;
  readonly collectedMinor: number;
  readonly firstPurchaseOn: string;
  readonly lastPurchaseOn: string;
}

/**
 * An account's contracts per currency (amounts are never added across currencies): count,
 * value, cash collected on them (active allocations) and the first and last purchase day
 * (signing day, else start date) — the same definitions as the customer-value report.
 */
export async function accountLifetime(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
): Promise<LifetimeByCurrency[]> {
  const purchased = sql`coalesce(contracts.signed_on, contracts.start_date)`;
  const result = await sql<{
    currency: string;
    contracts: unknown;
    contract_value: unknown;
    collected: unknown;
    first_purchase: unknown;
    last_purchase: unknown;
  }>`select contracts.currency as currency, count(*) as contracts,
      sum(contracts.amount_minor) as contract_value,
      sum(coalesce(cash.collected, 0)) as collected,
      min(${purchased}) as first_purchase, max(${purchased}) as last_purchase
    from contracts
    left join (
      select payment_installments.contract_id as contract_id,
        sum(receipt_allocations.amount_minor) as collected
      from receipt_allocations
      join payment_installments on payment_installments.tenant_id = receipt_allocations.tenant_id
        and payment_installments.id = receipt_allocations.installment_id
      where receipt_allocations.tenant_id = ${tenantId}
        and receipt_allocations.reversed_at is null
      group by payment_installments.contract_id
    ) cash on cash.contract_id = contracts.id
    where contracts.tenant_id = ${tenantId} and contracts.account_id = ${accountId}
    group by contracts.currency
    order by contracts.currency`.execute(db);
  return result.rows.map((row) => ({
    currency: row.currency,
    contracts: Number(row.contracts),
    contractValueMinor: Number(row.contract_value ?? 0),
    collectedMinor: Number(row.collected ?? 0),
    firstPurchaseOn: String(row.first_purchase).slice(0, 10),
    lastPurchaseOn: String(row.last_purchase).slice(0, 10),
  }));
}

/** The account's live deals the reader may see, per kind and status. */
export async function dealsByKind(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
  visibility: Visibility,
): Promise<{ dealKind: string; status: string; count: number }[]> {
  const visible = visibleCondition('opportunities', visibility);
  const rows = await db
    .selectFrom('opportunities')
    .$if(visible !== null, (query) => query.where(visible ?? sql<boolean>`1 = 1`))
    .select((eb) => ['deal_kind', 'status', eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .groupBy(['deal_kind', 'status'])
    .execute();
  return rows.map((row) => ({
    dealKind: row.deal_kind,
    status: row.status,
    count: Number(row.count),
  }));
}
