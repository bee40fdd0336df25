import type { Contract, ContractLine, Installment } from '../domain/contracts/records.js';
import { addMonths, generatePlan } from '../domain/contracts/payment-plan.js';
import type { PlannedInstallment } from '../domain/contracts/payment-plan.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { allocateLargestRemainder } from '../domain/quotes/allocation.js';
import { idAt } from './ids.js';
import { addDays } from './l2c-dates.js';
import type { L2cClock } from './l2c-dates.js';
import type { Random } from './random.js';

/** A contract line with the contract it belongs to (the domain line is read per contract). */
export interface DemoContractLine extends ContractLine {
  readonly contractId: string;
}

/** An installment with the instants its row needs. */
export interface DemoInstallment extends Installment {
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DemoContractDraft {
  readonly contract: Contract;
  readonly lines: DemoContractLine[];
  /** The plan as signed: nothing collected yet (l2c-receipts.ts collects). */
  readonly installments: DemoInstallment[];
}

/**
 * The contract of one won deal, as a rep would enter it the day after the win: it runs 12
 * months from the won date, copies the deal's product lines (their net amounts scaled so they
 * add up to the deal amount, which is the list total less the negotiated discount) and pays
 * in 1–4 installments that sum to the amount exactly.
 */
export function draftContract(
  random: Random,
  deal: Opportunity,
  number: string,
  clock: L2cClock,
): DemoContractDraft {
  const startDate = (deal.closedAt ?? deal.updatedAt).slice(0, 10);
  const endDate = addMonths(startDate, 12);
  const createdMs = Math.min(
    Date.parse(deal.closedAt ?? deal.updatedAt) + random.int(2, 48) * 3_600_000,
    clock.nowMs,
  );
  const createdAt = new Date(createdMs).toISOString();
  const id = idAt(random, createdMs);
  const amountMinor = deal.amount.amountMinor;
  const contract: Contract = {
    id,
    number,
    accountId: deal.accountId,
    opportunityId: deal.id,
    quoteId: null,
    ownerId: deal.ownerId,
    currency: deal.amount.currency,
    amountMinor,
    startDate,
    endDate,
    signedOn: startDate,
    // A term that is over was fulfilled; one still running is active, and the renewal sweep
    // opens a renewal deal for those ending within the tenant's lead days.
    status: endDate < clock.today ? 'completed' : 'active',
    deliveryStatus: 'not_started',
    recognisedMinor: 0,
    recognitionStatus: 'unrecognised',
    renewalOpportunityId: null,
    notes: null,
    createdBy: deal.ownerId,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
  const nets = allocateLargestRemainder(
    amountMinor,
    deal.products.map((p) => p.amountMinor),
  );
  const lines = deal.products.map((p, index): DemoContractLine => ({
    id: idAt(random, createdMs),
    contractId: id,
    position: index + 1,
    productId: null,
    name: p.name,
    productType: p.productType,
    customisation: p.customisation,
    quantity: p.quantity,
    unitPriceMinor: p.unitPriceMinor,
    amountMinor: nets[index] ?? 0,
  }));
  const installments = paymentPlan(random, amountMinor, startDate).map(
    (planned): DemoInstallment => ({
      id: idAt(random, createdMs),
      contractId: id,
      seq: planned.seq,
      dueDate: planned.dueDate,
      amountMinor: planned.amountMinor,
      collectedMinor: 0,
      status: 'open',
      paidOn: null,
      lastRemindedOn: null,
      version: 1,
      createdAt,
      updatedAt: createdAt,
    }),
  );
  return { contract, lines, installments };
}

/**
 * 1–4 installments within the contract year: one payment a month after signing, or a down
 * payment (half of two, 30 % of three or four) two weeks after signing and the rest in equal
 * parts every 12 / n months; remainders go on the last part (generatePlan), so the plan sums
 * to the amount exactly.
 */
export function paymentPlan(
  random: Random,
  amountMinor: number,
  startDate: string,
): PlannedInstallment[] {
  const wanted = random.weighted([
    [1, 3],
    [2, 3],
    [3, 3],
    [4, 2],
  ] as const);
  const count = amountMinor >= 100 * wanted ? wanted : 1;
  if (count === 1) return [{ seq: 1, dueDate: addDays(startDate, 30), amountMinor }];
  const downPercent = count === 2 ? 50 : 30;
  const down = Math.max(1, Math.round((amountMinor * downPercent) / 100 / 100) * 100);
  const rest = generatePlan(amountMinor - down, {
    count: count - 1,
    everyMonths: 12 / count,
    firstDueDate: addMonths(startDate, 12 / count),
  });
  return [
    { seq: 1, dueDate: addDays(startDate, 14), amountMinor: down },
    ...rest.map((part) => ({ ...part, seq: part.seq + 1 })),
  ];
}
