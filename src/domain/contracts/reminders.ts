/**
 * Overdue receivables: the owner is reminded once per step (day 1, 7 and 30 overdue). The
 * installment keeps the day of its last reminder, so a step is never sent twice and a sweep
 * that missed days sends only the latest step reached.
 */
export const REMINDER_STEPS = [1, 7, 30] as const;

export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The step to send today, or null: the latest reached step not yet covered by a reminder. */
export function reminderStepDue(
  dueDate: string,
  today: string,
  lastRemindedOn: string | null,
): number | null {
  const overdue = daysBetweenDates(dueDate, today);
  const reached = REMINDER_STEPS.filter((step) => overdue >= step);
  const step = reached.at(-1);
  if (step === undefined) return null;
  if (lastRemindedOn === null) return step;
  const remindedAt = daysBetweenDates(dueDate, lastRemindedOn);
  return remindedAt >= step ? null : step;
}
