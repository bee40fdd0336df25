import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Band = NonNullable<ReportData<'win-model'>['model']>['metrics']['bands'][number];

const share = (bp: number | null) => (bp === null ? null : bp / 10_000);
const bandLabel = (b: Band) => `${b.fromBp / 100}–${b.toBp / 100}%`;

/** Predicted against actual win share per probability band of the held-out deals. */
export function WinModelCard() {
  const { t, fmt, params, query } = useReportView('win-model');
  const brier = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  return (
    <ReportCard
      title={t('winModel.title')}
      testId="chart-win-model"
      report="win-model"
      query={query}
      params={params}
      isEmpty={(d) => d.model === null}
      empty={
        query.data
          ? t('winModel.none', {
              closed: query.data.closedDeals,
              minimum: query.data.minimumClosedDeals,
            })
          : undefined
      }
      summary={(d) =>
        d.model
          ? t('winModel.brier', {
              brier: brier(d.model.metrics.brier),
              stage: brier(d.model.metrics.stageBaselineBrier),
              base: brier(d.model.metrics.baseRateBrier),
            })
          : null
      }
      option={(d) => {
        const bands = d.model?.metrics.bands ?? [];
        const pct = (bp: number | null) => (bp === null ? null : bp / 100);
        return {
          grid: { left: 50, right: 50, top: 30, bottom: 40 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: bands.map(bandLabel) },
          yAxis: [
            { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            { type: 'value', splitLine: { show: false } },
          ],
          series: [
            {
              type: 'bar',
              name: t('winModel.deals'),
              yAxisIndex: 1,
              data: bands.map((b) => b.count),
              itemStyle: { opacity: 0.3 },
            },
            {
              type: 'line',
              name: t('winModel.predicted'),
              data: bands.map((b) => pct(b.predictedMeanBp)),
            },
            {
              type: 'line',
              name: t('winModel.actual'),
              data: bands.map((b) => pct(b.actualShareBp)),
            },
          ],
        };
      }}
      table={(d) => (
        <DataTable<Band>
          rows={d.model?.metrics.bands ?? []}
          rowKey={(b) => String(b.fromBp)}
          columns={[
            textColumn('band', t('winModel.band'), bandLabel),
            numberColumn('count', t('winModel.deals'), (b) => fmt.count(b.count)),
            numberColumn('wins', t('winModel.wins'), (b) => fmt.count(b.wins)),
            numberColumn('predicted', t('winModel.predicted'), (b) =>
              fmt.percent(share(b.predictedMeanBp)),
            ),
            numberColumn('actual', t('winModel.actual'), (b) =>
              fmt.percent(share(b.actualShareBp)),
            ),
          ]}
        />
      )}
    />
  );
}
