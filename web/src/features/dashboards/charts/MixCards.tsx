import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import type { DashboardKey } from '../messages';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Band = ReportData<'mix'>['sizeBands'][number];
type Product = ReportData<'mix'>['products'][number];

const BANDS: Record<Band['band'], DashboardKey> = {
  big: 'mix.big',
  medium: 'mix.medium',
  standard: 'mix.standard',
};

/** Deals created in the period by size band (big on top), each band's width its deal count. */
export function PyramidCard() {
  const { t, fmt, params, query } = useReportView('mix');
  return (
    <ReportCard
      title={t('mix.pyramid')}
      testId="chart-pyramid"
      report="mix"
      query={query}
      params={params}
      isEmpty={(d) => d.sizeBands.every((b) => b.deals === 0)}
      option={(d) => ({
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            // Big on top, standard at the base, in the report's order; widths are the deal counts.
            sort: 'none',
            minSize: '15%',
            label: { show: true, position: 'inside', formatter: '{b}: {c}' },
            data: d.sizeBands.map((b) => ({ name: t(BANDS[b.band]), value: b.deals })),
          },
        ],
      })}
      table={(d) => (
        <DataTable<Band>
          rows={d.sizeBands}
          rowKey={(b) => b.band}
          columns={[
            textColumn('band', t('mix.band'), (b) => t(BANDS[b.band])),
            numberColumn('count', t('count'), (b) => fmt.count(b.deals)),
            numberColumn('amount', t('amount'), (b) => fmt.money(b.amountMinor)),
            numberColumn('won', t('mix.won'), (b) => fmt.count(b.won)),
            numberColumn('wonAmount', t('mix.wonAmount'), (b) => fmt.money(b.wonAmountMinor)),
            numberColumn('winRate', t('mix.winRate'), (b) => fmt.percent(b.winRate)),
          ]}
        />
      )}
    />
  );
}

/** Product type × customisation: deals, line amounts and revenue. */
export function ProductsCard() {
  const { t, fmt, params, query } = useReportView('mix');
  const label = (p: Product) => {
    const type =
      p.productType === 'lighthouse' || p.productType === 'cornerstone'
        ? t(`product.${p.productType}`)
        : p.productType;
    const custom =
      p.customisation === 'standard' || p.customisation === 'customised'
        ? t(`product.${p.customisation}`)
        : p.customisation;
    return `${type} · ${custom}`;
  };
  return (
    <ReportCard
      title={t('mix.products')}
      testId="chart-products"
      report="mix"
      query={query}
      params={params}
      isEmpty={(d) => d.products.length === 0}
      option={(d) => ({
        grid: { left: 90, right: 20, top: 30, bottom: 40 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.money(Number(v)) },
        xAxis: { type: 'category', data: d.products.map(label) },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
        series: [
          { type: 'bar', name: t('amount'), data: d.products.map((p) => p.amountMinor) },
          { type: 'bar', name: t('mix.wonAmount'), data: d.products.map((p) => p.wonAmountMinor) },
        ],
      })}
      table={(d) => (
        <DataTable<Product>
          rows={d.products}
          rowKey={(p) => `${p.productType}-${p.customisation}`}
          columns={[
            textColumn('product', t('mix.product'), label),
            numberColumn('count', t('count'), (p) => fmt.count(p.deals)),
            numberColumn('amount', t('amount'), (p) => fmt.money(p.amountMinor)),
            numberColumn('wonAmount', t('mix.wonAmount'), (p) => fmt.money(p.wonAmountMinor)),
            numberColumn('winRate', t('mix.winRate'), (p) => fmt.percent(p.winRate)),
          ]}
        />
      )}
    />
  );
}
