import { runDeadlineSweep } from '../app/deadline-sweep.service.js';
import type { JobHandler } from './job-handler.js';

/** Follow-up deadlines: notify the owner, escalate to the manager, recycle to the pool. */
export const deadlineSweepJob: JobHandler = (ctx, job, run) =>
  runDeadlineSweep(ctx, job.tenantId, {
    runId: `job-${job.id}`,
    afterBatch: run.keepAlive,
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
  });
