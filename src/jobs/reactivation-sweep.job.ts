import { runReactivationSweep } from '../app/reactivation-sweep.service.js';
import type { JobHandler } from './job-handler.js';

/** Dormant records whose re-activation date has come go back to the public pool. */
export const reactivationSweepJob: JobHandler = (ctx, job, run) =>
  runReactivationSweep(ctx, job.tenantId, {
    runId: `job-${job.id}`,
    afterBatch: run.keepAlive,
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
  });
