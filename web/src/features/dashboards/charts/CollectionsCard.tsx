import { useT } from '../../../i18n/locale-context';
import { numberColumn, textColumn } from '../columns';
import { useDashboard } from '../dashboard-context';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { receivablesMessages } from '../receivables-messages';
import { useReportView } from '../use-report-view';

type Collections = ReportData<'collections'>['currencies'][number];
type Period = Collections['periods'][number];
type Rep = Collections['reps'][number];

/** Planned vs collected per month (bars) and the collection rate (line). */
export function CollectionsCard() {
  const { currency } = useDashboard();
  const { fmt, params, query } = useReportView('collections', { currency, grain: 'month' });
  const r = useT(receivablesMessages);
  const first = (d: ReportData<'collections'>): Collections | undefined => d.currencies[0];
  const label = (p: Period) => p.from.slice(0, 7);
  return (
    <ReportCard
      title={r('collections.title')}
      testId="chart-collections"
      report="collections"
      query={query}
      params={params}
      isEmpty={(d) => !first(d)}
      empty={r('collections.none')}
      summary={(d) => {
        const c = first(d);
        return r('collections.summary', {
          planned: fmt.money(c?.plannedMinor ?? 0),
          collected: fmt.money(c?.collectedMinor ?? 0),
          rate: fmt.percent(c?.rate ?? null),
        });
      }}
      option={(d) => {
        const periods = first(d)?.periods ?? [];
        return {
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 90, right: 60, top: 40, bottom: 30 },
          xAxis: { type: 'category', data: periods.map(label) },
          yAxis: [
            { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
            { type: 'value', min: 0, axisLabel: { formatter: (v: number) => fmt.percent(v) } },
          ],
          series: [
            {
              type: 'bar',
              name: r('collections.planned'),
              itemStyle: { color: '#94a3b8' },
              data: periods.map((p) => p.plannedMinor),
            },
            {
              type: 'bar',
              name: r('collections.collected'),
              itemStyle: { color: '#2563eb' },
              data: periods.map((p) => p.collectedMinor),
            },
            {
              type: 'line',
              name: r('collections.rate'),
              yAxisIndex: 1,
              itemStyle: { color: '#16a34a' },
              data: periods.map((p) => p.rate),
            },
          ],
        };
      }}
      table={(d) => (
        <>
          <DataTable<Period>
            rows={first(d)?.periods ?? []}
            rowKey={(p) => p.from}
            columns={[
              textColumn<Period>('period', r('collections.period'), (p) => `${p.from} – ${p.to}`),
              numberColumn<Period>('planned', r('collections.planned'), (p) =>
                fmt.money(p.plannedMinor),
              ),
              numberColumn<Period>('collected', r('collections.collected'), (p) =>
                fmt.money(p.collectedMinor),
              ),
              numberColumn<Period>('rate', r('collections.rate'), (p) => fmt.percent(p.rate)),
            ]}
          />
          <DataTable<Rep>
            rows={first(d)?.reps ?? []}
            rowKey={(rep) => `rep:${rep.ownerId}`}
            columns={[
              textColumn<Rep>('rep', r('collections.rep'), (rep) => rep.ownerName ?? rep.ownerId),
              numberColumn<Rep>('planned', r('collections.planned'), (rep) =>
                fmt.money(rep.plannedMinor),
              ),
              numberColumn<Rep>('collected', r('collections.collected'), (rep) =>
                fmt.money(rep.collectedMinor),
              ),
              numberColumn<Rep>('rate', r('collections.rate'), (rep) => fmt.percent(rep.rate)),
            ]}
          />
        </>
      )}
    />
  );
}
