import { useT } from '../../../i18n/locale-context';
import { numberColumn, textColumn } from '../columns';
import { useDashboard } from '../dashboard-context';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { receivablesMessages } from '../receivables-messages';
import { useReportView } from '../use-report-view';

type Aging = ReportData<'receivables-aging'>['currencies'][number];
type Amounts = Aging['totals'];

const BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
const COLORS = ['#16a34a', '#facc15', '#f97316', '#ef4444', '#991b1b'];

interface Row extends Amounts {
  readonly key: string;
  readonly by: string;
  readonly name: string;
}

/** Outstanding installments by days overdue: stacked bars per owner, every figure below. */
export function AgingCard() {
  const { currency } = useDashboard();
  const { fmt, params, query } = useReportView('receivables-aging', { currency });
  const r = useT(receivablesMessages);
  const first = (d: ReportData<'receivables-aging'>): Aging | undefined => d.currencies[0];
  const rows = (aging: Aging): Row[] => [
    { key: 'total', by: r('aging.total'), name: '', ...aging.totals },
    ...aging.accounts.map((a) => ({
      ...a,
      key: `account:${a.accountId}`,
      by: r('aging.account'),
      name: a.accountName,
    })),
    ...aging.owners.map((o) => ({
      ...o,
      key: `owner:${o.ownerId}`,
      by: r('aging.owner'),
      name: o.ownerName,
    })),
  ];
  return (
    <ReportCard
      title={r('aging.title')}
      testId="chart-aging"
      report="receivables-aging"
      query={query}
      params={params}
      isEmpty={(d) => (first(d)?.totals.total ?? 0) === 0}
      empty={r('aging.none')}
      summary={(d) => {
        const totals = first(d)?.totals;
        return r('aging.summary', {
          asOf: d.asOf,
          total: fmt.money(totals?.total ?? 0),
          overdue: fmt.money((totals?.total ?? 0) - (totals?.notDue ?? 0)),
        });
      }}
      option={(d) => {
        const owners = first(d)?.owners ?? [];
        return {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { top: 0 },
          grid: { left: 100, right: 20, top: 40, bottom: 30 },
          xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
          yAxis: { type: 'category', data: owners.map((o) => o.ownerName) },
          series: BUCKETS.map((bucket, index) => ({
            type: 'bar',
            stack: 'aging',
            name: r(`aging.${bucket}`),
            itemStyle: { color: COLORS[index] },
            data: owners.map((o) => o[bucket]),
          })),
        };
      }}
      table={(d) => (
        <DataTable<Row>
          rows={first(d) ? rows(first(d) as Aging) : []}
          rowKey={(row) => row.key}
          columns={[
            textColumn<Row>('by', r('aging.by'), (row) => row.by),
            textColumn<Row>('name', r('aging.name'), (row) => row.name),
            ...BUCKETS.map((bucket) =>
              numberColumn<Row>(bucket, r(`aging.${bucket}`), (row) => fmt.money(row[bucket])),
            ),
            numberColumn<Row>('total', r('aging.total'), (row) => fmt.money(row.total)),
          ]}
        />
      )}
    />
  );
}
