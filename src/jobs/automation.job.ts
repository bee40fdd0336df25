import { runAutomation } from '../app/automation/engine.service.js';
import type { JobHandler } from './job-handler.js';

/**
 * Every minute per tenant: raises the time triggers that came due (each once per period)
 * and applies the pending automation events. Idempotent: a repeated run finds the events
 * already done and the periods already raised.
 */
export const automationJob: JobHandler = (ctx, job, run) =>
  runAutomation(ctx, job.tenantId, {
    afterBatch: run.keepAlive,
    ...(run.batchSize ? { limit: run.batchSize } : {}),
  });
