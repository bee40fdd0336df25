import type { JobKind } from '../domain/scheduling/job.js';
import { automationJob } from './automation.job.js';
import { deadlineSweepJob } from './deadline-sweep.job.js';
import type { JobHandler } from './job-handler.js';
import { leadRescoreJob } from './lead-rescore.job.js';
import { outboxDispatchJob } from './outbox-dispatch.job.js';
import { pipelineSnapshotJob } from './pipeline-snapshot.job.js';
import { quoteExpiryJob } from './quote-expiry.job.js';
import { reactivationSweepJob } from './reactivation-sweep.job.js';
import { receivableRemindersJob } from './receivable-reminders.job.js';
import { renewalSweepJob } from './renewal-sweep.job.js';
import { winModelTrainJob } from './win-model-train.job.js';

/** Every job kind and the code that runs it: a kind without a handler does not compile. */
export const handlers: Record<JobKind, JobHandler> = {
  deadline_sweep: deadlineSweepJob,
  reactivation_sweep: reactivationSweepJob,
  lead_rescore: leadRescoreJob,
  win_model_train: winModelTrainJob,
  pipeline_snapshot: pipelineSnapshotJob,
  outbox_dispatch: outboxDispatchJob,
  automation: automationJob,
  renewal_sweep: renewalSweepJob,
  receivable_reminders: receivableRemindersJob,
  quote_expiry: quoteExpiryJob,
};
