import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../app/context.js';
import {
  claimDueJobs,
  completeJob,
  failJob,
  renewJobLease,
  scheduleRecurring,
} from '../app/jobs.service.js';
import type { Job, JobKind } from '../domain/scheduling/job.js';
import { defaultEveryMs } from '../domain/scheduling/job.js';
import { handlers } from './registry.js';

export interface WorkerOptions {
  /** Names this worker on the rows it claims (default: host, pid and a random suffix). */
  readonly workerId?: string;
  /** How long a claim lasts without renewal; a dead worker's runs are taken over after it. */
  readonly leaseMs?: number;
  readonly everyMs?: Readonly<Record<JobKind, number>>;
  readonly log?: (line: string) => void;
  /** Whether a pass first creates this slot's recurring runs (default true). */
  readonly schedule?: boolean;
  /** Items per transaction in the sweeps (default: each sweep's own). */
  readonly batchSize?: number;
}

export interface RunReport {
  readonly job: Job;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
/** A bound on one pass, so a queue that keeps refilling cannot hold a pass forever. */
const MAX_RUNS_PER_PASS = 1_000;

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * One pass: create this slot's recurring runs, then claim and run due jobs one at a time
 * until none is due. Each run is finished (done, or retried later with back-off) before the
 * next is claimed, so a crash leaves at most one run claimed — taken over when its lease ends.
 */
export async function workOnce(ctx: AppContext, options: WorkerOptions = {}): Promise<RunReport[]> {
  const workerId = options.workerId ?? defaultWorkerId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (options.schedule !== false) await scheduleRecurring(ctx, options.everyMs ?? defaultEveryMs);
  const reports: RunReport[] = [];
  while (reports.length < MAX_RUNS_PER_PASS) {
    const [job] = await claimDueJobs(ctx, workerId, { leaseMs, limit: 1 });
    if (!job) break;
    const keepAlive = async () => {
      await renewJobLease(ctx, job, workerId, leaseMs);
    };
    try {
      const result = await handlers[job.kind](ctx, job, {
        keepAlive,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      });
      await completeJob(ctx, job, workerId, result);
      reports.push({ job, ok: true, result });
      options.log?.(`job ${job.kind} for tenant ${job.tenantId} (${job.slot}) done`);
    } catch (error) {
      await failJob(ctx, job, workerId, error);
      const message = error instanceof Error ? error.message : String(error);
      reports.push({ job, ok: false, error: message });
      options.log?.(`job ${job.kind} for tenant ${job.tenantId} (${job.slot}) failed: ${message}`);
    }
  }
  return reports;
}

export interface RunningWorker {
  readonly workerId: string;
  /** Finishes the run in progress, then stops polling. */
  stop(): Promise<void>;
}

/**
 * Polls for work every `pollMs` until stopped: inside `pipewright serve` (so `npm start`
 * runs the sweeps) and as `pipewright worker` processes for scale-out.
 */
export function startWorker(
  ctx: AppContext,
  options: WorkerOptions & { pollMs: number },
): RunningWorker {
  const workerId = options.workerId ?? defaultWorkerId();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await workOnce(ctx, { ...options, workerId });
    } catch (error) {
      // The database may be briefly unreachable: say so and try again next poll.
      options.log?.(`job pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const loop = () => {
    if (stopped) return;
    current = pass().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.pollMs);
    });
  };
  loop();
  return {
    workerId,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
