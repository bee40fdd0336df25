import { takePipelineSnapshot } from '../app/pipeline-snapshots.service.js';
import type { JobHandler } from './job-handler.js';

/** Once a day: the open pipeline per stage, owner and forecast category, for trends. */
export const pipelineSnapshotJob: JobHandler = (ctx, job) =>
  takePipelineSnapshot(ctx, job.tenantId);
