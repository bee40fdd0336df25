import { runRenewalSweep } from '../app/lifecycle/renewal-sweep.service.js';
import type { JobHandler } from './job-handler.js';

/** Contracts within the tenant's renewal lead time get their renewal deal (once each). */
export const renewalSweepJob: JobHandler = (ctx, job, run) =>
  runRenewalSweep(ctx, job.tenantId, {
    runId: `job-${job.id}`,
    afterBatch: run.keepAlive,
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
  });
