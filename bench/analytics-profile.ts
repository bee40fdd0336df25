import { performance } from 'node:perf_hooks';
import { reports } from '../src/app/analytics/registry.js';
import { keptArgs, openKept } from './kept-database.js';
import { explain } from './plans.js';
import { openRawDriver } from './raw-driver.js';
import type { RawValue } from './raw-driver.js';

/**
 * Where one report's time goes, on a database an `analytics` bench run kept: runs the report
 * once as the bench does and prints every statement it sent, slowest first, with its
 * duration and (`--plan`) the database's plan for it; `--analyze` adds PostgreSQL's
 * EXPLAIN ANALYZE of the slowest (it runs that statement once more).
 *
 *   npx tsx bench/analytics-profile.ts /tmp/pipewright-bench-…/bench.db patterns --plan
 *   npx tsx bench/analytics-profile.ts postgres://postgres@127.0.0.1:5432/test people --schema=pw_bench_…
 */
interface Sent {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly ms: number;
}

const rawValue = (value: unknown): RawValue =>
  typeof value === 'string' || typeof value === 'number' || value === null
    ? value
    : value instanceof Date
      ? value.toISOString()
      : JSON.stringify(value);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { target, rest } = keptArgs(argv);
  const name = rest[0];
  if (!target || !name)
    throw new Error(
      'usage: analytics-profile.ts <kept bench.db | PostgreSQL URL> <report> [--plan] [--analyze] [--schema=…]',
    );
  const report = reports.find((candidate) => candidate.name === name);
  if (!report) throw new Error(`no report ${name}`);
  const sent: Sent[] = [];
  let recording = false;
  const kept = await openKept(target, (query) => {
    if (recording) sent.push(query);
  });
  const driver =
    argv.includes('--plan') || argv.includes('--analyze') ? openRawDriver(target, 1) : null;
  try {
    recording = true;
    const started = performance.now();
    await report.execute(kept.runtime.ctx, kept.admin, kept.filter, {});
    const total = performance.now() - started;
    recording = false;
    const inStatements = sent.reduce((sum, query) => sum + query.ms, 0);
    console.log(
      `${name}: ${total.toFixed(0)} ms, ${sent.length} statements (${inStatements.toFixed(0)} ms in them)`,
    );
    const slowest = [...sent].sort((a, b) => b.ms - a.ms);
    for (const query of slowest) {
      console.log(`\n--- ${query.ms.toFixed(0)} ms\n${query.sql.replace(/\s+/g, ' ').trim()}`);
      if (driver)
        console.log(
          `plan: ${await explain(driver, {
            sql: target.dialect === 'postgres' ? query.sql.replace(/\$\d+/g, '?') : query.sql,
            params: query.parameters.map(rawValue),
          })}`,
        );
    }
    // PostgreSQL's EXPLAIN ANALYZE of the slowest statement: time and rows per plan node.
    const first = slowest[0];
    if (argv.includes('--analyze') && first && target.dialect === 'postgres' && driver) {
      const rows = await driver.query<Record<string, unknown>>({
        sql: `explain (analyze, buffers) ${first.sql.replace(/\$\d+/g, '?')}`,
        params: first.parameters.map(rawValue),
      });
      console.log(
        `\n--- EXPLAIN ANALYZE of the slowest\n${rows.map((row) => String(row['QUERY PLAN'])).join('\n')}`,
      );
    }
  } finally {
    await driver?.close();
    await kept.runtime.close();
  }
}

await main();
