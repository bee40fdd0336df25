import { expireLapsedQuotes } from '../app/quotes/quote-lifecycle.service.js';
import { systemPrincipal } from '../app/tenants.service.js';
import type { JobHandler } from './job-handler.js';

/**
 * Quotes whose validity has passed (in the tenant's calendar) become `expired`, withdrawing
 * any pending discount request. Idempotent: an expired quote is no longer lapsed.
 */
export const quoteExpiryJob: JobHandler = async (ctx, job, run) => ({
  expired: await expireLapsedQuotes(ctx, systemPrincipal(job.tenantId, `job-${job.id}`), {
    ...(run.batchSize ? { limit: run.batchSize } : {}),
  }),
});
