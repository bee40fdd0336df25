import type { Job, JobKind } from '../domain/scheduling/job.js';
import { afterFailure, jobKinds, slotAt } from '../domain/scheduling/job.js';
import {
  claimJobs,
  ensureJob,
  finishJob,
  pruneFinishedJobs,
  recentJobs,
  renewLease,
} from '../store/jobs.repo.js';
import { listTenants } from '../store/tenants.repo.js';
import type { AppContext } from './context.js';

/**
 * The durable job queue over the `jobs` table (the DB driver of ARCHITECTURE.md's queue):
 * recurring runs are created per time slot, claimed with a lease, and finished or retried.
 * Works the same on SQLite and PostgreSQL; several workers may share one database.
 */

const KEEP_FINISHED_MS = 14 * 86_400_000;

/** Creates this slot's run of every recurring kind for every tenant (idempotent). */
export async function scheduleRecurring(
  ctx: AppContext,
  everyMs: Readonly<Record<JobKind, number>>,
): Promise<number> {
  const now = ctx.clock.now();
  // A run every few minutes adds up: finished ones are kept two weeks, for `pipewright jobs`.
  await pruneFinishedJobs(ctx.store.db, new Date(now.getTime() - KEEP_FINISHED_MS).toISOString());
  let created = 0;
  for (const tenant of await listTenants(ctx.store.db)) {
    for (const kind of jobKinds) {
      const { slot, runAt } = slotAt(everyMs[kind], now);
      const isNew = await ensureJob(ctx.store.db, {
        tenantId: tenant.id,
        id: ctx.newId(),
        kind,
        slot,
        runAt,
        now: now.toISOString(),
      });
      if (isNew) created += 1;
    }
  }
  return created;
}

/** Asks for a run now, outside the schedule (`pipewright sweep`). */
export async function enqueueNow(ctx: AppContext, tenantId: string, kind: JobKind): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ensureJob(ctx.store.db, {
    tenantId,
    id: ctx.newId(),
    kind,
    slot: `manual:${now}`,
    runAt: now,
    now,
  });
}

export function claimDueJobs(
  ctx: AppContext,
  workerId: string,
  options: { leaseMs: number; limit: number },
): Promise<Job[]> {
  const now = ctx.clock.now();
  return claimJobs(ctx.store.db, ctx.store.dialect, {
    workerId,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + options.leaseMs).toISOString(),
    limit: options.limit,
  });
}

export function renewJobLease(
  ctx: AppContext,
  job: Job,
  workerId: string,
  leaseMs: number,
): Promise<boolean> {
  const until = new Date(ctx.clock.now().getTime() + leaseMs).toISOString();
  return renewLease(ctx.store.db, job, workerId, until);
}

export function completeJob(
  ctx: AppContext,
  job: Job,
  workerId: string,
  result: unknown,
): Promise<void> {
  return finishJob(ctx.store.db, job, workerId, {
    status: 'done',
    result,
    now: ctx.clock.now().toISOString(),
  });
}

/** A run that threw is retried with back-off, or left `failed` after the last attempt. */
export function failJob(
  ctx: AppContext,
  job: Job,
  workerId: string,
  error: unknown,
): Promise<void> {
  const now = ctx.clock.now();
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const next = afterFailure(job.attempts, now);
  return finishJob(
    ctx.store.db,
    job,
    workerId,
    next.status === 'pending'
      ? { status: 'pending', runAt: next.runAt, error: message, now: now.toISOString() }
      : { status: 'failed', error: message, now: now.toISOString() },
  );
}

export function jobRuns(
  ctx: AppContext,
  options: { tenantId?: string; limit: number },
): Promise<Job[]> {
  return recentJobs(ctx.store.db, options);
}
