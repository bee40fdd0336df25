import { reminderStepDue, daysBetweenDates } from '../../domain/contracts/reminders.js';
import { calendarDate } from '../../domain/days.js';
import { markReminded, overdueInstallments } from '../../store/contracts.repo.js';
import { findTenantById } from '../../store/tenants.repo.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications.service.js';
import { inTransaction } from '../transaction.js';

export interface OverdueReminderCounts {
  /** Installments whose owner was told today. */
  reminded: number;
  /** Overdue installments with no step due today (already reminded for the step reached). */
  waiting: number;
}

/**
 * Reminds contract owners of overdue installments, once per step (day 1, 7 and 30 overdue).
 * Each reminder and the installment's `last_reminded_on` commit together; the mark is
 * conditional and the notice has a dedupe key, so a repeated or concurrent run tells no one
 * twice. "Today" is the tenant's calendar day.
 */
export async function runOverdueReminders(
  ctx: AppContext,
  tenantId: string,
  options: { batchSize?: number; afterBatch?: () => Promise<void> } = {},
): Promise<OverdueReminderCounts> {
  const tenant = await findTenantById(ctx.store.db, tenantId);
  if (!tenant) return { reminded: 0, waiting: 0 };
  const today = calendarDate(ctx.clock.now(), tenant.timeZone);
  const counts: OverdueReminderCounts = { reminded: 0, waiting: 0 };
  const items = await overdueInstallments(ctx.store.db, tenantId, today, options.batchSize ?? 500);
  for (const item of items) {
    const step = reminderStepDue(item.dueDate, today, item.lastRemindedOn);
    if (step === null) {
      counts.waiting++;
      continue;
    }
    const sent = await inTransaction(ctx, async (trx) => {
      if (!(await markReminded(trx, tenantId, item.installmentId, today))) return false;
      await notify(trx, ctx, tenantId, {
        userId: item.ownerId,
        subject: { type: 'opportunity', id: item.opportunityId },
        facts: {
          kind: 'receivable_overdue',
          entityType: 'opportunity',
          name: item.contractNumber,
          dueDate: item.dueDate,
          daysOverdue: daysBetweenDates(item.dueDate, today),
          outstandingMinor: Number(item.amountMinor) - Number(item.collectedMinor),
          currency: item.currency,
        },
        dedupeKey: `receivable_overdue:${item.installmentId}:${step}`,
      });
      return true;
    });
    if (sent) counts.reminded++;
  }
  await options.afterBatch?.();
  return counts;
}
