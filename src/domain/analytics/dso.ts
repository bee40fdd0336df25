import { summarize } from './percentiles.js';
import type { Summary } from './percentiles.js';
import {
  activeAllocations,
  byKey,
  daysFromTo,
  daysIn,
  inRange,
  ratio,
  receivableInstallments,
} from './receivables.js';
import type { DateRange, ReceivablesFacts } from './receivables.js';

/**
 * Days sales outstanding for a period, the simple (countback-free) definition:
 *
 *   DSO = ending receivables / billed × days in the period
 *
 * - billed: Σ amounts of the installments due in the period;
 * - ending receivables: what was owed at the period's end — for every installment due on or
 *   before its last day, amount − Σ active allocations whose receipt was received on or
 *   before that day (so a past period's DSO does not change when money arrives later);
 * - null when nothing was billed.
 * Also the days-to-pay of the installments paid in the period (paid_on − due date; negative
 * when paid early). Terminated contracts are left out; per currency.
 */
export interface DsoCurrency {
  readonly currency: string;
  readonly days: number;
  readonly billedMinor: number;
  readonly receivablesMinor: number;
  /** One decimal. */
  readonly dso: number | null;
  /** Mean with one decimal. */
  readonly daysToPay: Summary;
}

export const dsoOf = (receivables: number, billed: number, days: number): number | null =>
  ratio(receivables * days, billed, 1);

export function dsoFigures(facts: ReceivablesFacts, period: DateRange): DsoCurrency[] {
  const receivable = receivableInstallments(facts);
  const collectedByEnd = new Map<string, number>();
  for (const { allocation, receivedOn } of activeAllocations(facts))
    if (receivedOn <= period.to)
      collectedByEnd.set(
        allocation.installmentId,
        (collectedByEnd.get(allocation.installmentId) ?? 0) + allocation.amountMinor,
      );
  const currencies = new Map<string, { billed: number; receivables: number; paid: number[] }>();
  for (const { installment, contract } of receivable) {
    const group = currencies.get(contract.currency) ?? { billed: 0, receivables: 0, paid: [] };
    currencies.set(contract.currency, group);
    if (inRange(installment.dueDate, period)) group.billed += installment.amountMinor;
    if (installment.dueDate <= period.to)
      group.receivables += installment.amountMinor - (collectedByEnd.get(installment.id) ?? 0);
    if (
      installment.status === 'paid' &&
      installment.paidOn !== null &&
      inRange(installment.paidOn, period)
    )
      group.paid.push(daysFromTo(installment.dueDate, installment.paidOn));
  }
  const days = daysIn(period);
  return byKey(currencies.entries(), ([currency]) => currency)
    .filter(([, g]) => g.billed !== 0 || g.receivables !== 0 || g.paid.length > 0)
    .map(([currency, g]) => ({
      currency,
      days,
      billedMinor: g.billed,
      receivablesMinor: g.receivables,
      dso: dsoOf(g.receivables, g.billed, days),
      daysToPay: summarize(g.paid, 1),
    }));
}
