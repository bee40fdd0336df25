import { Card, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { homeMessages } from './messages';

type StageRow = components['schemas']['PipelineSummary']['stages'][number];

function Amounts({ row, field }: { row: StageRow; field: 'amountMinor' | 'weightedMinor' }) {
  if (row.amounts.length === 0) return <>—</>;
  return (
    <>
      {row.amounts.map((a, i) => (
        <div key={a.currency + String(i)}>
          <Money value={{ amountMinor: a[field], currency: a.currency }} />
        </div>
      ))}
    </>
  );
}

/** The pipeline summary per stage (count, amount, weighted) with a pipeline picker. */
export function TeamPipeline() {
  const t = useT(homeMessages);
  const localName = useLocalName();
  const [chosen, setChosen] = useState<string | null>(null);
  const pipelines = useApiQuery(['pipelines'], () => api.GET('/api/v1/pipelines'));
  const items = pipelines.data?.items ?? [];
  const pipelineId = chosen ?? (items.find((p) => p.isDefault) ?? items[0])?.id ?? null;
  const summary = useApiQuery(
    ['pipelines', pipelineId, 'summary'],
    () => api.GET('/api/v1/pipelines/{id}/summary', { params: { path: { id: pipelineId ?? '' } } }),
    { enabled: pipelineId !== null },
  );

  const columns: TableColumnsType<StageRow> = [
    { title: t('team.stage'), key: 'stage', render: (_, row) => localName(row) },
    {
      title: t('team.probability'),
      dataIndex: 'probability',
      align: 'right',
      render: (p: number) => `${p}%`,
    },
    { title: t('team.count'), dataIndex: 'count', align: 'right', className: 'count pw-number' },
    {
      title: t('team.amount'),
      key: 'amount',
      align: 'right',
      render: (_, row) => <Amounts row={row} field="amountMinor" />,
    },
    {
      title: t('team.weighted'),
      key: 'weighted',
      align: 'right',
      render: (_, row) => <Amounts row={row} field="weightedMinor" />,
    },
  ];

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('team.title')}</h2>}
      style={{ marginBottom: 16 }}
      extra={
        items.length > 0 ? (
          <Select
            aria-label={t('team.pipeline')}
            data-testid="pipeline-picker"
            style={{ minWidth: 200 }}
            value={pipelineId}
            onChange={setChosen}
            options={items.map((p) => ({ value: p.id, label: localName(p) }))}
          />
        ) : null
      }
    >
      <QueryState
        query={pipelines}
        isEmpty={(d) => d.items.length === 0}
        empty={t('team.empty')}
        rows={6}
      >
        {() => (
          <QueryState query={summary} rows={6}>
            {(data) => (
              <Table<StageRow>
                data-testid="pipeline-summary"
                rowKey="stageId"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={data.stages}
                onRow={(row) => ({ 'data-stage': row.stageId }) as HTMLAttributes<HTMLElement>}
              />
            )}
          </QueryState>
        )}
      </QueryState>
    </Card>
  );
}
