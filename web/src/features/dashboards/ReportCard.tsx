import { Card, Flex, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../../api/problem';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { CsvLink } from './CsvLink';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { dashboardMessages } from './messages';
import { csvUrl } from './reports';
import type { ReportName } from './reports';

interface Props<D> {
  readonly title: string;
  /** data-testid of the card; the test finds the chart and its table inside it. */
  readonly testId: string;
  readonly report: ReportName;
  readonly query: UseQueryResult<D, ApiProblem>;
  /** The query the chart was drawn from; the CSV link sends the same. */
  readonly params: object;
  readonly option: (data: D) => ChartOption;
  readonly table: (data: D) => ReactNode;
  readonly summary?: (data: D) => ReactNode;
  readonly isEmpty?: (data: D) => boolean;
  readonly empty?: string;
  readonly height?: number;
}

/**
 * One chart of a dashboard: title, the CSV of its report, the chart and below it the same
 * figures as a table. While loading, a skeleton of the chart's height holds the place.
 */
export function ReportCard<D>(props: Props<D>) {
  const t = useT(dashboardMessages);
  const height = props.height ?? 300;
  return (
    <Card
      data-testid={props.testId}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {props.title}
        </Typography.Title>
      }
      extra={<CsvLink href={csvUrl(props.report, props.params)} fileName={`${props.report}.csv`} />}
      style={{ marginBottom: 16 }}
    >
      <div style={{ minHeight: height }}>
        <QueryState
          query={props.query}
          rows={Math.round(height / 32)}
          isEmpty={props.isEmpty}
          empty={props.empty}
        >
          {(data) => (
            <Flex vertical gap="small">
              {props.summary ? (
                <Typography.Text type="secondary">{props.summary(data)}</Typography.Text>
              ) : null}
              <EChart
                option={props.option(data)}
                height={height}
                label={t('chart.label', { title: props.title })}
              />
              <div aria-label={t('table.label', { title: props.title })} role="region">
                {props.table(data)}
              </div>
            </Flex>
          )}
        </QueryState>
      </div>
    </Card>
  );
}
