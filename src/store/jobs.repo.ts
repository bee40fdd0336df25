import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Job, JobKind, JobStatus } from '../domain/scheduling/job.js';
import type { DialectName } from './db.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database, JobsTable } from './schema.js';

type JobRow = JobsTable & { tenant_id: string; id: string };

function toJob(row: JobRow): Job {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    kind: row.kind as JobKind,
    slot: row.slot,
    runAt: row.run_at,
    status: row.status as JobStatus,
    attempts: row.attempts,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    result: row.result === null ? null : fromJsonColumn(row.result),
    lastError: row.last_error,
  };
}

/** Creates the run for a slot unless it exists: schedulers may race, the slot is created once. */
export async function ensureJob(
  db: Kysely<Database>,
  job: { tenantId: string; id: string; kind: JobKind; slot: string; runAt: string; now: string },
): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      tenant_id: job.tenantId,
      id: job.id,
      kind: job.kind,
      slot: job.slot,
      run_at: job.runAt,
      status: 'pending',
      attempts: 0,
      locked_by: null,
      locked_until: null,
      result: null,
      last_error: null,
      created_at: job.now,
      updated_at: job.now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` runs that are due, or whose worker's lease ran out (it died), in one
 * statement. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several workers claim at once
 * without waiting on each other or taking the same row; on SQLite the single statement is
 * atomic on its own (one writer at a time).
 */
export async function claimJobs(
  db: Kysely<Database>,
  dialect: DialectName,
  claim: { workerId: string; now: string; leaseUntil: string; limit: number },
): Promise<Job[]> {
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<JobRow>`
    update jobs set status = 'running', locked_by = ${claim.workerId},
      locked_until = ${claim.leaseUntil}, attempts = attempts + 1, updated_at = ${claim.now}
    where (tenant_id, id) in (
      select tenant_id, id from jobs
      where (status = 'pending' and run_at <= ${claim.now})
         or (status = 'running' and locked_until < ${claim.now})
      order by run_at
      limit ${claim.limit}
      ${lock})
    returning *`.execute(db);
  return result.rows.map(toJob);
}

/** Keeps a long run's claim: a sweep over many batches renews its lease between them. */
export async function renewLease(
  db: Kysely<Database>,
  job: Job,
  workerId: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: leaseUntil })
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends a run; a worker that lost its lease to another changes nothing. */
export async function finishJob(
  db: Kysely<Database>,
  job: Job,
  workerId: string,
  outcome:
    | { status: 'done'; result: unknown; now: string }
    | { status: 'pending'; runAt: string; error: string; now: string }
    | { status: 'failed'; error: string; now: string },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      locked_by: null,
      locked_until: null,
      updated_at: outcome.now,
      ...(outcome.status === 'done'
        ? { result: toJsonColumn(outcome.result), last_error: null }
        : { last_error: outcome.error.slice(0, 2000) }),
      ...(outcome.status === 'pending' ? { run_at: outcome.runAt } : {}),
    })
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Recent runs, newest first, for operators (`pipewright jobs`). */
export async function recentJobs(
  db: Kysely<Database>,
  options: { tenantId?: string; limit: number },
): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (options.tenantId) query = query.where('tenant_id', '=', options.tenantId);
  const rows = await query
    .orderBy('run_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toJob);
}

/** Forgets finished runs older than `before` (failed ones stay for an operator to read). */
export async function pruneFinishedJobs(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('run_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
