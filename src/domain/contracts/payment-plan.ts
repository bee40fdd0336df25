/**
 * A contract's payment plan: the installments the customer pays, which always add up to the
 * contract amount exactly (integer minor units, never a float).
 */
export interface PlannedInstallment {
  readonly seq: number;
  readonly dueDate: string;
  readonly amountMinor: number;
}

export interface PlanGenerator {
  /** How many installments (1–120). */
  readonly count: number;
  /** Months between two due dates (0 = all on the same day). */
  readonly everyMonths: number;
  /** Due date of the first installment, YYYY-MM-DD. */
  readonly firstDueDate: string;
}

/**
 * Adds whole months to a calendar date, clamping the day to the month's last (Jan 31 + 1 month
 * is Feb 28/29), so "monthly from the 31st" never skips a month.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * n equal installments every k months: each is ⌊amount / n⌋ and the remainder goes on the
 * last one, so the plan sums to the amount exactly.
 */
export function generatePlan(amountMinor: number, generator: PlanGenerator): PlannedInstallment[] {
  const { count, everyMonths, firstDueDate } = generator;
  const share = Math.floor(amountMinor / count);
  const remainder = amountMinor - share * count;
  return Array.from({ length: count }, (_, index) => ({
    seq: index + 1,
    dueDate: addMonths(firstDueDate, index * everyMonths),
    amountMinor: index === count - 1 ? share + remainder : share,
  }));
}

export type PlanProblem = 'empty' | 'sum_mismatch' | 'not_positive' | 'dates_not_ascending';

/** Why a plan cannot stand, or null: it must cover the amount exactly with positive parts. */
export function planProblem(
  amountMinor: number,
  installments: readonly Pick<PlannedInstallment, 'dueDate' | 'amountMinor'>[],
): PlanProblem | null {
  if (installments.length === 0) return 'empty';
  if (installments.some((installment) => installment.amountMinor <= 0)) return 'not_positive';
  for (let i = 1; i < installments.length; i++) {
    if (installments[i]!.dueDate < installments[i - 1]!.dueDate) return 'dates_not_ascending';
  }
  const total = installments.reduce((sum, installment) => sum + installment.amountMinor, 0);
  return total === amountMinor ? null : 'sum_mismatch';
}
