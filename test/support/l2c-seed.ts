import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

/**
 * Contracts, installments, receipts and allocations written straight into the store, for
 * the lifecycle suites: they need a contract in a given state (ending on a given day,
 * partly paid, with a reversed allocation), not the contract workflow that makes one.
 */
export interface SeedContract {
  readonly tenantId: string;
  readonly accountId: string;
  /** Any deal of the tenant (one contract per deal). */
  readonly opportunityId: string;
  readonly ownerId: string;
  readonly amountMinor: number;
  readonly currency?: string;
  readonly startDate?: string;
  readonly endDate: string;
  readonly signedOn?: string | null;
  readonly status?: 'active' | 'completed' | 'terminated';
  readonly number?: string;
}

let sequence = 0;
const at = '2026-01-01T00:00:00.000Z';
const versioned = { created_at: at, updated_at: at, version: 1 };

export async function seedContract(db: Kysely<Database>, seed: SeedContract): Promise<string> {
  const id = randomUUID();
  sequence += 1;
  await db
    .insertInto('contracts')
    .values({
      tenant_id: seed.tenantId,
      id,
      number: seed.number ?? `C-${String(900_000 + sequence)}`,
      account_id: seed.accountId,
      opportunity_id: seed.opportunityId,
      quote_id: null,
      owner_id: seed.ownerId,
      currency: seed.currency ?? 'CNY',
      amount_minor: seed.amountMinor,
      start_date: seed.startDate ?? '2026-01-01',
      end_date: seed.endDate,
      signed_on: seed.signedOn ?? null,
      status: seed.status ?? 'active',
      delivery_status: 'not_started',
      recognised_minor: 0,
      recognition_status: 'unrecognised',
      renewal_opportunity_id: null,
      notes: null,
      created_by: null,
      ...versioned,
    })
    .execute();
  return id;
}

/**
 * One installment of the contract for `amountMinor` and one receipt paying it through the
 * given allocations (`reversed` ones were taken back); installment totals follow the
 * active allocations, as the posting service keeps them.
 */
export async function seedPayment(
  db: Kysely<Database>,
  contract: { tenantId: string; contractId: string; accountId: string; currency?: string },
  installment: { seq: number; amountMinor: number; dueDate: string },
  allocations: readonly { amountMinor: number; reversed?: boolean }[],
): Promise<void> {
  const tenant = { tenant_id: contract.tenantId };
  const installmentId = randomUUID();
  const collected = allocations
    .filter((a) => !a.reversed)
    .reduce((sum, a) => sum + a.amountMinor, 0);
  await db
    .insertInto('payment_installments')
    .values({
      ...tenant,
      id: installmentId,
      contract_id: contract.contractId,
      seq: installment.seq,
      due_date: installment.dueDate,
      amount_minor: installment.amountMinor,
      collected_minor: collected,
      status: collected === 0 ? 'open' : collected >= installment.amountMinor ? 'paid' : 'partial',
      paid_on: collected >= installment.amountMinor ? installment.dueDate : null,
      last_reminded_on: null,
      ...versioned,
    })
    .execute();
  const total = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
  const receiptId = randomUUID();
  sequence += 1;
  await db
    .insertInto('receipts')
    .values({
      ...tenant,
      id: receiptId,
      number: `R-${String(900_000 + sequence)}`,
      account_id: contract.accountId,
      contract_id: contract.contractId,
      currency: contract.currency ?? 'CNY',
      amount_minor: total,
      unapplied_minor: total - collected,
      received_on: installment.dueDate,
      method: null,
      reference: null,
      status: collected === total ? 'applied' : 'partial',
      created_by: null,
      ...versioned,
    })
    .execute();
  for (const allocation of allocations)
    await db
      .insertInto('receipt_allocations')
      .values({
        ...tenant,
        id: randomUUID(),
        receipt_id: receiptId,
        installment_id: installmentId,
        amount_minor: allocation.amountMinor,
        allocated_at: at,
        allocated_by: null,
        reversed_at: allocation.reversed ? '2026-01-02T00:00:00.000Z' : null,
        reversed_by: null,
      })
      .execute();
}
