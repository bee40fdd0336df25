import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { reports } from '../src/app/analytics/registry.js';
import { floors } from './floors/index.js';
import type { FloorRow } from './floors/index.js';
import { keptArgs, openKept } from './kept-database.js';
import { openRawDriver } from './raw-driver.js';
import { percentile } from './stats.js';

/**
 * Re-measures analytics reports on a database an `analytics` run kept (`BENCH_KEEP_DB=1`),
 * without generating the million deals again (about 25 minutes per dialect):
 *
 *   npx tsx bench/analytics-kept.ts /tmp/pipewright-bench-…/bench.db funnel,outcomes
 *   npx tsx bench/analytics-kept.ts postgres://postgres@127.0.0.1:5432/test all --schema=pw_bench_…
 *
 * (`all`, or no list, measures every report.) Like the bench case: the generated tenant's
 * admin reads the last 12 calendar months; each report alternates with its floor, one
 * warm-up run then up to `BENCH_KEPT_RUNS` (default 7) measured runs (fewer once a report's
 * runs have taken BUDGET_MS), and the floor's figures are compared with the report's. Prints
 * one line per report. `analytics-profile.ts` shows where one report's time goes.
 */
const RUNS = Number(process.env.BENCH_KEPT_RUNS ?? 7);
const BUDGET_MS = 120_000;

async function main(): Promise<void> {
  const { target, rest } = keptArgs(process.argv.slice(2));
  if (!target)
    throw new Error(
      'usage: analytics-kept.ts <kept bench.db | PostgreSQL URL> [report,…|all] [--schema=…]',
    );
  const list = rest[0] ?? 'all';
  const names =
    list === 'all'
      ? reports.map((report) => report.name)
      : list.split(',').map((part) => part.trim());
  const { runtime, admin, filter, question } = await openKept(target);
  const driver = openRawDriver(target, 1);
  try {
    for (const name of names) {
      const report = reports.find((candidate) => candidate.name === name);
      if (!report) throw new Error(`no report ${name}`);
      const floor = floors[name];
      const reportMs: number[] = [];
      const floorMs: number[] = [];
      let json: unknown = null;
      let floorRows: readonly FloorRow[] = [];
      const started = performance.now();
      for (let run = 0; run <= RUNS; run++) {
        if (run > 1 && performance.now() - started > BUDGET_MS) break;
        let at = performance.now();
        json = (await report.execute(runtime.ctx, admin, filter, {})).json;
        if (run > 0) reportMs.push(performance.now() - at);
        if (!floor) continue;
        at = performance.now();
        floorRows = await driver.query<FloorRow>(floor.statement(question));
        if (run > 0) floorMs.push(performance.now() - at);
      }
      console.log(
        `${name}: report ${spread(reportMs)}${floorPart(reportMs, floorMs)}; ${reportMs.length} runs after a warm-up; load ${loadavg()
          .map((value) => value.toFixed(1))
          .join(' ')}; ${agreement(floor?.check?.(floorRows, json))}`,
      );
    }
  } finally {
    await driver.close();
    await runtime.close();
  }
}

function spread(ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (value: number | undefined) => (value ?? NaN).toFixed(0);
  return `${at(percentile(sorted, 50))} ms (${at(sorted[0])}–${at(sorted.at(-1))})`;
}

function floorPart(reportMs: readonly number[], floorMs: readonly number[]): string {
  if (floorMs.length === 0) return ', no floor';
  const median = (ms: readonly number[]) =>
    percentile(
      [...ms].sort((a, b) => a - b),
      50,
    );
  return `, floor ${spread(floorMs)}, ratio ${(median(reportMs) / median(floorMs)).toFixed(2)}×`;
}

function agreement(differences: readonly string[] | undefined): string {
  if (differences === undefined) return 'figures not compared';
  return differences.length === 0 ? 'figures agree' : `figures DIFFER: ${differences.join('; ')}`;
}

await main();
