import { count, loads, ms, rate, ratio, seconds } from './format.js';
import type { BenchReport, CaseResult, DialectResult } from './results.js';
import { SEGMENT } from './seed.js';

/** The run as plain-text tables for the terminal. */
export function renderConsole(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    '',
    `Pipewright benchmarks — ${machine.date}`,
    `${machine.cpuModel} × ${machine.cpuCount}, ${machine.memoryGiB.toFixed(1)} GiB, ` +
      `${machine.os}, Node.js ${machine.node}, load ${loads(machine.loadAtStart)} at start, ` +
      `${loads(report.loadAtEnd)} at end`,
    `Code: ${report.revision}`,
  ];
  for (const dialect of report.dialects) lines.push('', ...renderDialect(dialect));
  lines.push('', `Ratio = API wall time per operation ÷ floor wall time per operation.`);
  const busiest = Math.max(machine.loadAtStart[0], report.loadAtEnd[0]);
  if (busiest > machine.cpuCount) {
    lines.push(
      `! Busy machine (1-minute load up to ${busiest.toFixed(1)}): figures are pessimistic.`,
    );
  }
  lines.push(`Total run time ${seconds(report.seconds)}.`, '');
  return lines.join('\n');
}

function renderDialect(result: DialectResult): string[] {
  const header = [
    'Case',
    'Ops',
    'In flight',
    'API ops/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'Floor ops/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'Ratio',
  ];
  const rows = result.cases.map((c: CaseResult) => [
    c.title,
    count(c.api.ops),
    `${c.concurrency} / ${c.floorConcurrency}`,
    rate(c.api.opsPerSecond),
    ms(c.api.latency.p50),
    ms(c.api.latency.p95),
    ms(c.api.latency.p99),
    rate(c.floor.opsPerSecond),
    ms(c.floor.latency.p50),
    ms(c.floor.latency.p95),
    ms(c.floor.latency.p99),
    ratio(c.ratio),
  ]);
  const lines = [
    `== ${result.version}: ${result.description}; ${result.settings}`,
    ...table(header, rows),
  ];
  if (result.seeding) {
    const s = result.seeding;
    lines.push(
      `Seeded ${count(s.opportunities)} deals (${count(s.rows)} rows) in ${seconds(s.seconds)}: ` +
        `${rate(s.opportunities / s.seconds)} deals/s, ${rate(s.rows / s.seconds)} rows/s ` +
        `(per ${count(SEGMENT)} deals: ${s.segments.map((t) => `${t.toFixed(0)} s`).join(' → ')})`,
    );
  }
  if (result.listStage) {
    lines.push(
      `List stage: ${result.listStage.name} (${count(result.listStage.opportunities)} live deals)`,
    );
  }
  for (const plan of result.plans) lines.push(`Plan, ${plan.query}: ${plan.plan}`);
  for (const c of result.cases) for (const note of c.notes) lines.push(`! ${c.title}: ${note}`);
  return lines;
}

/** Left-aligned first column, right-aligned numbers. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
