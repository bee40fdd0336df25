import type { Kysely } from 'kysely';
import type { DemoLeadToCash } from '../demo/l2c.js';
import { bulkInsert } from '../store/bulk.repo.js';
import { insertQuote } from '../store/quotes.repo.js';
import type { Database } from '../store/schema.js';

/**
 * Writes a chunk's lead-to-cash records (src/demo/l2c.ts) in the caller's transaction, with
 * the balances already consistent (collected = Σ allocations, unapplied = amount − Σ, …), so
 * no posting service runs: like the rest of the demo, bulk inserts without audit entries.
 * Contracts before what refers to them; quotes are few, so they go through the quote store.
 */
export async function writeLeadToCash(
  trx: Kysely<Database>,
  tenantId: string,
  l2c: DemoLeadToCash,
): Promise<void> {
  const t = { tenant_id: tenantId };
  await bulkInsert(
    trx,
    'contracts',
    l2c.contracts.map((c) => ({
      ...t,
      id: c.id,
      number: c.number,
      account_id: c.accountId,
      opportunity_id: c.opportunityId,
      quote_id: c.quoteId,
      owner_id: c.ownerId,
      currency: c.currency,
      amount_minor: c.amountMinor,
      start_date: c.startDate,
      end_date: c.endDate,
      signed_on: c.signedOn,
      status: c.status,
      delivery_status: c.deliveryStatus,
      recognised_minor: c.recognisedMinor,
      recognition_status: c.recognitionStatus,
      renewal_opportunity_id: c.renewalOpportunityId,
      notes: c.notes,
      created_by: c.createdBy,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      version: c.version,
    })),
  );
  await bulkInsert(
    trx,
    'contract_lines',
    l2c.lines.map((l) => ({
      ...t,
      id: l.id,
      contract_id: l.contractId,
      position: l.position,
      product_id: l.productId,
      name: l.name,
      product_type: l.productType,
      customisation: l.customisation,
      quantity: l.quantity,
      unit_price_minor: l.unitPriceMinor,
      amount_minor: l.amountMinor,
    })),
  );
  await bulkInsert(
    trx,
    'payment_installments',
    l2c.installments.map((i) => ({
      ...t,
      id: i.id,
      contract_id: i.contractId,
      seq: i.seq,
      due_date: i.dueDate,
      amount_minor: i.amountMinor,
      collected_minor: i.collectedMinor,
      status: i.status,
      paid_on: i.paidOn,
      last_reminded_on: i.lastRemindedOn,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      version: i.version,
    })),
  );
  await bulkInsert(
    trx,
    'orders',
    l2c.orders.map((o) => ({
      ...t,
      id: o.id,
      contract_id: o.contractId,
      number: o.number,
      description: o.description,
      amount_minor: o.amountMinor,
      status: o.status,
      planned_on: o.plannedOn,
      delivered_on: o.deliveredOn,
      accepted_on: o.acceptedOn,
      created_at: o.createdAt,
      updated_at: o.createdAt,
      version: o.version,
    })),
  );
  await bulkInsert(
    trx,
    'receipts',
    l2c.receipts.map((r) => ({
      ...t,
      id: r.id,
      number: r.number,
      account_id: r.accountId,
      contract_id: r.contractId,
      currency: r.currency,
      amount_minor: r.amountMinor,
      unapplied_minor: r.unappliedMinor,
      received_on: r.receivedOn,
      method: r.method,
      reference: r.reference,
      status: r.status,
      created_by: r.createdBy,
      created_at: r.createdAt,
      updated_at: r.createdAt,
      version: r.version,
    })),
  );
  await bulkInsert(
    trx,
    'receipt_allocations',
    l2c.allocations.map((a) => ({
      ...t,
      id: a.id,
      receipt_id: a.receiptId,
      installment_id: a.installmentId,
      amount_minor: a.amountMinor,
      allocated_at: a.allocatedAt,
      allocated_by: a.allocatedBy,
      reversed_at: a.reversedAt,
      reversed_by: a.reversedBy,
    })),
  );
  await bulkInsert(
    trx,
    'revenue_recognitions',
    l2c.recognitions.map((r) => ({
      ...t,
      id: r.id,
      contract_id: r.contractId,
      order_id: r.orderId,
      recognised_on: r.recognisedOn,
      amount_minor: r.amountMinor,
      created_by: r.createdBy,
      created_at: r.createdAt,
    })),
  );
  for (const quote of l2c.quotes) await insertQuote(trx, tenantId, quote);
}
