import type { Command } from 'commander';
import { enqueueNow, jobRuns } from '../../app/jobs.service.js';
import { findTenant, allTenants } from '../../app/tenants.service.js';
import { loadConfig, parsePollSeconds } from '../../config.js';
import type { JobKind } from '../../domain/scheduling/job.js';
import { openRuntime, runDueJobs, startJobWorker } from '../../runtime.js';
import type { RunReport, Runtime } from '../../runtime.js';
import { databaseTarget } from '../database-option.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { printRows } from '../tenant-scope.js';

const sweepKinds: Record<string, readonly JobKind[]> = {
  deadlines: ['deadline_sweep'],
  reactivation: ['reactivation_sweep'],
  scores: ['lead_rescore'],
  snapshots: ['pipeline_snapshot'],
  models: ['win_model_train'],
  deliveries: ['outbox_dispatch'],
  automation: ['automation'],
  renewals: ['renewal_sweep'],
  receivables: ['receivable_reminders'],
  quotes: ['quote_expiry'],
  all: [
    'deadline_sweep',
    'reactivation_sweep',
    'lead_rescore',
    'pipeline_snapshot',
    'win_model_train',
    'renewal_sweep',
    'receivable_reminders',
    'quote_expiry',
  ],
};

async function tenantIds(runtime: Runtime, slug: string | undefined): Promise<string[]> {
  if (!slug) return (await allTenants(runtime.ctx)).map((tenant) => tenant.id);
  const tenant = await findTenant(runtime.ctx, slug);
  if (!tenant) throw new UsageError(`no tenant "${slug}" (see: pipewright tenant list)`);
  return [tenant.id];
}

function reportLine(report: RunReport): string {
  const { job } = report;
  const outcome = report.ok ? JSON.stringify(report.result) : `FAILED: ${report.error ?? ''}`;
  return `${job.kind}\t${job.tenantId}\t${job.slot}\t${outcome}`;
}

/**
 * `pipewright worker`, `pipewright sweep` and `pipewright jobs`: the background sweeps as a
 * process of their own, run once now, and their recent runs.
 */
export function sweepCommands(program: Command, io: Io): void {
  program
    .command('worker')
    .description('Run the background sweeps (deadlines, recycling, re-activation) until stopped')
    .option('--poll <seconds>', 'how often to look for due work', '30')
    .action(async (options: { poll: string }, command: Command) => {
      let pollMs: number;
      try {
        pollMs = parsePollSeconds(options.poll);
      } catch {
        throw new UsageError(`invalid --poll "${options.poll}" (1 to 86400 seconds)`);
      }
      const runtime = await openRuntime(databaseTarget(command), {
        delivery: loadConfig().delivery,
      });
      if (runtime.store.dialect === 'sqlite') {
        // SQLite is one process's database: `serve` already runs the sweeps beside the API.
        io.err(
          'note: on SQLite, run the sweeps inside `pipewright serve`; separate workers are for PostgreSQL',
        );
      }
      const worker = startJobWorker(runtime, { pollMs, log: (line) => io.out(line) });
      io.out(
        `worker ${worker.workerId} polling every ${pollMs / 1000}s (${runtime.store.location})`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await worker.stop();
      await runtime.close();
    });

  program
    .command('sweep')
    .description('Run the sweeps now, once, and print what they did')
    .argument(
      '[kind]',
      'deadlines | reactivation | scores | snapshots | models | deliveries | renewals | receivables | all',
      'all',
    )
    .option('--tenant <slug>', 'only this tenant (default: every tenant)')
    .option('--batch <n>', 'items per transaction (smaller: shorter locks)', '200')
    .action(async (kind: string, options: { tenant?: string; batch: string }, command: Command) => {
      const kinds = sweepKinds[kind];
      if (!kinds)
        throw new UsageError(
          `unknown sweep "${kind}" (deadlines, reactivation, scores, snapshots, models, deliveries, renewals, receivables, all)`,
        );
      const batchSize = Number(options.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw new UsageError(`invalid --batch "${options.batch}" (1 to 10000)`);
      }
      const runtime = await openRuntime(databaseTarget(command), {
        delivery: loadConfig().delivery,
      });
      try {
        for (const tenantId of await tenantIds(runtime, options.tenant)) {
          for (const jobKind of kinds) await enqueueNow(runtime.ctx, tenantId, jobKind);
        }
        // Runs what was asked, plus anything else already due (a crashed run included).
        const reports = await runDueJobs(runtime, { schedule: false, batchSize });
        for (const report of reports) io.out(reportLine(report));
        const failed = reports.filter((report) => !report.ok).length;
        // Printed above; the exit code tells a cron job something needs a look.
        if (failed > 0) throw new Error(`${failed} run(s) failed and will be retried`);
      } finally {
        await runtime.close();
      }
    });

  program
    .command('jobs')
    .description('List recent background job runs, newest first')
    .option('--tenant <slug>', 'only this tenant')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(
      async (options: { tenant?: string; limit: string; json?: boolean }, command: Command) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
          throw new UsageError(`invalid --limit "${options.limit}" (1 to 1000)`);
        }
        const runtime = await openRuntime(databaseTarget(command));
        try {
          const [tenantId] = options.tenant ? await tenantIds(runtime, options.tenant) : [];
          const runs = await jobRuns(runtime.ctx, { ...(tenantId ? { tenantId } : {}), limit });
          printRows(
            io,
            runs.map((job) => ({
              kind: job.kind,
              slot: job.slot,
              status: job.status,
              attempts: job.attempts,
              result: job.result === null ? null : JSON.stringify(job.result),
              error: job.lastError,
            })),
            options.json ?? false,
          );
        } finally {
          await runtime.close();
        }
      },
    );
}
