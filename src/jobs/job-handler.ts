import type { AppContext } from '../app/context.js';
import type { Job } from '../domain/scheduling/job.js';

export interface RunControl {
  /** Renews the run's lease; long runs call it between batches. */
  readonly keepAlive: () => Promise<void>;
  /** Items per transaction, when the operator chose (`pipewright sweep --batch`). */
  readonly batchSize?: number;
}

/** Does one run's work and returns a summary kept on the job row. Must be idempotent. */
export type JobHandler = (ctx: AppContext, job: Job, run: RunControl) => Promise<unknown>;
