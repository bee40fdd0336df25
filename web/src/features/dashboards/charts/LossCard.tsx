import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Cell = ReportData<'loss-analysis'>['lost']['cube'][number];

/** Lost deals by reason × stage lost at (heatmap), with competitors in the table. */
export function LossCard() {
  const { t, name, fmt, params, query } = useReportView('loss-analysis');
  const reasonOf = (c: Pick<Cell, 'reason'>) => (c.reason ? name(c.reason) : t('loss.noReason'));
  const stageOf = (c: Pick<Cell, 'stage'>) => (c.stage ? name(c.stage) : t('loss.noStage'));
  return (
    <ReportCard
      title={t('loss.title')}
      testId="chart-loss"
      report="loss-analysis"
      query={query}
      params={params}
      height={320}
      // Reasons come from loss reviews: without one there is nothing to cross-tabulate.
      isEmpty={(d) => d.lost.reviewed === 0}
      empty={query.data ? t('loss.none', { deals: fmt.count(query.data.lost.deals) }) : undefined}
      summary={(d) =>
        t('loss.summary', {
          deals: fmt.count(d.lost.deals),
          reviewed: fmt.count(d.lost.reviewed),
          unreviewed: fmt.count(d.lost.unreviewed),
        })
      }
      option={(d) => {
        const reasons = [...new Set(d.lost.byReason.map(reasonOf))];
        const stages = [...new Set(d.lost.byStage.map(stageOf))];
        const counts = new Map<string, number>();
        for (const c of d.lost.cube) {
          const key = `${reasonOf(c)}\u0000${stageOf(c)}`;
          counts.set(key, (counts.get(key) ?? 0) + c.count);
        }
        const data = reasons.flatMap((reason, y) =>
          stages.map((stage, x) => [x, y, counts.get(`${reason}\u0000${stage}`) ?? 0]),
        );
        return {
          grid: { left: 140, right: 20, top: 10, bottom: 90 },
          tooltip: { position: 'top' },
          xAxis: { type: 'category', data: stages },
          yAxis: { type: 'category', inverse: true, data: reasons },
          visualMap: {
            min: 0,
            max: Math.max(1, ...data.map((v) => v[2] ?? 0)),
            orient: 'horizontal',
            left: 'center',
            bottom: 0,
            calculable: true,
          },
          series: [{ type: 'heatmap', data, label: { show: true } }],
        };
      }}
      table={(d) => (
        <DataTable<Cell>
          rows={d.lost.cube}
          rowKey={(c) => `${c.reason?.key ?? ''}|${c.stageId}|${c.competitor ?? ''}`}
          columns={[
            textColumn<Cell>('reason', t('loss.reason'), reasonOf),
            textColumn<Cell>('stage', t('stage'), stageOf),
            textColumn(
              'competitor',
              t('loss.competitor'),
              (c) => c.competitor ?? t('loss.noCompetitor'),
            ),
            numberColumn('count', t('count'), (c) => fmt.count(c.count)),
            numberColumn('amount', t('amount'), (c) => fmt.money(c.amountMinor)),
          ]}
        />
      )}
    />
  );
}
