import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import type { DashboardKey } from '../messages';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Report = ReportData<'pipeline-changes'>;
interface Line {
  readonly key: string;
  readonly label: DashboardKey;
  readonly count: number | null;
  readonly amountMinor: number;
  /** Where the bar sits in the waterfall: a total from 0, a step up or down, or none (movement). */
  readonly kind: 'total' | 'up' | 'down' | 'delta' | 'movement';
}

function lines(r: Report): Line[] {
  return [
    { key: 'starting', label: 'changes.starting', ...r.starting, kind: 'total' },
    { key: 'new', label: 'changes.new', ...r.new, kind: 'up' },
    { key: 'won', label: 'changes.won', ...r.won, kind: 'down' },
    { key: 'lost', label: 'changes.lost', ...r.lost, kind: 'down' },
    {
      key: 'amountChanges',
      label: 'changes.amountChanges',
      count: r.amountChanges.count,
      amountMinor: r.amountChanges.amountMinor,
      kind: 'delta',
    },
    { key: 'ending', label: 'changes.ending', ...r.ending, kind: 'total' },
    { key: 'advanced', label: 'changes.advanced', ...r.advanced, kind: 'movement' },
    { key: 'movedBack', label: 'changes.movedBack', ...r.movedBack, kind: 'movement' },
    { key: 'slipped', label: 'changes.slipped', ...r.slipped, kind: 'movement' },
  ];
}

/**
 * The bars of a waterfall as an invisible base plus a visible step, walking from the
 * starting amount to the ending one (the report guarantees they meet).
 */
function waterfall(steps: readonly Line[]): { base: number[]; step: number[] } {
  let level = 0;
  const base: number[] = [];
  const step: number[] = [];
  for (const line of steps) {
    const change = line.kind === 'down' ? -line.amountMinor : line.amountMinor;
    if (line.kind === 'total') {
      base.push(0);
      step.push(line.amountMinor);
      level = line.amountMinor;
    } else {
      const next = level + change;
      base.push(Math.min(level, next));
      step.push(Math.abs(change));
      level = next;
    }
  }
  return { base, step };
}

/** How the period's starting open pipeline became its ending one. */
export function ChangesCard() {
  const { t, fmt, params, query } = useReportView('pipeline-changes');
  return (
    <ReportCard
      title={t('changes.title')}
      testId="chart-pipeline-changes"
      report="pipeline-changes"
      query={query}
      params={params}
      isEmpty={(d) => d.starting.count === 0 && d.ending.count === 0 && d.new.count === 0}
      option={(d) => {
        const steps = lines(d).filter((l) => l.kind !== 'movement');
        const { base, step } = waterfall(steps);
        return {
          grid: { left: 90, right: 20, top: 20, bottom: 40 },
          tooltip: {
            trigger: 'axis',
            formatter: (items) => {
              const list = Array.isArray(items) ? items : [items];
              const index = list[0]?.dataIndex ?? 0;
              const line = steps[index];
              return line ? `${t(line.label)}: ${fmt.money(line.amountMinor)}` : '';
            },
          },
          xAxis: { type: 'category', data: steps.map((l) => t(l.label)) },
          yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
          series: [
            {
              type: 'bar',
              stack: 'w',
              silent: true,
              itemStyle: { color: 'transparent' },
              data: base,
            },
            {
              type: 'bar',
              stack: 'w',
              data: step.map((value, i) => ({
                value,
                itemStyle: {
                  color:
                    steps[i]?.kind === 'total'
                      ? '#1d4ed8'
                      : steps[i]?.kind === 'down'
                        ? '#dc2626'
                        : '#16a34a',
                },
              })),
            },
          ],
        };
      }}
      table={(d) => (
        <DataTable<Line>
          rows={lines(d)}
          rowKey={(l) => l.key}
          columns={[
            textColumn('line', t('changes.line'), (l) => t(l.label)),
            numberColumn('count', t('count'), (l) => fmt.count(l.count)),
            numberColumn('amount', t('amount'), (l) => fmt.money(l.amountMinor)),
          ]}
        />
      )}
    />
  );
}
