import { performance } from 'node:perf_hooks';
import { openRuntime } from '../src/runtime.js';
import { benchAnalytics } from './cases/analytics.bench.js';
import type { AnalyticsResult } from './cases/analytics.bench.js';
import { renderAnalytics } from './analytics-report.js';
import { benchCreateOpportunities } from './cases/create-opportunities.bench.js';
import type { CaseEnvironment } from './cases/environment.js';
import { benchListFirstPage } from './cases/list-by-stage.bench.js';
import { benchImportLeads } from './cases/import-leads.bench.js';
import { benchDuplicateDetection } from './cases/duplicate-detection.bench.js';
import { benchRecycleSweep } from './cases/recycle-sweep.bench.js';
import { benchOutboxDispatch } from './cases/outbox-dispatch.bench.js';
import { benchAutomation } from './cases/automation.bench.js';
import { benchStageMoves, MOVES_PER_DEAL } from './cases/stage-moves.bench.js';
import { DEFAULT_CASES, readConfig } from './config.js';
import type { BenchCase, BenchConfig } from './config.js';
import { dialectName } from './format.js';
import {
  databaseVersion,
  loadAverages,
  describeMachine,
  describeRevision,
  durabilitySettings,
} from './machine.js';
import { writeBenchmarksPage } from './markdown.js';
import { renderConsole } from './report.js';
import type { BenchReport, DialectResult } from './results.js';
import { seedPipeline } from './seed.js';
import { startBenchServer } from './server.js';
import { postgresTarget, sqliteTarget } from './targets.js';
import type { BenchTarget } from './targets.js';

/**
 * `npm run bench`: every case on SQLite, and on PostgreSQL when PIPEWRIGHT_BENCH_PG (or
 * PIPEWRIGHT_TEST_PG) is set; each dialect gets a fresh database, the real HTTP app in
 * this process, and is dropped afterwards. Progress goes to stderr, the tables to stdout.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Runs `work` against the app on a runtime and server of its own. Each case group gets new
 * connections: a PostgreSQL connection caches the plans of its foreign-key checks, and
 * plans made while a table was nearly empty must not leak from one case into the next.
 */
async function withApp<T>(
  target: BenchTarget,
  config: BenchConfig,
  work: (env: CaseEnvironment) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(target.database, {
    ...(target.schema ? { schema: target.schema } : {}),
  });
  try {
    const server = await startBenchServer(runtime);
    try {
      return await work({ config, target, runtime, url: server.url });
    } finally {
      await server.close();
    }
  } finally {
    await runtime.close();
  }
}

async function runDialect(
  target: BenchTarget,
  config: BenchConfig,
  analytics: AnalyticsResult[],
): Promise<DialectResult> {
  const runs = (name: BenchCase) => config.cases.has(name);
  const { version, settings, create } = await withApp(target, config, async (env) => {
    const version = await databaseVersion(env.runtime.store);
    const settings = await durabilitySettings(env.runtime.store);
    log(`${dialectName(target.dialect)}: ${version}, ${target.description}, ${settings}`);
    if (!runs('create')) return { version, settings, create: [] };
    log(`  create: ${config.create.count} opportunities over HTTP…`);
    return { version, settings, create: [await benchCreateOpportunities(env)] };
  });
  const { seeded, list } = runs('list')
    ? await withApp(target, config, async (env) => {
        log(`  list: seeding ${config.list.opportunities.toLocaleString('en')} opportunities…`);
        const seeded = await seedPipeline(env, config.list.opportunities, log);
        log(`  list: ${config.list.requests} first-page requests per variant…`);
        return { seeded, list: await benchListFirstPage(env, seeded) };
      })
    : { seeded: null, list: { cases: [], listStage: null, plans: [] } };
  const moves = runs('move')
    ? await withApp(target, config, (env) => {
        const { deals } = config.move;
        log(`  move: ${deals * MOVES_PER_DEAL} gated stage moves and as many updates over HTTP…`);
        return benchStageMoves(env);
      })
    : [];
  const imported = runs('import')
    ? [
        await withApp(target, config, (env) => {
          log(
            `  import: ${config.import.rows.toLocaleString('en')} lead rows from one CSV upload…`,
          );
          return benchImportLeads(env);
        }),
      ]
    : [];
  const recycled = runs('recycle')
    ? [
        await withApp(target, config, (env) => {
          const { leads, due } = config.recycle;
          log(
            `  recycle: deadline sweep over ${leads.toLocaleString('en')} leads, ` +
              `${due.toLocaleString('en')} due…`,
          );
          return benchRecycleSweep(env, log);
        }),
      ]
    : [];
  const deduplicated = runs('duplicates')
    ? [
        await withApp(target, config, (env) => {
          log(
            `  duplicates: detection over ${config.import.rows.toLocaleString('en')} imported leads…`,
          );
          return benchDuplicateDetection(env);
        }),
      ]
    : [];
  const outbox = runs('outbox')
    ? await withApp(target, config, (env) => {
        log(
          `  outbox: ${config.outbox.deliveries.toLocaleString('en')} in-app deliveries ` +
            `enqueued and dispatched…`,
        );
        return benchOutboxDispatch(env, log);
      })
    : [];
  const automation = runs('automation')
    ? await withApp(target, config, (env) => benchAutomation(env, log))
    : [];
  if (runs('analytics'))
    analytics.push(await withApp(target, config, (env) => benchAnalytics(env, log)));
  return {
    dialect: target.dialect,
    version,
    description: target.description,
    settings,
    cases: [
      ...create,
      ...list.cases,
      ...moves,
      ...imported,
      ...recycled,
      ...deduplicated,
      ...outbox,
      ...automation,
    ],
    seeding: seeded?.seeding ?? null,
    listStage: list.listStage,
    plans: list.plans,
  };
}

async function main(): Promise<void> {
  const config = readConfig();
  const started = performance.now();
  const machine = describeMachine(new Date());
  const revision = describeRevision();
  // BENCH_SQLITE=0 measures PostgreSQL alone (e.g. beside a SQLite run in another process).
  const makeTargets: (() => BenchTarget)[] = process.env.BENCH_SQLITE === '0' ? [] : [sqliteTarget];
  if (config.pgUrl) {
    const url = config.pgUrl;
    makeTargets.push(() => postgresTarget(url));
  } else {
    log('PostgreSQL skipped: set PIPEWRIGHT_BENCH_PG=1 (or a URL) to benchmark it too.');
  }

  const dialects: DialectResult[] = [];
  const analytics: AnalyticsResult[] = [];
  for (const makeTarget of makeTargets) {
    const target = makeTarget();
    const dropOnSignal = () => {
      void target.drop().finally(() => process.exit(130));
    };
    process.once('SIGINT', dropOnSignal);
    try {
      dialects.push(await runDialect(target, config, analytics));
    } finally {
      process.off('SIGINT', dropOnSignal);
      if (config.keepDatabase)
        log(`kept ${target.database}${target.schema ? ` (schema ${target.schema})` : ''}`);
      else await target.drop();
    }
  }

  const report: BenchReport = {
    machine,
    revision,
    config,
    dialects,
    seconds: (performance.now() - started) / 1000,
    loadAtEnd: loadAverages(),
  };
  process.stdout.write(renderConsole(report));
  // Printed apart, as Markdown: recorded by hand in docs/benchmarks.md (not in the generated block).
  if (analytics.length > 0) process.stdout.write(renderAnalytics(analytics));
  if (config.docsPath && DEFAULT_CASES.some((name) => !config.cases.has(name))) {
    // The generated block holds every case: a partial run would drop the others' figures.
    log(`Not writing ${config.docsPath}: BENCH_CASES ran only some of the cases.`);
  } else if (config.docsPath) {
    await writeBenchmarksPage(config.docsPath, report);
    log(`Wrote ${config.docsPath}`);
  }
}

await main();
