import { Card, Table } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { leadMessages } from '../leads/messages';
import { usePoolNames, useUserNames } from './directory';

type Entry = components['schemas']['OwnershipHistoryEntry'];

/** Every owner and pool a lead or account has had, who moved it and why. */
export function OwnershipHistoryCard({
  kind,
  id,
}: {
  readonly kind: 'leads' | 'accounts';
  readonly id: string;
}) {
  const t = useT(leadMessages);
  const userName = useUserNames();
  const poolName = usePoolNames();
  const history = useApiQuery([kind, 'ownership-history', id], () =>
    kind === 'leads'
      ? api.GET('/api/v1/leads/{id}/ownership-history', { params: { path: { id } } })
      : api.GET('/api/v1/accounts/{id}/ownership-history', { params: { path: { id } } }),
  );
  const holder = (owner: string | null, pool: string | null) =>
    owner ? userName(owner) : pool ? t('history.pool', { pool: poolName(pool) }) : '—';
  return (
    <Card title={<h2 className="pw-card-title">{t('history.title')}</h2>}>
      <QueryState
        query={history}
        rows={3}
        isEmpty={(data) => data.items.length === 0}
        empty={t('history.empty')}
      >
        {(data) => (
          <Table<Entry>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            data-testid="ownership-history"
            dataSource={data.items}
            columns={[
              {
                title: t('history.at'),
                dataIndex: 'at',
                render: (_, e) => <DateText value={e.at} style="dateTime" />,
              },
              {
                title: t('history.action'),
                dataIndex: 'action',
                render: (_, e) => t(`action.${e.action}`),
              },
              {
                title: t('history.from'),
                key: 'from',
                render: (_, e) => holder(e.fromOwnerId, e.fromPoolId),
              },
              {
                title: t('history.to'),
                key: 'to',
                render: (_, e) => holder(e.toOwnerId, e.toPoolId),
              },
              { title: t('history.reason'), dataIndex: 'reason' },
              {
                title: t('history.by'),
                dataIndex: 'actorId',
                render: (_, e) => (e.actorId ? userName(e.actorId) : t('history.system')),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
