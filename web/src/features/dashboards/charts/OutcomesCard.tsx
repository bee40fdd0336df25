import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** Win rate (won against lost) and sales velocity with every factor behind it. */
export function OutcomesCard() {
  const { t, name, fmt, params, query } = useReportView('outcomes');
  const figures = (d: ReportData<'outcomes'>): Figure[] => [
    { key: 'winRate', label: t('outcomes.winRate'), value: fmt.percent(d.winRate.rate) },
    { key: 'won', label: t('outcomes.won'), value: fmt.count(d.winRate.won) },
    { key: 'lost', label: t('outcomes.lost'), value: fmt.count(d.winRate.lost) },
    {
      key: 'averageWon',
      label: t('outcomes.averageWon'),
      value: fmt.money(d.wonSize.averageMinor),
    },
    { key: 'medianWon', label: t('outcomes.medianWon'), value: fmt.money(d.wonSize.medianMinor) },
    { key: 'cycle', label: t('outcomes.cycle'), value: fmt.days(d.cycle.averageSeconds) },
    {
      key: 'openQualified',
      label: t('outcomes.openQualified', { stage: name(d.velocity.qualifiedFrom) }),
      value: fmt.count(d.velocity.openQualified),
    },
    {
      key: 'openQualifiedAmount',
      label: t('outcomes.openQualifiedAmount'),
      value: fmt.money(d.velocity.openQualifiedAmountMinor),
    },
    {
      key: 'velocityDay',
      label: t('outcomes.velocityDay'),
      value: fmt.money(d.velocity.perDayMinor),
    },
    {
      key: 'velocityPeriod',
      label: t('outcomes.velocityPeriod'),
      value: fmt.money(d.velocity.perPeriodMinor),
    },
    { key: 'acv', label: t('outcomes.acv'), value: fmt.money(d.acv.amountMinor) },
  ];
  return (
    <ReportCard
      title={t('outcomes.title')}
      testId="chart-outcomes"
      report="outcomes"
      query={query}
      params={params}
      isEmpty={(d) => d.winRate.closed === 0 && d.velocity.openQualified === 0}
      option={(d) => ({
        tooltip: { trigger: 'item' },
        legend: { top: 0 },
        series: [
          {
            type: 'pie',
            radius: ['45%', '70%'],
            label: {
              show: true,
              position: 'center',
              formatter: () => fmt.percent(d.winRate.rate),
              fontSize: 22,
            },
            data: [
              { name: t('outcomes.won'), value: d.winRate.won, itemStyle: { color: '#16a34a' } },
              { name: t('outcomes.lost'), value: d.winRate.lost, itemStyle: { color: '#dc2626' } },
            ],
          },
        ],
      })}
      table={(d) => (
        <DataTable<Figure>
          rows={figures(d)}
          rowKey={(f) => f.key}
          columns={[
            textColumn('label', t('outcomes.figure'), (f) => f.label),
            numberColumn('value', t('outcomes.value'), (f) => f.value),
          ]}
        />
      )}
    />
  );
}
