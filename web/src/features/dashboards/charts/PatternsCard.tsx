import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Stage = ReportData<'patterns'>['stages'][number];
type Factor = Stage['factors'][number] & { readonly stage: Stage['stage'] };

/** Factors that go with advancing past a stage, strongest lift first (too-few flagged). */
export function PatternsCard() {
  const { t, name, fmt, params, query } = useReportView('patterns');
  const factors = (d: ReportData<'patterns'>): Factor[] =>
    d.stages
      .flatMap((s) => s.factors.map((f) => ({ ...f, stage: s.stage })))
      .filter((f) => f.lift !== null)
      .sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0));
  const label = (f: Factor) => `${name(f.stage)} · ${t(`patterns.kind.${f.kind}`)}: ${f.key}`;
  return (
    <ReportCard
      title={t('patterns.title')}
      testId="chart-patterns"
      report="patterns"
      query={query}
      params={params}
      height={360}
      isEmpty={(d) => factors(d).length === 0}
      option={(d) => {
        const top = factors(d).slice(0, 12).reverse();
        return {
          grid: { left: 260, right: 30, top: 10, bottom: 30 },
          tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} pp` },
          xAxis: { type: 'value', axisLabel: { formatter: '{value} pp' } },
          yAxis: { type: 'category', data: top.map(label) },
          series: [
            {
              type: 'bar',
              data: top.map((f) => ({
                value: Math.round((f.lift ?? 0) * 1000) / 10,
                itemStyle: {
                  color: (f.lift ?? 0) >= 0 ? '#16a34a' : '#dc2626',
                  opacity: f.tooFew ? 0.4 : 1,
                },
              })),
            },
          ],
        };
      }}
      table={(d) => (
        <DataTable<Factor>
          rows={factors(d)}
          rowKey={(f) => `${f.stage.key}|${f.kind}|${f.key}`}
          columns={[
            textColumn(
              'factor',
              t('patterns.factor'),
              (f) => `${label(f)}${f.tooFew ? ` (${t('patterns.tooFew')})` : ''}`,
            ),
            numberColumn('lift', t('patterns.lift'), (f) => fmt.points(f.lift)),
            numberColumn(
              'with',
              t('patterns.with'),
              (f) => `${fmt.count(f.with.deals)} / ${fmt.percent(f.with.conversion)}`,
            ),
            numberColumn(
              'without',
              t('patterns.without'),
              (f) => `${fmt.count(f.without.deals)} / ${fmt.percent(f.without.conversion)}`,
            ),
          ]}
        />
      )}
    />
  );
}
