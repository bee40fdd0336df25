import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  ContractStatus,
  DeliveryStatus,
  OrderStatus,
  RecognitionStatus,
} from '../domain/contracts/contract.js';
import type {
  Contract,
  ContractLine,
  Installment,
  Order,
  Recognition,
} from '../domain/contracts/records.js';
import type { InstallmentStatus } from '../domain/contracts/receivables.js';
import type { CurrencyCode } from '../domain/money.js';
import { isPostgres } from './migrations/columns.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type {
  ContractLinesTable,
  ContractsTable,
  Database,
  OrdersTable,
  PaymentInstallmentsTable,
} from './schema.js';

/** Contracts, their lines, payment plans, orders and recognitions (migration 0023). */

export function toContract(row: Selectable<ContractsTable>): Contract {
  return {
    id: row.id,
    number: row.number,
    accountId: row.account_id,
    opportunityId: row.opportunity_id,
    quoteId: row.quote_id,
    ownerId: row.owner_id,
    currency: row.currency as CurrencyCode,
    amountMinor: Number(row.amount_minor),
    startDate: row.start_date,
    endDate: row.end_date,
    signedOn: row.signed_on,
    status: row.status as ContractStatus,
    deliveryStatus: row.delivery_status as DeliveryStatus,
    recognisedMinor: Number(row.recognised_minor),
    recognitionStatus: row.recognition_status as RecognitionStatus,
    renewalOpportunityId: row.renewal_opportunity_id,
    notes: row.notes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toInstallment(row: Selectable<PaymentInstallmentsTable>): Installment {
  return {
    id: row.id,
    contractId: row.contract_id,
    seq: row.seq,
    dueDate: row.due_date,
    amountMinor: Number(row.amount_minor),
    collectedMinor: Number(row.collected_minor),
    status: row.status as InstallmentStatus,
    paidOn: row.paid_on,
    lastRemindedOn: row.last_reminded_on,
    version: row.version,
  };
}

function toLine(row: Selectable<ContractLinesTable>): ContractLine {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    name: row.name,
    productType: row.product_type,
    customisation: row.customisation,
    quantity: row.quantity,
    unitPriceMinor: Number(row.unit_price_minor),
    amountMinor: Number(row.amount_minor),
  };
}

function toOrder(row: Selectable<OrdersTable>): Order {
  return {
    id: row.id,
    contractId: row.contract_id,
    number: row.number,
    description: row.description,
    amountMinor: Number(row.amount_minor),
    status: row.status as OrderStatus,
    plannedOn: row.planned_on,
    deliveredOn: row.delivered_on,
    acceptedOn: row.accepted_on,
    createdAt: row.created_at,
    version: row.version,
  };
}

/**
 * The next number of a per-tenant series ("C-000042"): one more than the highest. Two
 * writers may pick the same one; the unique key refuses the second and the service retries.
 */
export async function nextSequence(
  db: Kysely<Database>,
  tenantId: string,
  table: 'contracts' | 'orders' | 'receipts',
): Promise<number> {
  // PostgreSQL: one numbering transaction per tenant and series at a time (held to commit),
  // so concurrent creates queue here instead of colliding on the unique key. SQLite runs
  // one write transaction at a time anyway.
  if (isPostgres(db))
    await sql`select pg_advisory_xact_lock(hashtext(${`${tenantId}:${table}`}))`.execute(db);
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('number').as('last'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const last = row?.last ? Number(String(row.last).slice(2)) : 0;
  return (Number.isFinite(last) ? last : 0) + 1;
}

export async function insertContract(
  db: Kysely<Database>,
  row: Insertable<ContractsTable>,
  lines: readonly Insertable<ContractLinesTable>[],
  installments: readonly Insertable<PaymentInstallmentsTable>[],
): Promise<void> {
  await db.insertInto('contracts').values(row).execute();
  if (lines.length > 0)
    await db
      .insertInto('contract_lines')
      .values([...lines])
      .execute();
  if (installments.length > 0)
    await db
      .insertInto('payment_installments')
      .values([...installments])
      .execute();
}

export async function findContract(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Contract | undefined> {
  const row = await db
    .selectFrom('contracts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toContract(row);
}

export async function findContractOfDeal(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Contract | undefined> {
  const row = await db
    .selectFrom('contracts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  return row && toContract(row);
}

export interface ContractFilter {
  readonly accountId: string | null;
  readonly ownerId: string | null;
  readonly status: string | null;
  readonly endingBefore: string | null;
  /** null: every owner; otherwise only these owners' contracts (visibility). */
  readonly ownerIds: readonly string[] | null;
}

export async function listContracts(
  db: Kysely<Database>,
  tenantId: string,
  filter: ContractFilter,
  page: PageQuery,
): Promise<Page<Contract>> {
  let query = db.selectFrom('contracts').selectAll().where('tenant_id', '=', tenantId);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.endingBefore) query = query.where('end_date', '<', filter.endingBefore);
  if (filter.ownerIds) {
    if (filter.ownerIds.length === 0) return { items: [], nextCursor: null };
    query = query.where('owner_id', 'in', [...filter.ownerIds]);
  }
  return toPage(await applyKeyset(query, 'contracts', page).execute(), page, toContract);
}

/** Saves edited contract fields if the version is still the one read; false when stale. */
export async function updateContract(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<
    Pick<ContractsTable, 'start_date' | 'end_date' | 'signed_on' | 'notes' | 'owner_id' | 'status'>
  >,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('contracts')
    .set({ ...changes, updated_at: now, version: sql<number>`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A derived state (delivery): stored without moving the version the editors hold. */
export async function setDeliveryStatus(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  status: DeliveryStatus,
  now: string,
): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ delivery_status: status, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function listLines(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
): Promise<ContractLine[]> {
  const rows = await db
    .selectFrom('contract_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('contract_id', '=', contractId)
    .orderBy('position')
    .execute();
  return rows.map(toLine);
}

export async function listInstallments(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
): Promise<Installment[]> {
  const rows = await db
    .selectFrom('payment_installments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('contract_id', '=', contractId)
    .orderBy('seq')
    .execute();
  return rows.map(toInstallment);
}

export async function findInstallment(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Installment | undefined> {
  const row = await db
    .selectFrom('payment_installments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toInstallment(row);
}

/**
 * Replaces the plan, but only while nothing is collected on any installment: the delete is
 * conditional, so an allocation committed meanwhile makes it delete fewer rows and the caller
 * rolls back instead of dropping collected money.
 */
export async function replaceInstallments(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
  expectedCount: number,
  installments: readonly Insertable<PaymentInstallmentsTable>[],
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('payment_installments')
    .where('tenant_id', '=', tenantId)
    .where('contract_id', '=', contractId)
    .where('collected_minor', '=', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('receipt_allocations')
            .select('receipt_allocations.id')
            .whereRef('receipt_allocations.tenant_id', '=', 'payment_installments.tenant_id')
            .whereRef('receipt_allocations.installment_id', '=', 'payment_installments.id'),
        ),
      ),
    )
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== expectedCount) return false;
  await db
    .insertInto('payment_installments')
    .values([...installments])
    .execute();
  return true;
}

export async function markReminded(
  db: Kysely<Database>,
  tenantId: string,
  installmentId: string,
  on: string,
): Promise<boolean> {
  const result = await db
    .updateTable('payment_installments')
    .set({ last_reminded_on: on })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', installmentId)
    .where((eb) => eb.or([eb('last_reminded_on', 'is', null), eb('last_reminded_on', '<', on)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A tenant's open or partly paid installments due before `today` (the reminder sweep). */
export async function overdueInstallments(
  db: Kysely<Database>,
  tenantId: string,
  today: string,
  limit: number,
) {
  return db
    .selectFrom('payment_installments as i')
    .innerJoin('contracts as c', (join) =>
      join.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.id', '=', 'i.contract_id'),
    )
    .select([
      'i.tenant_id as tenantId',
      'i.id as installmentId',
      'i.seq as seq',
      'i.due_date as dueDate',
      'i.amount_minor as amountMinor',
      'i.collected_minor as collectedMinor',
      'i.last_reminded_on as lastRemindedOn',
      'c.id as contractId',
      'c.number as contractNumber',
      'c.owner_id as ownerId',
      'c.opportunity_id as opportunityId',
      'c.currency as currency',
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.status', 'in', ['open', 'partial'])
    .where('i.due_date', '<', today)
    .where('c.status', '=', 'active')
    .orderBy('i.due_date')
    .limit(limit)
    .execute();
}

// Orders (O2D)

export async function insertOrder(db: Kysely<Database>, row: Insertable<OrdersTable>) {
  await db.insertInto('orders').values(row).execute();
}

export async function findOrder(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Order | undefined> {
  const row = await db
    .selectFrom('orders')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOrder(row);
}

export async function listOrders(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('contract_id', '=', contractId)
    .orderBy('number')
    .execute();
  return rows.map(toOrder);
}

export async function updateOrderStatus(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Pick<OrdersTable, 'status'> & Partial<Pick<OrdersTable, 'delivered_on' | 'accepted_on'>>,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('orders')
    .set({ ...changes, updated_at: now, version: sql<number>`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// Revenue recognition (确收)

/** Adds to the recognised total only if it stays within the contract amount (ADR 0026). */
export async function addRecognised(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
  amountMinor: number,
  now: string,
): Promise<boolean> {
  const total = sql<number>`recognised_minor + ${amountMinor}`;
  const result = await db
    .updateTable('contracts')
    .set({
      recognised_minor: total,
      recognition_status: sql<string>`case when ${total} >= amount_minor then 'recognised' else 'partial' end`,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', contractId)
    .where(sql<boolean>`${total} <= amount_minor`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertRecognition(
  db: Kysely<Database>,
  row: Recognition & { tenantId: string },
) {
  await db
    .insertInto('revenue_recognitions')
    .values({
      tenant_id: row.tenantId,
      id: row.id,
      contract_id: row.contractId,
      order_id: row.orderId,
      recognised_on: row.recognisedOn,
      amount_minor: row.amountMinor,
      created_by: row.createdBy,
      created_at: row.createdAt,
    })
    .execute();
}

export async function listRecognitions(
  db: Kysely<Database>,
  tenantId: string,
  contractId: string,
): Promise<Recognition[]> {
  const rows = await db
    .selectFrom('revenue_recognitions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('contract_id', '=', contractId)
    .orderBy('recognised_on')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    contractId: row.contract_id,
    orderId: row.order_id,
    recognisedOn: row.recognised_on,
    amountMinor: Number(row.amount_minor),
    createdBy: row.created_by,
    createdAt: row.created_at,
  }));
}
