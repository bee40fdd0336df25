import { rescoreTenantDaily } from '../app/lead-scoring.service.js';
import type { JobHandler } from './job-handler.js';

/** Once a day: scores follow the date (recency rules), imported leads get theirs. */
export const leadRescoreJob: JobHandler = (ctx, job, run) =>
  rescoreTenantDaily(ctx, job.tenantId, { afterBatch: run.keepAlive });
