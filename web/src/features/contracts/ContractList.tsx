import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { contractMessages } from './messages';

type Contract = components['schemas']['Contract'];

/** Every contract the reader can see, newest first, with its delivery and recognition. */
export function ContractList() {
  const t = useT(contractMessages);
  const list = useApiQuery(['contracts'], () =>
    api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } }),
  );
  const columns: TableColumnsType<Contract> = [
    {
      title: t('number'),
      key: 'number',
      render: (_, c) => <Link to={`/contracts/${c.id}`}>{c.number}</Link>,
    },
    {
      title: t('amount'),
      key: 'amount',
      align: 'right',
      render: (_, c) => <Money value={{ amountMinor: c.amountMinor, currency: c.currency }} />,
    },
    { title: t('term'), key: 'term', render: (_, c) => `${c.startDate} – ${c.endDate}` },
    {
      title: t('status'),
      key: 'status',
      render: (_, c) => <Tag>{t(`status.${c.status}`)}</Tag>,
    },
    {
      title: t('delivery'),
      key: 'delivery',
      render: (_, c) => <Tag color="blue">{t(`delivery.${c.deliveryStatus}`)}</Tag>,
    },
    {
      title: t('recognition'),
      key: 'recognised',
      align: 'right',
      render: (_, c) => <Money value={{ amountMinor: c.recognisedMinor, currency: c.currency }} />,
    },
  ];
  return (
    <>
      <PageHeader title={t('title')} />
      <QueryState query={list} isEmpty={(page) => page.items.length === 0} empty={t('empty')}>
        {(page) => (
          <Table
            rowKey="id"
            columns={columns}
            dataSource={page.items}
            pagination={false}
            data-testid="contract-list"
          />
        )}
      </QueryState>
    </>
  );
}
