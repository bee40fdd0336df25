import { useLocale, useT } from '../../../i18n/locale-context';
import { numberColumn, textColumn } from '../columns';
import { useDashboard } from '../dashboard-context';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { receivablesMessages } from '../receivables-messages';
import { useReportView } from '../use-report-view';

interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** One decimal of days, "—" when undefined. */
function useDays() {
  const { locale } = useLocale();
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (value: number | null) => (value === null ? '—' : format.format(value));
}

/** DSO for the period: billed against what was owed at its end, and the days to pay. */
export function DsoCard() {
  const { currency } = useDashboard();
  const { fmt, params, query } = useReportView('dso', { currency });
  const r = useT(receivablesMessages);
  const days = useDays();
  const first = (d: ReportData<'dso'>) => d.currencies[0];
  const figures = (d: ReportData<'dso'>): Figure[] => {
    const c = first(d);
    if (!c) return [];
    return [
      { key: 'billed', label: r('dso.billed'), value: fmt.money(c.billedMinor) },
      { key: 'receivables', label: r('dso.receivables'), value: fmt.money(c.receivablesMinor) },
      { key: 'dso', label: r('dso.dso'), value: days(c.dso) },
      { key: 'paid', label: r('dso.paid'), value: fmt.count(c.daysToPay.n) },
      { key: 'meanDaysToPay', label: r('dso.meanDaysToPay'), value: days(c.daysToPay.meanDays) },
      {
        key: 'medianDaysToPay',
        label: r('dso.medianDaysToPay'),
        value: days(c.daysToPay.medianDays),
      },
      { key: 'p90DaysToPay', label: r('dso.p90DaysToPay'), value: days(c.daysToPay.p90Days) },
    ];
  };
  return (
    <ReportCard
      title={r('dso.title')}
      testId="chart-dso"
      report="dso"
      query={query}
      params={params}
      height={200}
      isEmpty={(d) => !first(d)}
      empty={r('dso.none')}
      summary={(d) =>
        r('dso.summary', {
          dso: days(first(d)?.dso ?? null),
          days: first(d)?.days ?? 0,
          paid: days(first(d)?.daysToPay.meanDays ?? null),
        })
      }
      option={(d) => ({
        tooltip: { trigger: 'axis' },
        grid: { left: 200, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
        yAxis: { type: 'category', data: [r('dso.billed'), r('dso.receivables')] },
        series: [
          {
            type: 'bar',
            data: [
              { value: first(d)?.billedMinor ?? 0, itemStyle: { color: '#94a3b8' } },
              { value: first(d)?.receivablesMinor ?? 0, itemStyle: { color: '#f97316' } },
            ],
          },
        ],
      })}
      table={(d) => (
        <DataTable<Figure>
          rows={figures(d)}
          rowKey={(f) => f.key}
          columns={[
            textColumn<Figure>('figure', r('dso.figure'), (f) => f.label),
            numberColumn<Figure>('value', r('dso.value'), (f) => f.value),
          ]}
        />
      )}
    />
  );
}

type Source = ReportData<'lead-to-cash'>['sources'][number];

/** Lead → won → cash per lead source: the two legs' medians stacked, the spread below. */
export function LeadToCashCard() {
  const { params, query, fmt } = useReportView('lead-to-cash');
  const r = useT(receivablesMessages);
  const days = useDays();
  const sourceOf = (s: Pick<Source, 'source'>) => s.source ?? r('l2c.noSource');
  const rows = (d: ReportData<'lead-to-cash'>): Source[] => [
    ...d.sources,
    { source: r('l2c.all'), ...d.all },
  ];
  return (
    <ReportCard
      title={r('l2c.title')}
      testId="chart-lead-to-cash"
      report="lead-to-cash"
      query={query}
      params={params}
      isEmpty={(d) => d.all.leadToCash.n === 0}
      empty={r('l2c.none')}
      option={(d) => ({
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 110, right: 30, top: 40, bottom: 30 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: d.sources.map(sourceOf) },
        series: [
          {
            type: 'bar',
            stack: 'cycle',
            name: r('l2c.leadToWon'),
            itemStyle: { color: '#2563eb' },
            data: d.sources.map((s) => s.leadToWon.medianDays),
          },
          {
            type: 'bar',
            stack: 'cycle',
            name: r('l2c.wonToCash'),
            itemStyle: { color: '#16a34a' },
            data: d.sources.map((s) => s.wonToCash.medianDays),
          },
        ],
      })}
      table={(d) => (
        <DataTable<Source>
          rows={rows(d)}
          rowKey={(s) => s.source ?? ''}
          columns={[
            textColumn<Source>('source', r('l2c.source'), sourceOf),
            numberColumn<Source>('deals', r('l2c.deals'), (s) => fmt.count(s.leadToCash.n)),
            numberColumn<Source>('mean', r('l2c.mean'), (s) => days(s.leadToCash.meanDays)),
            numberColumn<Source>('median', r('l2c.median'), (s) => days(s.leadToCash.medianDays)),
            numberColumn<Source>('p75', r('l2c.p75'), (s) => days(s.leadToCash.p75Days)),
            numberColumn<Source>('p90', r('l2c.p90'), (s) => days(s.leadToCash.p90Days)),
            numberColumn<Source>('leadToWon', r('l2c.leadToWon'), (s) =>
              days(s.leadToWon.medianDays),
            ),
            numberColumn<Source>('wonToCash', r('l2c.wonToCash'), (s) =>
              days(s.wonToCash.medianDays),
            ),
          ]}
        />
      )}
    />
  );
}
