import { Card, Descriptions, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { accountMessages } from './messages';
import { useDirectory } from './names';

type Account = components['schemas']['Account'];
type Entry = components['schemas']['OwnershipHistoryEntry'];

/** Who holds the account (or which pool), its follow-up deadline, and every change of owner. */
export function OwnershipCard({ account }: { readonly account: Account }) {
  const t = useT(accountMessages);
  const names = useDirectory();
  const history = useApiQuery(['accounts', account.id, 'ownership-history'], () =>
    api.GET('/api/v1/accounts/{id}/ownership-history', { params: { path: { id: account.id } } }),
  );
  const holder = (owner: string | null, pool: string | null) =>
    owner ? names.user(owner) : pool ? `${t('pool')}: ${names.pool(pool)}` : t('nobody');
  const columns: TableColumnsType<Entry> = [
    {
      title: t('occurredAt'),
      key: 'at',
      render: (_, e) => <DateText value={e.at} style="dateTime" />,
    },
    { title: t('action'), key: 'action', render: (_, e) => t(`action.${e.action}`) },
    {
      title: t('owner'),
      key: 'owner',
      render: (_, e) =>
        t('fromTo', {
          from: holder(e.fromOwnerId, e.fromPoolId),
          to: holder(e.toOwnerId, e.toPoolId),
        }),
    },
    { title: t('reason'), dataIndex: 'reason' },
  ];
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ownership')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="account-ownership"
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('owner')}>
          <span data-testid="account-owner">{names.user(account.ownerId)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('pool')}>{names.pool(account.poolId)}</Descriptions.Item>
        <Descriptions.Item label={t('lifecycle')}>
          <Tag>{t(`lifecycle.${account.lifecycle}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('ownedSince')}>
          {account.ownedSince ? <DateText value={account.ownedSince} style="dateTime" /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('deadline')}>
          {account.deadlineAt ? <DateText value={account.deadlineAt} style="dateTime" /> : '—'}
        </Descriptions.Item>
        {account.silenceUntil ? (
          <Descriptions.Item label={t('silenceUntil')}>
            <DateText value={account.silenceUntil} style="dateTime" />
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <h3 style={{ fontSize: 14, margin: '16px 0 8px' }}>{t('history')}</h3>
      <QueryState
        query={history}
        rows={3}
        isEmpty={(h) => h.items.length === 0}
        empty={t('history.empty')}
      >
        {(h) => (
          <Table<Entry>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            columns={columns}
            dataSource={[...h.items]}
          />
        )}
      </QueryState>
    </Card>
  );
}
