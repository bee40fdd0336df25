import { runDeadlineSweep } from '../app/deadline-sweep.service.js';
import type { JobHandler } from './job-handler.js';

/** Follow-up deadlines: remind the owner before, notify, escalate to the manager, recycle. */
export const deadlineSweepJob: JobHandler = (ctx, job, run) =>
  runDeadlineSweep(ctx, job.tenantId, {
    runId: `job-${job.id}`,
    afterBatch: run.keepAlive,
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
  });
