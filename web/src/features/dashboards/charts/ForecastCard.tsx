import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Report = ReportData<'forecast'>;
interface Row {
  readonly key: string;
  readonly label: string;
  readonly count: number | null;
  readonly stageWeighted: number;
  readonly commit: number;
  readonly bestCase: number;
  readonly pipeline: number;
  readonly historical: number;
  readonly learned: number;
}

function rows(
  d: Report,
  stageLabel: (r: Report['stages'][number]) => string,
  closed: string,
  total: string,
): Row[] {
  const c = d.closed.amountMinor;
  return [
    ...d.stages.map((s) => ({
      key: s.stage.key,
      label: stageLabel(s),
      count: s.count,
      stageWeighted: s.stageWeightedMinor,
      commit: s.categories.commitMinor,
      bestCase: s.categories.bestCaseMinor,
      pipeline: s.categories.pipelineMinor,
      historical: s.historical.weightedMinor,
      learned: s.learned.weightedMinor,
    })),
    {
      key: 'closed',
      label: closed,
      count: d.closed.count,
      stageWeighted: c,
      commit: c,
      bestCase: c,
      pipeline: c,
      historical: c,
      learned: c,
    },
    {
      key: 'total',
      label: total,
      count: null,
      stageWeighted: d.totals.stageWeighted.totalMinor,
      commit: d.totals.categories.commitMinor + d.totals.categories.closedMinor,
      bestCase: d.totals.categories.bestCaseMinor + d.totals.categories.closedMinor,
      pipeline: d.totals.categories.pipelineMinor + d.totals.categories.closedMinor,
      historical: d.totals.historical.totalMinor,
      learned: d.totals.learned.totalMinor,
    },
  ];
}

const MODELS = [
  ['stageWeighted', 'forecast.stageWeighted'],
  ['commit', 'forecast.commit'],
  ['bestCase', 'forecast.bestCase'],
  ['pipeline', 'forecast.pipeline'],
  ['historical', 'forecast.historical'],
  ['learned', 'forecast.learned'],
] as const;

/** The four forecast models side by side, stacked by stage over the closed amount. */
export function ForecastCard() {
  const { t, name, fmt, params, query } = useReportView('forecast');
  const table = (d: Report) =>
    rows(d, (s) => name(s.stage), t('forecast.closed'), t('forecast.total'));
  return (
    <ReportCard
      title={t('forecast.title')}
      testId="chart-forecast"
      report="forecast"
      query={query}
      params={params}
      height={340}
      isEmpty={(d) => d.totals.count === 0 && d.closed.count === 0}
      option={(d) => {
        const parts = table(d).filter((r) => r.key !== 'total');
        return {
          grid: { left: 100, right: 20, top: 50, bottom: 40 },
          legend: { top: 0, type: 'scroll' },
          tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.money(Number(v)) },
          xAxis: { type: 'category', data: MODELS.map(([, label]) => t(label)) },
          yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
          series: parts.map((part) => ({
            type: 'bar' as const,
            stack: 'models',
            name: part.label,
            data: MODELS.map(([model]) => part[model]),
          })),
        };
      }}
      table={(d) => (
        <DataTable<Row>
          rows={table(d)}
          rowKey={(r) => r.key}
          columns={[
            textColumn('label', t('stage'), (r) => r.label),
            numberColumn('count', t('count'), (r) => fmt.count(r.count)),
            ...MODELS.map(([model, label]) =>
              numberColumn<Row>(model, t(label), (r) => fmt.money(r[model])),
            ),
          ]}
        />
      )}
    />
  );
}
