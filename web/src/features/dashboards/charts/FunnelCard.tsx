import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Row = ReportData<'funnel'>['stages'][number];

/** Standing pipeline per open stage now (count, amount, weighted) beside how far the period's deals got. */
export function FunnelCard() {
  const { t, name, fmt, params, query } = useReportView('funnel');
  return (
    <ReportCard
      title={t('funnel.title')}
      testId="chart-funnel"
      report="funnel"
      query={query}
      params={params}
      height={340}
      isEmpty={(d) => d.stages.every((s) => s.count === 0 && s.reachedCount === 0)}
      summary={(d) =>
        t('funnel.closed', {
          won: fmt.count(d.won.count),
          wonAmount: fmt.money(d.won.amountMinor),
          lost: fmt.count(d.lost.count),
          lostAmount: fmt.money(d.lost.amountMinor),
        })
      }
      option={(d) => {
        const funnel = (
          title: string,
          left: string,
          value: (r: Row) => number,
          label: (r: Row) => string,
        ) => ({
          type: 'funnel' as const,
          name: title,
          left,
          top: 30,
          bottom: 10,
          width: '44%',
          sort: 'none' as const,
          minSize: '8%',
          label: { show: true, position: 'inside' as const, formatter: '{b}' },
          data: d.stages.map((r) => ({ name: `${name(r.stage)}: ${label(r)}`, value: value(r) })),
        });
        return {
          tooltip: { trigger: 'item', formatter: '{a}<br/>{b}' },
          legend: { top: 0 },
          series: [
            funnel(
              t('funnel.standing'),
              '3%',
              (r) => r.count,
              (r) => `${fmt.count(r.count)} · ${fmt.money(r.weightedMinor)}`,
            ),
            funnel(
              t('funnel.reached'),
              '53%',
              (r) => r.reachedCount,
              (r) => fmt.count(r.reachedCount),
            ),
          ],
        };
      }}
      table={(d) => (
        <DataTable<Row>
          rows={d.stages}
          rowKey={(r) => r.stage.key}
          columns={[
            textColumn('stage', t('stage'), (r) => name(r.stage)),
            numberColumn('count', t('count'), (r) => fmt.count(r.count)),
            numberColumn('amount', t('amount'), (r) => fmt.money(r.amountMinor)),
            numberColumn('weighted', t('weighted'), (r) => fmt.money(r.weightedMinor)),
            numberColumn('reached', t('funnel.reachedCount'), (r) => fmt.count(r.reachedCount)),
            numberColumn('reachedAmount', t('funnel.reachedAmount'), (r) =>
              fmt.money(r.reachedAmountMinor),
            ),
          ]}
        />
      )}
    />
  );
}
