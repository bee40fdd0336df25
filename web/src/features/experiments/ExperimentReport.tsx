import { Alert, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useLocale, useT } from '../../i18n/locale-context';
import { EChart } from '../dashboards/EChart';
// Registers the ECharts parts the chart draws (bar, grid, tooltip), as the dashboards do.
import '../dashboards/echarts';
import type { ChartOption } from '../dashboards/echarts';
import { experimentsMessages } from './messages';

type Report = components['schemas']['ExperimentReport'];
type Test = { pValue: number; adjustedPValue: number; significant: boolean } | null;

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
const points = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`;
const pText = (value: number) => (value < 0.001 ? '< 0.001' : value.toFixed(3));
const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/** One experiment's results: the verdict, rates and times per variant, and the stages. */
export function ExperimentReport() {
  const t = useT(experimentsMessages);
  const { id = '' } = useParams();
  const experiment = useApiQuery(['experiments', id], () =>
    api.GET('/api/v1/experiments/{id}', { params: { path: { id } } }),
  );
  const report = useApiQuery(['experiments', id, 'report'], () =>
    api.GET('/api/v1/experiments/{id}/report', { params: { path: { id } } }),
  );
  return (
    <>
      <PageHeader
        title={experiment.data?.name ?? t('report.title')}
        subtitle={<Link to="..">{t('report.back')}</Link>}
      />
      <QueryState query={report} rows={6}>
        {(data) => <ReportBody report={data} />}
      </QueryState>
    </>
  );
}

function Verdict({ test }: { test: Test }) {
  const t = useT(experimentsMessages);
  if (!test) return <Tag>{t('notEnough')}</Tag>;
  return test.significant ? (
    <Tag color="green">{t('significant')}</Tag>
  ) : (
    <Tag>{t('notSignificant')}</Tag>
  );
}

function ReportBody({ report }: { report: Report }) {
  const t = useT(experimentsMessages);
  const { locale } = useLocale();
  const winTest = new Map(report.winRate.map((c) => [c.variantKey, c.test]));
  const timeTest = new Map(report.timeToClose.map((c) => [c.variantKey, c.test]));
  const control = (key: string) => key === report.controlKey;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: report.variants.map((v) => v.name) },
      yAxis: { type: 'value', max: 100 },
      series: [
        {
          type: 'bar',
          data: report.variants.map((v) => Math.round((v.winRate ?? 0) * 1000) / 10),
        },
      ],
    }),
    [report],
  );
  const stageName = (stageId: string) => {
    const names = report.stageNames[stageId];
    return names ? (locale === 'zh-CN' ? names.zh : names.en) : stageId;
  };
  const stageRows = report.stages.flatMap((stage) =>
    stage.variants.map((cell) => ({
      rowKey: `${stage.stageId}:${cell.key}`,
      stage: stageName(stage.stageId),
      ...cell,
      test: stage.conversion.find((c) => c.variantKey === cell.key)?.test ?? null,
    })),
  );
  return (
    <>
      <Alert
        data-testid="verdict"
        type={
          report.verdict === 'significant'
            ? 'success'
            : report.verdict === 'not_significant'
              ? 'info'
              : 'warning'
        }
        showIcon
        title={t(`report.verdict.${report.verdict}`)}
        style={{ marginBottom: 16 }}
      />
      <SectionCard title={t('report.variants')} testId="report-variants">
        <EChart option={option} height={220} label={t('report.chart')} />
        <Table
          rowKey="key"
          dataSource={report.variants}
          pagination={false}
          size="small"
          columns={[
            {
              title: t('col.name'),
              dataIndex: 'name',
              render: (name: string, v) => (
                <>
                  {name} {control(v.key) ? <Tag>{t('control')}</Tag> : null}
                </>
              ),
            },
            { title: t('col.assigned'), dataIndex: 'assigned' },
            { title: t('col.won'), dataIndex: 'won' },
            { title: t('col.winRate'), render: (_, v) => percent(v.winRate) },
            {
              title: t('col.difference'),
              render: (_, v) => {
                const test = winTest.get(v.key);
                return test ? points(test.difference) : '—';
              },
            },
            {
              title: t('col.ci'),
              render: (_, v) => {
                const test = winTest.get(v.key);
                return test ? `[${points(test.ci95[0] ?? 0)}, ${points(test.ci95[1] ?? 0)}]` : '—';
              },
            },
            {
              title: t('col.p'),
              render: (_, v) => {
                const test = winTest.get(v.key);
                return test ? pText(test.pValue) : '—';
              },
            },
            {
              title: t('col.adjusted'),
              render: (_, v) => {
                const test = winTest.get(v.key);
                return test ? pText(test.adjustedPValue) : '—';
              },
            },
            {
              title: t('col.verdict'),
              render: (_, v) =>
                control(v.key) ? null : <Verdict test={winTest.get(v.key) ?? null} />,
            },
          ]}
        />
      </SectionCard>
      <SectionCard title={t('report.time')} testId="report-time">
        <Table
          rowKey="key"
          dataSource={report.variants}
          pagination={false}
          size="small"
          columns={[
            { title: t('col.name'), dataIndex: 'name' },
            { title: t('col.won'), render: (_, v) => v.timeToClose.n },
            { title: t('col.median'), render: (_, v) => days(v.timeToClose.medianDays) },
            { title: t('col.mean'), render: (_, v) => days(v.timeToClose.meanDays) },
            {
              title: t('col.p'),
              render: (_, v) => {
                const test = timeTest.get(v.key);
                return test ? pText(test.pValue) : '—';
              },
            },
            {
              title: t('col.verdict'),
              render: (_, v) =>
                control(v.key) ? null : <Verdict test={timeTest.get(v.key) ?? null} />,
            },
          ]}
        />
      </SectionCard>
      {stageRows.length > 0 ? (
        <SectionCard title={t('report.stages')} testId="report-stages">
          <Table
            rowKey="rowKey"
            dataSource={stageRows}
            pagination={false}
            size="small"
            columns={[
              { title: t('col.stage'), dataIndex: 'stage' },
              { title: t('col.name'), dataIndex: 'key' },
              { title: t('col.entered'), dataIndex: 'entered' },
              { title: t('col.advanced'), dataIndex: 'advanced' },
              { title: t('col.winRate'), render: (_, row) => percent(row.conversion) },
              { title: t('col.median'), render: (_, row) => days(row.timeInStage.medianDays) },
              {
                title: t('col.adjusted'),
                render: (_, row) => (row.test ? pText(row.test.adjustedPValue) : '—'),
              },
              {
                title: t('col.verdict'),
                render: (_, row) => (control(row.key) ? null : <Verdict test={row.test} />),
              },
            ]}
          />
        </SectionCard>
      ) : null}
      <Typography.Paragraph type="secondary">{t('report.notes')}</Typography.Paragraph>
    </>
  );
}
