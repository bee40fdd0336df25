import { trainTenantWinModels } from '../app/analytics/win-model.service.js';
import type { JobHandler } from './job-handler.js';

/**
 * Once a day: each pipeline's win model learns from the deals closed since, and every open
 * deal gets a fresh probability (its age in stage moved on even if nothing else did).
 */
export const winModelTrainJob: JobHandler = (ctx, job, run) =>
  trainTenantWinModels(ctx, job.tenantId, {
    afterBatch: run.keepAlive,
    ...(run.batchSize === undefined ? {} : { batchSize: run.batchSize }),
  });
