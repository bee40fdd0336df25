import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Bucket = ReportData<'trend'>['buckets'][number];
const OPTIONS = { grain: 'week', metric: 'amount' } as const;

/** The open pipeline week by week, from the daily snapshots (last snapshot of each week). */
export function TrendCard() {
  const { t, fmt, params, query } = useReportView('trend', OPTIONS);
  return (
    <ReportCard
      title={t('trend.title')}
      testId="chart-trend"
      report="trend"
      query={query}
      params={params}
      isEmpty={(d) => d.buckets.every((b) => b.snapshotDate === null)}
      option={(d) => {
        const shown = d.buckets.filter((b) => b.snapshotDate !== null);
        return {
          grid: { left: 90, right: 60, top: 30, bottom: 40 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: shown.map((b) => b.from) },
          yAxis: [
            { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
            { type: 'value', splitLine: { show: false } },
          ],
          series: [
            {
              type: 'line',
              name: t('amount'),
              data: shown.map((b) => b.amountMinor),
              tooltip: { valueFormatter: (v) => fmt.money(Number(v)) },
            },
            {
              type: 'line',
              name: t('weighted'),
              data: shown.map((b) => b.weightedMinor),
              tooltip: { valueFormatter: (v) => fmt.money(Number(v)) },
            },
            {
              type: 'bar',
              name: t('count'),
              yAxisIndex: 1,
              data: shown.map((b) => b.count),
              itemStyle: { opacity: 0.35 },
            },
          ],
        };
      }}
      table={(d) => (
        <DataTable<Bucket>
          rows={d.buckets.filter((b) => b.snapshotDate !== null)}
          rowKey={(b) => b.from}
          columns={[
            textColumn('week', t('trend.week'), (b) => `${b.from} – ${b.to}`),
            textColumn('snapshot', t('trend.snapshot'), (b) => b.snapshotDate ?? t('trend.none')),
            numberColumn('count', t('count'), (b) => fmt.count(b.count)),
            numberColumn('amount', t('amount'), (b) => fmt.money(b.amountMinor)),
            numberColumn('weighted', t('weighted'), (b) => fmt.money(b.weightedMinor)),
          ]}
        />
      )}
    />
  );
}
