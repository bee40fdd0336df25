import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Target = ReportData<'targets'>['targets'][number];
type ReverseRow = ReportData<'reverse-funnel'>['stages'][number];

/** Each target overlapping the period: won against the pro-rated target, and coverage. */
export function TargetsCard() {
  const { t, fmt, params, query } = useReportView('targets');
  const who = (x: Target) => x.subjectName ?? x.subjectId;
  return (
    <ReportCard
      title={t('targets.title')}
      testId="chart-targets"
      report="targets"
      query={query}
      params={params}
      isEmpty={(d) => d.targets.length === 0}
      empty={t('targets.empty')}
      option={(d) => ({
        grid: { left: 120, right: 30, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.money(Number(v)) },
        yAxis: { type: 'category', data: d.targets.map(who) },
        xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
        series: [
          { type: 'bar', name: t('targets.target'), data: d.targets.map((x) => x.targetMinor) },
          { type: 'bar', name: t('targets.won'), data: d.targets.map((x) => x.won.amountMinor) },
        ],
      })}
      table={(d) => (
        <DataTable<Target>
          rows={d.targets}
          rowKey={(x) => x.targetId}
          columns={[
            textColumn('subject', t('targets.subject'), who),
            textColumn('window', t('filter.period'), (x) => `${x.window.from} – ${x.window.to}`),
            numberColumn('target', t('targets.target'), (x) => fmt.money(x.targetMinor)),
            numberColumn('won', t('targets.won'), (x) => fmt.money(x.won.amountMinor)),
            numberColumn('attainment', t('targets.attainment'), (x) => fmt.percent(x.attainment)),
            numberColumn('coverage', t('targets.coverage'), (x) => fmt.percent(x.coverage)),
          ]}
        />
      )}
    />
  );
}

/** How many deals each stage needs now to reach the period's target, against what it holds. */
export function ReverseFunnelCard() {
  const { t, name, fmt, params, query } = useReportView('reverse-funnel');
  return (
    <ReportCard
      title={t('reverse.title')}
      testId="chart-reverse-funnel"
      report="reverse-funnel"
      query={query}
      params={params}
      isEmpty={(d) => d.targetMinor === 0}
      empty={t('targets.empty')}
      summary={(d) =>
        t('reverse.summary', {
          target: fmt.money(d.targetMinor),
          average: fmt.money(d.averageWonMinor),
          deals: fmt.count(d.dealsToWin),
        })
      }
      option={(d) => ({
        grid: { left: 50, right: 20, top: 30, bottom: 40 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: d.stages.map((s) => name(s.stage)) },
        yAxis: { type: 'value' },
        series: [
          { type: 'bar', name: t('reverse.needed'), data: d.stages.map((s) => s.neededDeals) },
          { type: 'bar', name: t('reverse.open'), data: d.stages.map((s) => s.openDeals) },
        ],
      })}
      table={(d) => (
        <DataTable<ReverseRow>
          rows={d.stages}
          rowKey={(s) => s.stage.key}
          columns={[
            textColumn('stage', t('stage'), (s) => name(s.stage)),
            numberColumn('rate', t('reverse.rate'), (s) => fmt.percent(s.rate)),
            numberColumn('needed', t('reverse.needed'), (s) => fmt.count(s.neededDeals)),
            numberColumn('count', t('reverse.open'), (s) => fmt.count(s.openDeals)),
            numberColumn('gap', t('reverse.gap'), (s) => fmt.count(s.gap)),
            textColumn('status', t('reverse.status'), (s) => t(`reverse.status.${s.status}`)),
          ]}
        />
      )}
    />
  );
}
