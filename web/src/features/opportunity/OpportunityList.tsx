import { Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import type { Opportunity } from './data';
import { opportunityMessages } from './messages';
import { StatusTag } from './StatusTag';

const PAGE_SIZE = 50;
type Status = Opportunity['status'];

/** A plain searchable list of deals, each linking to its workspace (the board has the rich view). */
export function OpportunityList() {
  const t = useT(opportunityMessages);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | undefined>('open');
  const query = {
    limit: PAGE_SIZE,
    sort: '-updatedAt',
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
  } as const;
  const deals = useApiQuery(['opportunities', 'list', query], () =>
    api.GET('/api/v1/opportunities', { params: { query } }),
  );
  return (
    <>
      <PageHeader title={t('list.title')} />
      <Flex gap="small" wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 320 }}
          data-testid="deal-search"
        />
        <Select<Status | 'all'>
          aria-label={t('list.status')}
          value={status ?? 'all'}
          onChange={(value) => setStatus(value === 'all' ? undefined : value)}
          style={{ width: 160 }}
          options={[
            { value: 'all', label: t('list.anyStatus') },
            { value: 'open', label: t('status.open') },
            { value: 'won', label: t('status.won') },
            { value: 'lost', label: t('status.lost') },
          ]}
        />
      </Flex>
      <QueryState
        query={deals}
        rows={10}
        isEmpty={(page) => page.items.length === 0}
        empty={t('list.empty')}
      >
        {(page) => (
          <Table<Opportunity>
            data-testid="deal-list"
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={page.items}
            scroll={{ x: 600 }}
            columns={[
              {
                title: t('list.name'),
                dataIndex: 'name',
                render: (_: unknown, deal) => <Link to={deal.id}>{deal.name}</Link>,
              },
              {
                title: t('details.status'),
                dataIndex: 'status',
                width: 110,
                render: (_: unknown, deal) => <StatusTag status={deal.status} />,
              },
              {
                title: t('list.amount'),
                dataIndex: 'amount',
                align: 'right',
                render: (_: unknown, deal) => <Money value={deal.amount} />,
              },
              {
                title: t('list.close'),
                dataIndex: 'expectedCloseDate',
                width: 150,
                render: (_: unknown, deal) =>
                  deal.expectedCloseDate ? <DateText value={deal.expectedCloseDate} /> : null,
              },
              {
                title: t('details.tags'),
                dataIndex: 'tags',
                render: (_: unknown, deal) => deal.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
