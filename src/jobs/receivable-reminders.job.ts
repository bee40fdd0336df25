import { runOverdueReminders } from '../app/contracts/overdue-reminders.service.js';
import type { JobHandler } from './job-handler.js';

/** Overdue receivables: remind each contract owner on day 1, 7 and 30 of an overdue installment. */
export const receivableRemindersJob: JobHandler = (ctx, job, run) =>
  runOverdueReminders(ctx, job.tenantId, {
    afterBatch: run.keepAlive,
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
  });
