import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { runDeadlineSweep } from '../../src/app/deadline-sweep.service.js';
import { claimDueJobs, scheduleRecurring } from '../../src/app/jobs.service.js';
import { defaultEveryMs } from '../../src/domain/scheduling/job.js';
import { createLead } from '../../src/app/leads.service.js';
import { createTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { workOnce } from '../../src/jobs/worker.js';
import { openRuntime } from '../../src/runtime.js';
import type { Runtime } from '../../src/runtime.js';
import type { Database } from '../../src/store/schema.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { cliProcess, finished, ownDatabase } from '../support/own-process.js';
import { TEST_PASSWORD } from '../support/tenants.js';

const DAY = 86_400_000;

/** A tenant whose admin owns `count` leads taken at the clock's time. */
async function tenantWithLeads(ctx: AppContext, slug: string, count: number) {
  const { tenant, admin } = await createTenant(
    ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: TEST_PASSWORD } },
    'test-setup',
  );
  const system = systemPrincipal(tenant.id, 'test-setup');
  for (let i = 0; i < count; i++) {
    await createLead(ctx, system, {
      name: `${slug} lead ${i}`,
      source: 'website',
      ownerId: admin.id,
    });
  }
  return { tenant, admin };
}

/** Per lead, how often each thing happened: every count must be exactly one. */
async function outcomes(db: Kysely<Database>, tenantId: string) {
  const recycles = await sql<{ entity_id: string; n: number }>`
    select entity_id, count(*) as n from ownership_history
    where tenant_id = ${tenantId} and action = 'recycle' group by entity_id`.execute(db);
  const notices = await sql<{ subject_id: string; kind: string; n: number }>`
    select subject_id, kind, count(*) as n from notifications
    where tenant_id = ${tenantId} group by subject_id, kind`.execute(db);
  const owned = await sql<{ n: number }>`
    select count(*) as n from leads where tenant_id = ${tenantId} and owner_id is not null`.execute(
    db,
  );
  return {
    recycled: recycles.rows.length,
    recycledTwice: recycles.rows.filter((row) => Number(row.n) !== 1).length,
    noticesTwice: notices.rows.filter((row) => Number(row.n) !== 1).length,
    notices: (kind: string) => notices.rows.filter((row) => row.kind === kind).length,
    stillOwned: Number(owned.rows[0]?.n ?? 0),
  };
}

/**
 * The sweeps unattended: two running at once (on PostgreSQL two connection pools, as two
 * worker processes would have) move each item once; a job whose worker died is taken over
 * when its lease runs out; and the real `pipewright sweep` killed with SIGKILL part-way,
 * then run again, leaves every lead recycled once with each notice sent once.
 */
describe.each(dialectsUnderTest())('sweeps under concurrency and crashes ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-11-02T01:00:00.000Z'));
  let database: { target: string; drop: () => Promise<void> };
  let first: Runtime;
  let second: Runtime;

  beforeAll(async () => {
    database = await ownDatabase(dialect, 'pw_sweep');
    first = await openRuntime(database.target, { clock });
    // Two pools on PostgreSQL, as two worker processes would have. SQLite is one process's
    // database (a second in-process connection would block the event loop on its lock),
    // so there both sweeps share the connection and interleave between transactions.
    second =
      dialect.name === 'postgres'
        ? await openRuntime(database.target, { clock, migrate: false })
        : first;
  });
  afterAll(async () => {
    if (second !== first) await second?.close();
    await first?.close();
    await database?.drop();
  });

  it('moves each item once when two sweeps run at the same time', async () => {
    const count = 120;
    const { tenant } = await tenantWithLeads(first.ctx, 'twosweeps', count);
    clock.advance(30 * DAY);
    const [a, b] = await Promise.all([
      runDeadlineSweep(first.ctx, tenant.id, { runId: 'a', batchSize: 7 }),
      runDeadlineSweep(second.ctx, tenant.id, { runId: 'b', batchSize: 7 }),
    ]);
    expect(a.leads.recycled + b.leads.recycled).toBe(count);
    expect(a.leads.notified + b.leads.notified).toBe(count);
    const result = await outcomes(first.store.db, tenant.id);
    expect(result).toMatchObject({
      recycled: count,
      recycledTwice: 0,
      noticesTwice: 0,
      stillOwned: 0,
    });
    expect(result.notices('follow_up_due')).toBe(count);
    expect(result.notices('recycled')).toBe(count);
  });

  it('runs a scheduled slot once however many workers poll it', async () => {
    const [a, b] = await Promise.all([
      workOnce(first.ctx, { workerId: 'w1' }),
      workOnce(second.ctx, { workerId: 'w2' }),
    ]);
    const runs = [...a, ...b].filter((report) => report.job.kind === 'deadline_sweep');
    // One run per tenant for this slot, whoever got it.
    const tenants = new Set(runs.map((report) => report.job.tenantId));
    expect(runs).toHaveLength(tenants.size);
    expect(runs.every((report) => report.ok)).toBe(true);
  });

  it('takes over a run whose worker died once its lease runs out', async () => {
    clock.advance(DAY);
    // A worker claims this slot's runs and dies before finishing them.
    await scheduleRecurring(first.ctx, defaultEveryMs);
    const orphaned = await claimDueJobs(first.ctx, 'dead-worker', { leaseMs: 60_000, limit: 100 });
    expect(orphaned.length).toBeGreaterThan(0);
    // While the lease holds, no one else takes them.
    expect(await workOnce(second.ctx, { workerId: 'w3', schedule: false })).toEqual([]);
    clock.advance(61_000);
    const taken = await workOnce(second.ctx, { workerId: 'w3', schedule: false });
    expect(taken.map((report) => report.job.id).sort()).toEqual(orphaned.map((j) => j.id).sort());
    expect(taken.every((report) => report.ok && report.job.attempts === 2)).toBe(true);
  });

  it('loses and repeats nothing when `pipewright sweep` is killed part-way and run again', async () => {
    // Deadlines far enough in the real past that the child process (real clock) recycles.
    const past = new ManualClock(Date.now() - 30 * DAY);
    const setup = await openRuntime(database.target, { clock: past, migrate: false });
    const count = 300;
    let tenantId = '';
    try {
      tenantId = (await tenantWithLeads(setup.ctx, 'crash', count)).tenant.id;
    } finally {
      await setup.close();
    }
    const db = first.store.db;
    const recycledSoFar = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from ownership_history
            where tenant_id = ${tenantId} and action = 'recycle'`.execute(db)
        ).rows[0]?.n ?? 0,
      );

    const child = cliProcess(database.target, [
      'sweep',
      'deadlines',
      '--tenant',
      'crash',
      '--batch',
      '3',
    ]);
    const ended = finished(child);
    let killedAt = 0;
    for (let i = 0; i < 3000 && child.exitCode === null; i++) {
      const done = await recycledSoFar();
      if (done >= 30) {
        child.kill('SIGKILL');
        killedAt = done;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const killed = await ended;
    expect(killed.code, `the sweep ended before it was killed:\n${killed.out}`).toBeNull();
    expect(killedAt).toBeGreaterThan(0);

    // What the killed run committed is whole: each recycled lead has its notices, once.
    const partial = await outcomes(db, tenantId);
    expect(partial.recycled).toBeLessThan(count);
    expect(partial.recycled + partial.stillOwned).toBe(count);
    expect(partial.recycledTwice).toBe(0);
    expect(partial.noticesTwice).toBe(0);
    expect(partial.notices('recycled')).toBe(partial.recycled);

    const rerun = await finished(
      cliProcess(database.target, ['sweep', 'deadlines', '--tenant', 'crash']),
    );
    expect(rerun.code, rerun.out).toBe(0);
    const result = await outcomes(db, tenantId);
    expect(result).toMatchObject({
      recycled: count,
      recycledTwice: 0,
      noticesTwice: 0,
      stillOwned: 0,
    });
    expect(result.notices('follow_up_due')).toBe(count);
    expect(result.notices('recycled')).toBe(count);

    // The killed run's job row is taken over after its lease and finds nothing left to do.
    const later = new ManualClock(Date.now() + 10 * 60_000);
    const takeover = await openRuntime(database.target, { clock: later, migrate: false });
    try {
      const reports = await workOnce(takeover.ctx, { workerId: 'after-crash', schedule: false });
      const crashed = reports.filter((r) => r.job.tenantId === tenantId);
      expect(crashed).toHaveLength(1);
      expect(crashed[0]?.result).toMatchObject({ leads: { recycled: 0, notified: 0 } });
    } finally {
      await takeover.close();
    }
  }, 120_000);
});
