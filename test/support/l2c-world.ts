import type { Insertable, Kysely } from 'kysely';
import type { LeadToCashDeal } from '../../src/domain/analytics/lead-to-cash.js';
import type {
  ReceivableAllocation,
  ReceivableContract,
  ReceivableInstallment,
  ReceivableReceipt,
  ReceivablesFacts,
} from '../../src/domain/analytics/receivables.js';
import { addDays } from '../../src/domain/analytics/period.js';
import type { Database } from '../../src/store/schema.js';
import { generateWorld, random } from './analytics-world.js';
import type { World } from './analytics-world.js';
import { loadWorld } from './analytics-load.js';
import type { LoadedWorld } from './analytics-load.js';

/**
 * Random but consistent lead-to-cash histories for the receivables reports: an analytics
 * world (leads with sources → deals) plus, for most won deals, a contract with a payment
 * plan, receipts and their allocations (核销) — partial payments, receipts spread over
 * several installments, reversed allocations, voided receipts, unapplied remainders,
 * terminated contracts, a second currency and pipeline. Installment totals (collected,
 * status, paid_on) are derived from the active allocations exactly as the posting service
 * keeps them, so the reports may read either.
 */
export interface WorldContract extends ReceivableContract {
  readonly number: string;
}

export interface WorldReceipt extends ReceivableReceipt {
  readonly accountId: string;
  readonly contractId: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly unappliedMinor: number;
}

export interface WorldInstallment extends ReceivableInstallment {
  readonly seq: number;
}

export interface L2cWorld extends World {
  /** Today in the tenant's zone (Asia/Shanghai). */
  readonly today: string;
  readonly contracts: readonly WorldContract[];
  readonly installments: readonly WorldInstallment[];
  readonly receipts: readonly WorldReceipt[];
  readonly allocations: readonly (ReceivableAllocation & { readonly allocatedAt: string })[];
}

const DAY = 86_400_000;

export function generateL2cWorld(options: { seed: number; deals: number }): L2cWorld {
  const world = generateWorld(options);
  const r = random(options.seed ^ 0x5eed);
  const today = '2026-06-30';
  const contracts: WorldContract[] = [];
  const installments: WorldInstallment[] = [];
  const receipts: WorldReceipt[] = [];
  const allocations: (ReceivableAllocation & { allocatedAt: string })[] = [];
  let n = 0;
  const id = (prefix: string) =>
    `${prefix}-${options.seed.toString(36)}-${(n++).toString(36).padStart(5, '0')}`;
  for (const deal of world.deals) {
    if (deal.status !== 'won' || deal.closedAt === null || r.chance(0.15)) continue;
    const contract: WorldContract = {
      id: id('ctr'),
      number: `C-${String(contracts.length + 1).padStart(6, '0')}`,
      accountId: deal.accountId,
      // Now and then the contract's owner is not the deal's: reports attribute to the contract.
      ownerId: r.chance(0.8) ? deal.ownerId : r.pick(world.owners).id,
      opportunityId: deal.id,
      currency: deal.currency,
      status: r.chance(0.08) ? 'terminated' : 'active',
    };
    const signed = deal.closedAt.slice(0, 10);
    const plan: { id: string; seq: number; dueDate: string; amountMinor: number }[] = [];
    let due = addDays(signed, r.int(-5, 30));
    for (let seq = 1, count = r.int(1, 4); seq <= count; seq++) {
      plan.push({
        id: id('inst'),
        seq,
        dueDate: due,
        amountMinor: r.int(1, 200) * 5_000 + r.int(0, 99),
      });
      due = addDays(due, r.pick([0, 30, 31, 45, 60, 90, 91]));
    }
    const collected = new Map(plan.map((p) => [p.id, 0]));
    const paidOn = new Map<string, string>();
    // Receipts in date order; each is applied to the earliest installments still owed.
    let day = addDays(plan[0]?.dueDate ?? signed, r.int(-20, 10));
    while (r.chance(0.85)) {
      day = addDays(day, r.int(0, 70));
      if (day > today) break;
      const owed = plan.filter((p) => (collected.get(p.id) ?? 0) < p.amountMinor);
      const first = owed[0];
      if (!first) break;
      const left = (p: (typeof plan)[number]) => p.amountMinor - (collected.get(p.id) ?? 0);
      const kind = r.next();
      let amount =
        kind < 0.45
          ? left(first)
          : kind < 0.7
            ? Math.max(1, Math.floor((left(first) * r.int(20, 80)) / 100))
            : left(first) +
              (owed[1] ? Math.max(1, Math.floor((left(owed[1]) * r.int(30, 100)) / 100)) : 0);
      const extra = r.chance(0.1) ? r.int(1, 50_000) : 0;
      amount += extra;
      const voided = r.chance(0.05);
      const receiptId = id('rcpt');
      let remaining = amount;
      let unapplied = amount;
      for (const p of owed) {
        if (remaining - extra <= 0) break;
        const part = Math.min(left(p), remaining - extra);
        remaining -= part;
        const reversed = voided || r.chance(0.1);
        const allocatedAt = `${day}T03:00:00.000Z`;
        allocations.push({
          receiptId,
          installmentId: p.id,
          amountMinor: part,
          allocatedAt,
          reversedAt: reversed
            ? new Date(Date.parse(allocatedAt) + r.int(1, 20) * DAY).toISOString()
            : null,
        });
        if (reversed) continue;
        unapplied -= part;
        collected.set(p.id, (collected.get(p.id) ?? 0) + part);
        if ((collected.get(p.id) ?? 0) === p.amountMinor) paidOn.set(p.id, day);
      }
      receipts.push({
        id: receiptId,
        accountId: contract.accountId,
        contractId: contract.id,
        currency: contract.currency,
        amountMinor: amount,
        unappliedMinor: unapplied,
        receivedOn: day,
        status: voided
          ? 'voided'
          : unapplied === 0
            ? 'applied'
            : unapplied === amount
              ? 'unapplied'
              : 'partial',
      });
    }
    for (const p of plan) {
      const got = collected.get(p.id) ?? 0;
      installments.push({
        ...p,
        contractId: contract.id,
        collectedMinor: got,
        status: got === p.amountMinor ? 'paid' : got > 0 ? 'partial' : 'open',
        paidOn: got === p.amountMinor ? (paidOn.get(p.id) ?? null) : null,
      });
    }
    const allPaid = plan.every((p) => (collected.get(p.id) ?? 0) === p.amountMinor);
    contracts.push(
      contract.status === 'active' && allPaid ? { ...contract, status: 'completed' } : contract,
    );
  }
  return { ...world, today, contracts, installments, receipts, allocations };
}

export interface L2cScope {
  readonly currency?: string;
  readonly pipelineId?: string;
  /** null or absent: every owner. */
  readonly ownerIds?: readonly string[] | null;
}

/** The receivables facts a report with these filters may count (the references' input). */
export function receivablesFacts(world: L2cWorld, scope: L2cScope = {}): ReceivablesFacts {
  const pipelineOf = new Map(world.deals.map((deal) => [deal.id, deal.pipelineId]));
  const contracts = world.contracts.filter(
    (c) =>
      (scope.currency === undefined || c.currency === scope.currency) &&
      (scope.pipelineId === undefined || pipelineOf.get(c.opportunityId) === scope.pipelineId) &&
      (scope.ownerIds == null || scope.ownerIds.includes(c.ownerId)),
  );
  const ids = new Set(contracts.map((c) => c.id));
  return {
    contracts,
    installments: world.installments.filter((i) => ids.has(i.contractId)),
    receipts: world.receipts,
    allocations: world.allocations,
  };
}

/** The deals converted from a lead, for the lead-to-cash reference. */
export function leadToCashDeals(world: L2cWorld): LeadToCashDeal[] {
  const leads = new Map(world.leads.map((lead) => [lead.id, lead]));
  return world.deals.flatMap((deal) => {
    const lead = deal.sourceLeadId === null ? undefined : leads.get(deal.sourceLeadId);
    if (!lead) return [];
    return [
      {
        opportunityId: deal.id,
        leadSource: lead.source,
        leadCreatedAt: lead.createdAt,
        wonAt: deal.status === 'won' ? deal.closedAt : null,
      },
    ];
  });
}

async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 100)
    await db
      .insertInto(table)
      .values(rows.slice(start, start + 100))
      .execute();
}

/** Loads the analytics world, then the contracts, plans, receipts and allocations. */
export async function loadL2cWorld(db: Kysely<Database>, world: L2cWorld): Promise<LoadedWorld> {
  const loaded = await loadWorld(db, world);
  const t = { tenant_id: loaded.tenantId };
  const at = world.now;
  const versioned = { created_at: at, updated_at: at, version: 1 };
  const contractOf = new Map(world.contracts.map((c) => [c.id, c]));
  const amountOf = new Map<string, number>();
  for (const i of world.installments)
    amountOf.set(i.contractId, (amountOf.get(i.contractId) ?? 0) + i.amountMinor);
  await insertAll(
    db,
    'contracts',
    world.contracts.map((c) => ({
      ...t,
      id: c.id,
      number: c.number,
      account_id: c.accountId,
      opportunity_id: c.opportunityId,
      quote_id: null,
      owner_id: c.ownerId,
      currency: c.currency,
      amount_minor: amountOf.get(c.id) ?? 0,
      start_date: '2025-01-01',
      end_date: '2027-12-31',
      signed_on: null,
      status: c.status,
      delivery_status: 'not_started',
      recognised_minor: 0,
      recognition_status: 'unrecognised',
      renewal_opportunity_id: null,
      notes: null,
      created_by: null,
      ...versioned,
    })),
  );
  await insertAll(
    db,
    'payment_installments',
    world.installments.map((i) => ({
      ...t,
      id: i.id,
      contract_id: i.contractId,
      seq: i.seq,
      due_date: i.dueDate,
      amount_minor: i.amountMinor,
      collected_minor: i.collectedMinor,
      status: i.status,
      paid_on: i.paidOn,
      last_reminded_on: null,
      ...versioned,
    })),
  );
  await insertAll(
    db,
    'receipts',
    world.receipts.map((receipt, index) => ({
      ...t,
      id: receipt.id,
      number: `R-${String(index + 1).padStart(6, '0')}`,
      account_id: receipt.accountId,
      contract_id: contractOf.has(receipt.contractId) ? receipt.contractId : null,
      currency: receipt.currency,
      amount_minor: receipt.amountMinor,
      unapplied_minor: receipt.unappliedMinor,
      received_on: receipt.receivedOn,
      method: null,
      reference: null,
      status: receipt.status,
      created_by: null,
      ...versioned,
    })),
  );
  await insertAll(
    db,
    'receipt_allocations',
    world.allocations.map((a, index) => ({
      ...t,
      id: `alloc-${String(index).padStart(6, '0')}`,
      receipt_id: a.receiptId,
      installment_id: a.installmentId,
      amount_minor: a.amountMinor,
      allocated_at: a.allocatedAt,
      allocated_by: null,
      reversed_at: a.reversedAt,
      reversed_by: null,
    })),
  );
  return loaded;
}
