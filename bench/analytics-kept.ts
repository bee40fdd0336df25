import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { reports } from '../src/app/analytics/registry.js';
import { addDays, periodOf, startOfLocalDate } from '../src/domain/analytics/period.js';
import { calendarDate } from '../src/domain/days.js';
import type { Principal } from '../src/domain/tenancy/principal.js';
import { openRuntime } from '../src/runtime.js';
import { floors } from './floors/index.js';
import type { FloorQuestion, FloorRow } from './floors/index.js';
import { openRawDriver } from './raw-driver.js';
import { percentile } from './stats.js';

/**
 * Re-measures analytics reports on a SQLite database an `analytics` run kept
 * (`BENCH_KEEP_DB=1`), without generating the million deals again (about 25 minutes):
 *
 *   npx tsx bench/analytics-kept.ts /tmp/pipewright-bench-…/bench.db funnel,outcomes
 *
 * Like the bench case: the generated tenant's admin reads the last 12 calendar months; each
 * report alternates with its floor, one warm-up run then RUNS measured runs, and the floor's
 * figures are compared with the report's. Prints one line per report.
 */
const RUNS = 7;

interface Generated {
  readonly tenant_id: string;
  readonly user_id: string;
  readonly time_zone: string;
  readonly pipeline_id: string;
}

async function main(): Promise<void> {
  const [file, names = 'funnel,outcomes'] = process.argv.slice(2);
  if (!file) throw new Error('usage: analytics-kept.ts <kept bench.db> [report,report…]');
  const runtime = await openRuntime(file);
  const driver = openRawDriver(
    { dialect: 'sqlite', database: file, description: file, drop: () => Promise.resolve() },
    1,
  );
  try {
    // The analytics generator's tenant: its admin signs in as admin@<slug>.test.
    const { rows } = await sql<Generated>`
      select u.tenant_id, u.id as user_id, t.time_zone, p.id as pipeline_id from users u
      join tenants t on t.id = u.tenant_id
      join pipelines p on p.tenant_id = u.tenant_id and p.is_default = 1
      where u.role = 'admin' and u.email like 'admin@%.test'
      order by u.created_at desc limit 1`.execute(runtime.store.db);
    const generated = rows[0];
    if (!generated) throw new Error(`${file} holds no generated analytics tenant`);
    const admin: Principal = {
      tenantId: generated.tenant_id,
      userId: generated.user_id,
      role: 'admin',
      grants: [],
      requestId: 'bench-analytics-kept',
    };
    const to = calendarDate(new Date(), generated.time_zone);
    const from = `${addDays(`${to.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
    const period = periodOf(from, to, generated.time_zone);
    const question: FloorQuestion = {
      dialect: 'sqlite',
      tenantId: generated.tenant_id,
      pipelineId: generated.pipeline_id,
      currency: 'CNY',
      from,
      to,
      timeZone: generated.time_zone,
      start: period.start,
      end: period.end,
      at: startOfLocalDate(addDays(to, 1), generated.time_zone),
    };
    for (const name of names.split(',').map((part) => part.trim())) {
      const report = reports.find((candidate) => candidate.name === name);
      if (!report) throw new Error(`no report ${name}`);
      const floor = floors[name];
      const reportMs: number[] = [];
      const floorMs: number[] = [];
      let json: unknown = null;
      let floorRows: readonly FloorRow[] = [];
      for (let run = 0; run <= RUNS; run++) {
        let started = performance.now();
        json = (await report.execute(runtime.ctx, admin, { from, to }, {})).json;
        if (run > 0) reportMs.push(performance.now() - started);
        if (!floor) continue;
        started = performance.now();
        floorRows = await driver.query<FloorRow>(floor.statement(question));
        if (run > 0) floorMs.push(performance.now() - started);
      }
      console.log(
        `${name}: report ${spread(reportMs)}${floorPart(reportMs, floorMs)}; ${RUNS} runs after a warm-up; load ${loadavg()
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
