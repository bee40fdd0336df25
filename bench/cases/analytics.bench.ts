import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { reports } from '../../src/app/analytics/registry.js';
import type { Report } from '../../src/app/analytics/report.js';
import type { ReportFilter } from '../../src/app/analytics/report-scope.js';
import { addDays, periodOf, startOfLocalDate } from '../../src/domain/analytics/period.js';
import { calendarDate } from '../../src/domain/days.js';
import { seedAnalyticsTenant } from '../analytics-data.js';
import type { AnalyticsDataset } from '../analytics-data.js';
import { floors } from '../floors/index.js';
import type { FloorQuestion, FloorRow } from '../floors/index.js';
import { explain } from '../plans.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver } from '../raw-driver.js';
import { percentile } from '../stats.js';
import type { CaseEnvironment } from './environment.js';

/** One report on one dialect: median latency of the report and of its floor. */
export interface AnalyticsRow {
  readonly report: string;
  readonly runs: number;
  readonly reportMs: { readonly p50: number; readonly min: number; readonly max: number };
  readonly floorMs: { readonly p50: number; readonly min: number; readonly max: number } | null;
  /** Report median ÷ floor median; null without a floor. */
  readonly ratio: number | null;
  readonly floorPlan: string | null;
  readonly notes: readonly string[];
}

export interface AnalyticsResult {
  readonly dialect: 'sqlite' | 'postgres';
  readonly dataset: AnalyticsDataset;
  readonly rows: readonly AnalyticsRow[];
  /** Reports not run, with why (options the bench cannot supply). */
  readonly skipped: readonly string[];
  readonly load: readonly [number, number, number];
}

/** Options the bench supplies to reports that need them (by report name). */
const OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {};

const spread = (ms: readonly number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
};

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Every registered report against the generated tenant, through the service layer
 * (`Report.execute`, as the API and CLI call it) as the tenant's admin, each beside its
 * hand-written floor: a warm-up run of each, then up to `runs` alternating runs (report,
 * floor, report, …) so both see the same load; a report stops repeating once its runs
 * have taken `phaseSeconds`.
 */
export async function benchAnalytics(
  env: CaseEnvironment,
  log: (line: string) => void,
): Promise<AnalyticsResult> {
  const { deals, runs } = env.config.analytics;
  log(`  analytics: generating ${deals.toLocaleString('en')} deals with their histories…`);
  const dataset = await seedAnalyticsTenant(env, deals, log);
  log(
    `  analytics: ${Object.entries(dataset.counts)
      .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
      .join(
        ', ',
      )}; ${dataset.seconds.generate.toFixed(0)} s (lead-to-cash rows ${dataset.seconds.receivables.toFixed(1)} s of it) + ${dataset.seconds.indexes.toFixed(0)} s indexes + ${dataset.seconds.analyse.toFixed(0)} s statistics`,
  );
  const to = calendarDate(new Date(dataset.now), dataset.timeZone);
  const from = `${addDays(`${to.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
  const filter: ReportFilter = { from, to };
  const period = periodOf(from, to, dataset.timeZone);
  const question: FloorQuestion = {
    dialect: env.target.dialect,
    from,
    to,
    timeZone: dataset.timeZone,
    tenantId: dataset.tenantId,
    pipelineId: dataset.pipelineId,
    currency: 'CNY',
    start: period.start,
    end: period.end,
    at: startOfLocalDate(addDays(to, 1), dataset.timeZone),
  };
  const driver = openRawDriver(env.target, 1);
  const rows: AnalyticsRow[] = [];
  const skipped: string[] = [];
  try {
    const only = env.config.analytics.reports;
    const unknown = only?.filter((name) => !reports.some((report) => report.name === name)) ?? [];
    if (unknown.length > 0)
      throw new Error(`BENCH_ANALYTICS_REPORTS: no report ${unknown.join(', ')}`);
    for (const report of reports.filter((r) => only === null || only.includes(r.name))) {
      const options = OPTIONS[report.name] ?? {};
      const parsed = report.options.safeParse(options);
      if (!parsed.success) {
        const why = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        skipped.push(`${report.name} (needs options the bench does not supply: ${why})`);
        log(`  analytics: ${report.name} skipped: needs ${why}`);
        continue;
      }
      rows.push(await measure(env, driver, dataset, report, filter, options, question, runs, log));
    }
  } finally {
    await driver.close();
  }
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return { dialect: env.target.dialect, dataset, rows, skipped, load: [one, five, fifteen] };
}

async function measure(
  env: CaseEnvironment,
  driver: RawDriver,
  dataset: AnalyticsDataset,
  report: Report,
  filter: ReportFilter,
  options: Record<string, unknown>,
  question: FloorQuestion,
  runs: number,
  log: (line: string) => void,
): Promise<AnalyticsRow> {
  const floor = floors[report.name];
  const statement = floor?.statement(question);
  const runReport = () => report.execute(env.runtime.ctx, dataset.admin, filter, options);
  const runFloor = statement ? () => driver.query<FloorRow>(statement) : null;
  const notes: string[] = [];
  const reportMs: number[] = [];
  const floorMs: number[] = [];
  // Warm-up (unless BENCH_WARMUP=0, when the first run counts): caches, statement
  // preparation, the first read of the pages. Its answers are checked against each other.
  const first = await time(runReport);
  const firstFloor = runFloor ? await time(runFloor) : null;
  if (floor?.check && firstFloor) {
    const wrong = floor.check(firstFloor.value, first.value.json);
    if (wrong.length > 0)
      notes.push(`figures differ from the floor's: ${wrong.slice(0, 4).join('; ')}`);
  }
  if (env.config.warmup === 0) {
    reportMs.push(first.ms);
    if (firstFloor) floorMs.push(firstFloor.ms);
    notes.push('no warm-up run');
  }
  const budget = env.config.phaseSeconds * 1000;
  const started = performance.now();
  for (let i = reportMs.length; i < runs; i++) {
    reportMs.push((await time(runReport)).ms);
    if (runFloor) floorMs.push((await time(runFloor)).ms);
    if (performance.now() - started > budget && i + 1 < runs) {
      notes.push(`stopped after ${i + 1} of ${runs} runs (BENCH_PHASE_SECONDS)`);
      break;
    }
  }
  const app = spread(reportMs);
  const bare = floorMs.length > 0 ? spread(floorMs) : null;
  const ratio = bare ? app.p50 / bare.p50 : null;
  log(
    `  analytics: ${report.name} ${app.p50.toFixed(1)} ms` +
      (bare ? ` vs floor ${bare.p50.toFixed(1)} ms (${ratio?.toFixed(2)}×)` : ' (no floor)') +
      `; load ${loadavg()[0]?.toFixed(2)}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
  );
  return {
    report: report.name,
    runs: reportMs.length,
    reportMs: app,
    floorMs: bare,
    ratio,
    floorPlan: statement ? await explain(driver, statement) : null,
    notes: floor ? [floor.describes, ...notes] : ['no floor yet', ...notes],
  };
}
