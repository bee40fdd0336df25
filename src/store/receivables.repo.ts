import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Allocation, Receipt } from '../domain/contracts/records.js';
import type { ReceiptStatus } from '../domain/contracts/receivables.js';
import type { CurrencyCode } from '../domain/money.js';
import type { Visibility } from '../domain/access/scope.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, ReceiptAllocationsTable, ReceiptsTable } from './schema.js';
import { visibleCondition } from './visibility.js';

/**
 * Receipts (回款) and their allocations (核销) to installments (migration 0023). Every
 * balance moves by one conditional UPDATE whose WHERE clause is the invariant itself
 * (ADR 0026): the caller checks the affected row count and rolls back on 0, so two
 * concurrent allocations can never both take the same money.
 */

export function toReceipt(row: Selectable<ReceiptsTable>): Receipt {
  return {
    id: row.id,
    number: row.number,
    accountId: row.account_id,
    contractId: row.contract_id,
    currency: row.currency as CurrencyCode,
    amountMinor: Number(row.amount_minor),
    unappliedMinor: Number(row.unapplied_minor),
    receivedOn: row.received_on,
    method: row.method,
    reference: row.reference,
    status: row.status as ReceiptStatus,
    createdBy: row.created_by,
    createdAt: row.created_at,
    version: row.version,
  };
}

function toAllocation(row: Selectable<ReceiptAllocationsTable>): Allocation {
  return {
    id: row.id,
    receiptId: row.receipt_id,
    installmentId: row.installment_id,
    amountMinor: Number(row.amount_minor),
    allocatedAt: row.allocated_at,
    allocatedBy: row.allocated_by,
    reversedAt: row.reversed_at,
    reversedBy: row.reversed_by,
  };
}

export async function insertReceipt(db: Kysely<Database>, row: Insertable<ReceiptsTable>) {
  await db.insertInto('receipts').values(row).execute();
}

export async function findReceipt(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Receipt | undefined> {
  const row = await db
    .selectFrom('receipts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toReceipt(row);
}

export async function findReceiptByReference(
  db: Kysely<Database>,
  tenantId: string,
  reference: string,
): Promise<Receipt | undefined> {
  const row = await db
    .selectFrom('receipts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row && toReceipt(row);
}

export interface ReceiptFilter {
  readonly accountId: string | null;
  readonly contractId: string | null;
  readonly status: string | null;
  /** Only receipts with money left to allocate. */
  readonly unappliedOnly: boolean;
  /** Whose accounts the reader sees: a receipt is listed only with its account. */
  readonly visibility: Visibility;
}

export async function listReceipts(
  db: Kysely<Database>,
  tenantId: string,
  filter: ReceiptFilter,
  page: PageQuery,
): Promise<Page<Receipt>> {
  let query = db.selectFrom('receipts').selectAll().where('tenant_id', '=', tenantId);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.contractId) query = query.where('contract_id', '=', filter.contractId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.unappliedOnly)
    query = query.where('unapplied_minor', '>', 0).where('status', '!=', 'voided');
  const visible = visibleCondition('accounts', filter.visibility);
  if (visible)
    query = query.where(
      'account_id',
      'in',
      db
        .selectFrom('accounts')
        .select('accounts.id')
        .where('accounts.tenant_id', '=', tenantId)
        .where(visible),
    );
  return toPage(await applyKeyset(query, 'receipts', page).execute(), page, toReceipt);
}

/** Takes `amount` from the receipt's unapplied money if that much is left (and not voided). */
export async function takeFromReceipt(
  db: Kysely<Database>,
  tenantId: string,
  receiptId: string,
  amountMinor: number,
  now: string,
): Promise<boolean> {
  const left = sql<number>`unapplied_minor - ${amountMinor}`;
  const result = await db
    .updateTable('receipts')
    .set({
      unapplied_minor: left,
      status: sql<string>`case when ${left} = 0 then 'applied' else 'partial' end`,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', receiptId)
    .where('status', '!=', 'voided')
    .where('unapplied_minor', '>=', amountMinor)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives a reversed allocation's money back to the receipt (never above its amount). */
export async function returnToReceipt(
  db: Kysely<Database>,
  tenantId: string,
  receiptId: string,
  amountMinor: number,
  now: string,
): Promise<boolean> {
  const left = sql<number>`unapplied_minor + ${amountMinor}`;
  const result = await db
    .updateTable('receipts')
    .set({
      unapplied_minor: left,
      status: sql<string>`case when ${left} = amount_minor then 'unapplied' else 'partial' end`,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', receiptId)
    .where(sql<boolean>`${left} <= amount_minor`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Adds to an installment's collected money if it stays within the installment; the one that
 * completes it records `paidOn` (the receipt's received_on).
 */
export async function applyToInstallment(
  db: Kysely<Database>,
  tenantId: string,
  installmentId: string,
  amountMinor: number,
  paidOn: string,
  now: string,
): Promise<boolean> {
  const collected = sql<number>`collected_minor + ${amountMinor}`;
  const result = await db
    .updateTable('payment_installments')
    .set({
      collected_minor: collected,
      status: sql<string>`case when ${collected} >= amount_minor then 'paid' else 'partial' end`,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', installmentId)
    .where(sql<boolean>`${collected} <= amount_minor`)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  // A separate statement: a bound date inside CASE would be text to PostgreSQL.
  await db
    .updateTable('payment_installments')
    .set({ paid_on: paidOn })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', installmentId)
    .where('status', '=', 'paid')
    .where('paid_on', 'is', null)
    .execute();
  return true;
}

/** Takes a reversed allocation's money off the installment; it is no longer paid. */
export async function releaseFromInstallment(
  db: Kysely<Database>,
  tenantId: string,
  installmentId: string,
  amountMinor: number,
  now: string,
): Promise<boolean> {
  const collected = sql<number>`collected_minor - ${amountMinor}`;
  const result = await db
    .updateTable('payment_installments')
    .set({
      collected_minor: collected,
      status: sql<string>`case when ${collected} = 0 then 'open' else 'partial' end`,
      paid_on: null,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', installmentId)
    .where('collected_minor', '>=', amountMinor)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertAllocation(
  db: Kysely<Database>,
  row: Insertable<ReceiptAllocationsTable>,
): Promise<void> {
  await db.insertInto('receipt_allocations').values(row).execute();
}

export async function findAllocation(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Allocation | undefined> {
  const row = await db
    .selectFrom('receipt_allocations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toAllocation(row);
}

/** Marks an active allocation reversed; false when it already was (a concurrent reversal). */
export async function markReversed(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  by: string | null,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('receipt_allocations')
    .set({ reversed_at: now, reversed_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('reversed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Voids a receipt only while all of it is unapplied, i.e. it has no active allocation. */
export async function voidReceipt(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('receipts')
    .set({ status: 'voided', updated_at: now, version: sql<number>`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '!=', 'voided')
    .whereRef('unapplied_minor', '=', 'amount_minor')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function allocationsOfReceipt(
  db: Kysely<Database>,
  tenantId: string,
  receiptId: string,
): Promise<Allocation[]> {
  const rows = await db
    .selectFrom('receipt_allocations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('receipt_id', '=', receiptId)
    .orderBy('allocated_at')
    .orderBy('id')
    .execute();
  return rows.map(toAllocation);
}

export async function allocationsOfContract(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
): Promise<Allocation[]> {
  const rows = await db
    .selectFrom('receipt_allocations as a')
    .innerJoin('payment_installments as i', (join) =>
      join.onRef('i.tenant_id', '=', 'a.tenant_id').onRef('i.id', '=', 'a.installment_id'),
    )
    .selectAll('a')
    .where('a.tenant_id', '=', tenantId)
    .where('i.contract_id', '=', contractId)
    .orderBy('a.allocated_at')
    .orderBy('a.id')
    .execute();
  return rows.map(toAllocation);
}
