import { dispatchDeliveries } from '../app/outbox/dispatch.service.js';
import { defaultDeliverySettings } from '../domain/outbox/settings.js';
import { transportsFor } from '../app/outbox/transports.js';
import type { JobHandler } from './job-handler.js';

/**
 * Every minute per tenant: sends the outbox's due deliveries (new ones, retries, and those a
 * dead worker had claimed). Safe to run concurrently: each delivery is claimed by one worker.
 */
export const outboxDispatchJob: JobHandler = (ctx, job, run) => {
  const settings = ctx.delivery ?? defaultDeliverySettings;
  return dispatchDeliveries(ctx, job.tenantId, transportsFor(settings), {
    workerId: `${job.id}:${job.attempts}`,
    maxAttempts: settings.maxAttempts,
    keepAlive: run.keepAlive,
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
  });
};
