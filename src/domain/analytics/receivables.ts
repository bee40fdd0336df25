import { DAY_MS } from '../days.js';

/**
 * The facts every receivables report reads (issue 9, docs/l2c/reports.md): contracts with
 * their payment plan, receipts and the allocations (核销) that apply receipts to
 * installments. The reports' pure references take these rows, already limited to what the
 * reader may see, and state each definition in plain code; the SQL must agree with them.
 *
 * Rules shared by every receivables report:
 * - a terminated contract's installments are not receivables (nothing more is owed);
 * - an allocation counts while it is active: not reversed and its receipt not voided;
 * - amounts are never added across currencies (a contract's currency is its installments').
 */
export interface ReceivableContract {
  readonly id: string;
  readonly accountId: string;
  readonly ownerId: string;
  readonly opportunityId: string;
  readonly currency: string;
  readonly status: string;
}

export interface ReceivableInstallment {
  readonly id: string;
  readonly contractId: string;
  readonly dueDate: string;
  readonly amountMinor: number;
  readonly collectedMinor: number;
  readonly status: string;
  readonly paidOn: string | null;
}

export interface ReceivableReceipt {
  readonly id: string;
  readonly receivedOn: string;
  readonly status: string;
}

export interface ReceivableAllocation {
  readonly receiptId: string;
  readonly installmentId: string;
  readonly amountMinor: number;
  readonly reversedAt: string | null;
}

export interface ReceivablesFacts {
  readonly contracts: readonly ReceivableContract[];
  readonly installments: readonly ReceivableInstallment[];
  readonly receipts: readonly ReceivableReceipt[];
  readonly allocations: readonly ReceivableAllocation[];
}

/** A date range of local dates, both inclusive. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export const inRange = (date: string, range: DateRange): boolean =>
  date >= range.from && date <= range.to;

/** Calendar days from one date (YYYY-MM-DD) to another; negative when `to` is earlier. */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** Days a date range holds, both ends counted. */
export const daysIn = (range: DateRange): number => daysFromTo(range.from, range.to) + 1;

/**
 * A ratio of two integer sums rounded once, in JS, so both databases agree: `decimals`
 * places; null when the denominator is 0.
 */
export function ratio(numerator: number, denominator: number, decimals: number): number | null {
  if (denominator === 0) return null;
  const scale = 10 ** decimals;
  return Math.round((numerator * scale) / denominator) / scale;
}

/** The installments that are receivables: those of contracts not terminated, with their contract. */
export function receivableInstallments(
  facts: ReceivablesFacts,
): { installment: ReceivableInstallment; contract: ReceivableContract }[] {
  const contracts = new Map(facts.contracts.map((contract) => [contract.id, contract]));
  return facts.installments.flatMap((installment) => {
    const contract = contracts.get(installment.contractId);
    return contract && contract.status !== 'terminated' ? [{ installment, contract }] : [];
  });
}

/** Active allocations (not reversed, receipt not voided) with their receipt's date. */
export function activeAllocations(
  facts: ReceivablesFacts,
): { allocation: ReceivableAllocation; receivedOn: string }[] {
  const receipts = new Map(facts.receipts.map((receipt) => [receipt.id, receipt]));
  return facts.allocations.flatMap((allocation) => {
    const receipt = receipts.get(allocation.receiptId);
    return allocation.reversedAt === null && receipt && receipt.status !== 'voided'
      ? [{ allocation, receivedOn: receipt.receivedOn }]
      : [];
  });
}

/** Sorted copy by a text key, for lists both the reference and the report order alike. */
export function byKey<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
