import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type ConversionRow = ReportData<'conversion'>['buckets'][number]['stages'][number];
type DwellRow = ReportData<'dwell'>['stages'][number];

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const days = (seconds: number | null) =>
  seconds === null ? null : Math.round(seconds / 8640) / 10;

/** Stage → next and stage → won of each stage's cohort in the period, with the counts. */
export function ConversionCard() {
  const { t, name, fmt, params, query } = useReportView('conversion');
  const rowsOf = (d: ReportData<'conversion'>) => d.buckets[0]?.stages ?? [];
  return (
    <ReportCard
      title={t('conversion.title')}
      testId="chart-conversion"
      report="conversion"
      query={query}
      params={params}
      isEmpty={(d) => rowsOf(d).every((r) => r.cohort === 0)}
      option={(d) => ({
        grid: { left: 50, right: 20, top: 30, bottom: 40 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : `${String(v)}%`) },
        xAxis: { type: 'category', data: rowsOf(d).map((r) => name(r.stage)) },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { type: 'bar', name: t('conversion.toNext'), data: rowsOf(d).map((r) => pct(r.toNext)) },
          { type: 'bar', name: t('conversion.toWon'), data: rowsOf(d).map((r) => pct(r.toWon)) },
        ],
      })}
      table={(d) => (
        <DataTable<ConversionRow>
          rows={rowsOf(d)}
          rowKey={(r) => r.stage.key}
          columns={[
            textColumn('stage', t('stage'), (r) => name(r.stage)),
            numberColumn('cohort', t('conversion.cohort'), (r) => fmt.count(r.cohort)),
            numberColumn('advanced', t('conversion.advanced'), (r) => fmt.count(r.advanced)),
            numberColumn('won', t('conversion.won'), (r) => fmt.count(r.won)),
            numberColumn('lost', t('conversion.lost'), (r) => fmt.count(r.lost)),
            numberColumn('open', t('conversion.open'), (r) => fmt.count(r.open)),
            numberColumn('toNext', t('conversion.toNext'), (r) => fmt.percent(r.toNext)),
            numberColumn('toWon', t('conversion.toWon'), (r) => fmt.percent(r.toWon)),
          ]}
        />
      )}
    />
  );
}

/** Median, p75 and p90 days in each stage over the visits that ended in the period. */
export function DwellCard() {
  const { t, name, fmt, params, query } = useReportView('dwell');
  return (
    <ReportCard
      title={t('dwell.title')}
      testId="chart-dwell"
      report="dwell"
      query={query}
      params={params}
      isEmpty={(d) => d.stages.every((r) => r.n === 0)}
      option={(d) => ({
        grid: { left: 50, right: 20, top: 30, bottom: 40 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: d.stages.map((r) => name(r.stage)) },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            name: t('dwell.median'),
            data: d.stages.map((r) => days(r.medianSeconds)),
          },
          { type: 'bar', name: t('dwell.p75'), data: d.stages.map((r) => days(r.p75Seconds)) },
          { type: 'bar', name: t('dwell.p90'), data: d.stages.map((r) => days(r.p90Seconds)) },
          {
            type: 'line',
            name: t('dwell.expected'),
            data: d.stages.map((r) => r.expectedDwellDays),
          },
        ],
      })}
      table={(d) => (
        <DataTable<DwellRow>
          rows={d.stages}
          rowKey={(r) => r.stage.key}
          columns={[
            textColumn('stage', t('stage'), (r) => name(r.stage)),
            numberColumn('count', t('dwell.visits'), (r) => fmt.count(r.n)),
            numberColumn('mean', t('dwell.mean'), (r) => fmt.days(r.meanSeconds)),
            numberColumn('median', t('dwell.median'), (r) => fmt.days(r.medianSeconds)),
            numberColumn('p75', t('dwell.p75'), (r) => fmt.days(r.p75Seconds)),
            numberColumn('p90', t('dwell.p90'), (r) => fmt.days(r.p90Seconds)),
            numberColumn('reentries', t('dwell.reentries'), (r) => fmt.count(r.reentries)),
            numberColumn('expected', t('dwell.expected'), (r) => fmt.count(r.expectedDwellDays)),
          ]}
        />
      )}
    />
  );
}
