import type { AnalyticsResult } from './cases/analytics.bench.js';
import { dialectName, ms } from './format.js';

/**
 * The analytics case as Markdown, for the terminal and for pasting into docs/benchmarks.md:
 * the data generated, then one row per report and dialect (median, fastest and slowest
 * run of the report and of its floor, and the ratio of the medians), the floors' plans,
 * and the reports that could not be run.
 */
export function renderAnalytics(results: readonly AnalyticsResult[]): string {
  const lines: string[] = ['', '## Analytics reports', ''];
  for (const result of results) {
    const { dataset } = result;
    const counts = Object.entries(dataset.counts)
      .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
      .join(', ');
    const { generate, indexes, analyse } = dataset.seconds;
    lines.push(
      `- **${dialectName(result.dialect)}:** ${counts}; generated in ${generate.toFixed(0)} s, ` +
        `indexes rebuilt in ${indexes.toFixed(0)} s, statistics in ${analyse.toFixed(0)} s; ` +
        `load at the end ${result.load.map((value) => value.toFixed(2)).join(' / ')}`,
    );
  }
  lines.push(
    '',
    'Latencies in milliseconds: median (fastest–slowest) of the measured runs. _Ratio_ is the report’s median ÷ the floor’s median.',
    '',
    '| Database | Report | Runs | Report p50 (min–max) | Floor p50 (min–max) | Ratio | Notes |',
    '| -------- | ------ | ---: | -------------------: | ------------------: | ----: | ----- |',
  );
  for (const result of results) {
    for (const row of result.rows) {
      const floor = row.floorMs
        ? `${ms(row.floorMs.p50)} (${ms(row.floorMs.min)}–${ms(row.floorMs.max)})`
        : 'no floor';
      lines.push(
        `| ${dialectName(result.dialect)} | \`${row.report}\` | ${row.runs} | ` +
          `${ms(row.reportMs.p50)} (${ms(row.reportMs.min)}–${ms(row.reportMs.max)}) | ${floor} | ` +
          `${row.ratio === null ? '–' : `**${row.ratio.toFixed(2)}×**`} | ${row.notes.join('; ')} |`,
      );
    }
  }
  const plans = results.flatMap((result) =>
    result.rows
      .filter((row) => row.floorPlan !== null)
      .map(
        (row) => `- ${dialectName(result.dialect)}, \`${row.report}\` floor: \`${row.floorPlan}\``,
      ),
  );
  if (plans.length > 0) lines.push('', '### Plans of the floors', '', ...plans);
  const skipped = results.flatMap((result) =>
    result.skipped.map((why) => `- ${dialectName(result.dialect)}: ${why}`),
  );
  if (skipped.length > 0) lines.push('', '### Not measured', '', ...skipped);
  return `${lines.join('\n')}\n`;
}
