import { Alert, Button, Flex, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { ExperimentForm } from './ExperimentForm';
import { experimentsMessages } from './messages';

type Experiment = components['schemas']['Experiment'];

const statusColor = { draft: 'default', running: 'processing', stopped: 'success' } as const;

/** Every experiment with its status; drafts start, running ones stop, each links its report. */
export function ExperimentList() {
  const t = useT(experimentsMessages);
  const [creating, setCreating] = useState(false);
  const [started, setStarted] = useState<number | null>(null);
  const list = useApiQuery(['experiments', 'list'], () =>
    api.GET('/api/v1/experiments', { params: { query: { limit: 200 } } }),
  );
  const start = useApiMutation(
    (e: Experiment) =>
      api.POST('/api/v1/experiments/{id}/start', {
        params: { path: { id: e.id } },
        body: { version: e.version },
      }),
    { invalidates: [['experiments']], onSuccess: (result) => setStarted(result.assigned) },
  );
  const stop = useApiMutation(
    (e: Experiment) =>
      api.POST('/api/v1/experiments/{id}/stop', {
        params: { path: { id: e.id } },
        body: { version: e.version },
      }),
    { invalidates: [['experiments']] },
  );
  const remove = useApiMutation(
    (e: Experiment) => api.DELETE('/api/v1/experiments/{id}', { params: { path: { id: e.id } } }),
    { invalidates: [['experiments']] },
  );
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      />
      <ExperimentForm open={creating} onClose={() => setCreating(false)} />
      {started !== null ? (
        <Alert
          type="success"
          showIcon
          closable
          title={t('started', { count: started })}
          style={{ marginBottom: 16 }}
          onClose={() => setStarted(null)}
        />
      ) : null}
      <ProblemAlert problem={start.error ?? stop.error ?? remove.error} />
      <SectionCard title={t('list.title')} testId="experiments">
        <QueryState
          query={list}
          isEmpty={(page) => page.items.length === 0}
          empty={t('list.empty')}
        >
          {(page) => (
            <Table<Experiment>
              rowKey="id"
              dataSource={page.items}
              pagination={false}
              columns={[
                {
                  title: t('col.name'),
                  dataIndex: 'name',
                  render: (name: string, e) => <Link to={e.id}>{name}</Link>,
                },
                {
                  title: t('col.subject'),
                  dataIndex: 'subject',
                  render: (subject: Experiment['subject']) => t(`subject.${subject}`),
                },
                {
                  title: t('col.population'),
                  dataIndex: 'population',
                  render: (population: Experiment['population']) => t(`population.${population}`),
                },
                {
                  title: t('col.variants'),
                  render: (_, e) => e.variants.map((v) => v.name).join(' / '),
                },
                {
                  title: t('col.status'),
                  dataIndex: 'status',
                  render: (status: Experiment['status']) => (
                    <Tag color={statusColor[status]}>{t(`status.${status}`)}</Tag>
                  ),
                },
                {
                  title: t('col.actions'),
                  render: (_, e) => (
                    <Flex gap="small" wrap>
                      {e.status === 'draft' ? (
                        <Button size="small" type="primary" onClick={() => start.mutate(e)}>
                          {t('start')}
                        </Button>
                      ) : null}
                      {e.status === 'running' ? (
                        <Button size="small" onClick={() => stop.mutate(e)}>
                          {t('stop')}
                        </Button>
                      ) : null}
                      {e.status !== 'running' ? (
                        <Popconfirm title={t('delete')} onConfirm={() => remove.mutate(e)}>
                          <Button size="small" danger>
                            {t('delete')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                      <Link to={e.id}>{t('report')}</Link>
                    </Flex>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </SectionCard>
    </>
  );
}
