import type { TableColumnsType } from 'antd';
import { numberColumn, textColumn } from '../columns';
import { DataTable } from '../DataTable';
import { ReportCard } from '../ReportCard';
import type { ReportData } from '../reports';
import { useReportView } from '../use-report-view';

type Person = ReportData<'people'>['people'][number];

/** Each rep's stage → next conversion per stage as a heatmap, with the team row for reference. */
export function PeopleCard() {
  const { t, name, fmt, params, query } = useReportView('people');
  const who = (p: Person) => p.name ?? p.email ?? t('people.unknown');
  return (
    <ReportCard
      title={t('people.title')}
      testId="chart-people"
      report="people"
      query={query}
      params={params}
      height={420}
      isEmpty={(d) => d.people.length === 0}
      option={(d) => {
        const stages = d.team.map((s) => name(s.stage));
        const data = d.people.flatMap((p, y) =>
          p.stages.map((s, x) => [
            x,
            y,
            s.toNext === null ? '-' : Math.round(s.toNext * 1000) / 10,
          ]),
        );
        return {
          grid: { left: 120, right: 20, top: 10, bottom: 90 },
          tooltip: { position: 'top', valueFormatter: (v) => `${String(v)}%` },
          xAxis: { type: 'category', data: stages },
          // Top to bottom in the table's order.
          yAxis: { type: 'category', inverse: true, data: d.people.map(who) },
          visualMap: {
            min: 0,
            max: 100,
            orient: 'horizontal',
            left: 'center',
            bottom: 0,
            calculable: true,
            formatter: '{value}%',
          },
          series: [{ type: 'heatmap', data, label: { show: true } }],
        };
      }}
      table={(d) => {
        const columns: TableColumnsType<Person> = [
          { ...textColumn<Person>('rep', t('people.rep'), who), fixed: 'left' },
          numberColumn('count', t('people.openCount'), (p) => fmt.count(p.openPipeline.count)),
          numberColumn('openAmount', t('people.openAmount'), (p) =>
            fmt.money(p.openPipeline.amountMinor),
          ),
          // One column per stage, headed by the team's rate: the rep's rate and counts.
          ...d.team.map((team, i) =>
            numberColumn<Person>(
              `stage-${team.stage.key}`,
              `${name(team.stage)} (${fmt.percent(team.toNext)})`,
              (p) => {
                const s = p.stages[i];
                return s
                  ? `${fmt.percent(s.toNext)} (${fmt.count(s.advanced)}/${fmt.count(s.cohort)})`
                  : '—';
              },
            ),
          ),
        ];
        return <DataTable<Person> rows={d.people} rowKey={(p) => p.ownerId} columns={columns} />;
      }}
    />
  );
}
