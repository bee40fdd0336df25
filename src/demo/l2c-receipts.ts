import type { Contract, Allocation, Receipt } from '../domain/contracts/records.js';
import { installmentStatus, receiptStatus } from '../domain/contracts/receivables.js';
import { idAt } from './ids.js';
import type { DemoInstallment } from './l2c-contracts.js';
import { addDays, atOn, daysFrom, maxDate, minDate } from './l2c-dates.js';
import type { L2cClock } from './l2c-dates.js';
import type { Random } from './random.js';

export interface DemoCollection {
  /** The plan after collection: collected, status and paid_on follow the allocations. */
  readonly installments: DemoInstallment[];
  /** Numbered and given bank references later, in the order they were received. */
  readonly receipts: Receipt[];
  readonly allocations: Allocation[];
}

export interface CollectionState {
  /** Whether the one over-payment of the demo was made already. */
  overpaid: boolean;
}

/**
 * How a customer paid a contract's plan up to today. Most installments that fell due were
 * paid around their due date; some only in part and some not at all — fewer the older they
 * are (people chase old debts), more after an earlier miss — so the aging report has money
 * in every bucket. A few customers pay early. Once in the demo a customer pays more than the
 * last installment of a contract: the rest stays unapplied on the receipt, as a clerk would
 * find it. One receipt per payment, allocated to its installment in full.
 */
export function collectPlan(
  random: Random,
  contract: Contract,
  plan: readonly DemoInstallment[],
  clock: L2cClock,
  state: CollectionState,
): DemoCollection {
  const installments: DemoInstallment[] = [];
  const receipts: Receipt[] = [];
  const allocations: Allocation[] = [];
  let behind = false;
  for (const installment of plan) {
    const overdueDays = daysFrom(installment.dueDate, clock.today);
    const outcome =
      overdueDays < 0
        ? random.chance(0.06)
          ? 'paid'
          : 'open'
        : pastDue(random, overdueDays, behind);
    if (outcome === 'open' || installment.amountMinor < 2) {
      if (overdueDays >= 0) behind = true;
      installments.push(installment);
      continue;
    }
    const receivedOn =
      overdueDays < 0
        ? addDays(maxDate(contract.startDate, addDays(installment.dueDate, -30)), random.int(0, 10))
        : addDays(installment.dueDate, random.int(-5, 25));
    const on = maxDate(contract.startDate, minDate(clock.today, receivedOn));
    const paidMinor =
      outcome === 'partial'
        ? Math.min(
            installment.amountMinor - 1,
            Math.max(1, Math.round((installment.amountMinor * random.int(30, 70)) / 10_000) * 100),
          )
        : installment.amountMinor;
    const last = installment.seq === plan.length;
    const extraMinor =
      outcome === 'paid' && last && !state.overpaid && installment.amountMinor >= 10_000
        ? Math.max(100, Math.round(installment.amountMinor / 2_000) * 100)
        : 0;
    if (extraMinor > 0) state.overpaid = true;
    const at = atOn(on, random.int(9, 17), clock);
    const receipt: Receipt = {
      id: idAt(random, Date.parse(at)),
      number: '',
      accountId: contract.accountId,
      contractId: contract.id,
      currency: contract.currency,
      amountMinor: paidMinor + extraMinor,
      unappliedMinor: extraMinor,
      receivedOn: on,
      method: random.weighted([
        ['bank_transfer', 9],
        ['cheque', 1],
      ] as const),
      reference: null,
      status: receiptStatus(paidMinor + extraMinor, extraMinor),
      createdBy: contract.ownerId,
      createdAt: at,
      version: 1,
    };
    receipts.push(receipt);
    allocations.push({
      id: idAt(random, Date.parse(at)),
      receiptId: receipt.id,
      installmentId: installment.id,
      amountMinor: paidMinor,
      allocatedAt: at,
      allocatedBy: contract.ownerId,
      reversedAt: null,
      reversedBy: null,
    });
    const status = installmentStatus(paidMinor, installment.amountMinor);
    installments.push({
      ...installment,
      collectedMinor: paidMinor,
      status,
      paidOn: status === 'paid' ? on : null,
      updatedAt: at,
      version: 2,
    });
  }
  return { installments, receipts, allocations };
}

function pastDue(
  random: Random,
  overdueDays: number,
  behind: boolean,
): 'paid' | 'partial' | 'open' {
  const unpaid = behind ? 0.6 : overdueDays <= 30 ? 0.3 : overdueDays <= 90 ? 0.15 : 0.07;
  const roll = random.next();
  if (roll < unpaid) return 'open';
  return roll < unpaid + 0.08 ? 'partial' : 'paid';
}
