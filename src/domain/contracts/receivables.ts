/**
 * Statuses derived from balances (回款 and 核销). The balances themselves only ever change by
 * conditional updates in the store (ADR 0026); these functions say what a balance means.
 */
export const installmentStatuses = ['open', 'partial', 'paid'] as const;
export type InstallmentStatus = (typeof installmentStatuses)[number];

export const receiptStatuses = ['unapplied', 'partial', 'applied', 'voided'] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];

export const receiptMethods = ['bank_transfer', 'cheque', 'cash', 'card', 'other'] as const;

export function installmentStatus(collectedMinor: number, amountMinor: number): InstallmentStatus {
  if (collectedMinor <= 0) return 'open';
  return collectedMinor >= amountMinor ? 'paid' : 'partial';
}

export function receiptStatus(amountMinor: number, unappliedMinor: number): ReceiptStatus {
  if (unappliedMinor >= amountMinor) return 'unapplied';
  return unappliedMinor === 0 ? 'applied' : 'partial';
}

export interface OpenInstallment {
  readonly id: string;
  readonly seq: number;
  readonly dueDate: string;
  readonly amountMinor: number;
  readonly collectedMinor: number;
}

export interface PlannedAllocation {
  readonly installmentId: string;
  readonly amountMinor: number;
}

/**
 * Automatic allocation: the money goes to the oldest open installments first (by due date,
 * then sequence), each filled up to what it still lacks; what is left stays unapplied.
 */
export function planAllocation(
  availableMinor: number,
  installments: readonly OpenInstallment[],
): PlannedAllocation[] {
  const ordered = [...installments].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.seq - b.seq,
  );
  const plan: PlannedAllocation[] = [];
  let left = availableMinor;
  for (const installment of ordered) {
    if (left <= 0) break;
    const due = installment.amountMinor - installment.collectedMinor;
    if (due <= 0) continue;
    const amountMinor = Math.min(due, left);
    plan.push({ installmentId: installment.id, amountMinor });
    left -= amountMinor;
  }
  return plan;
}
