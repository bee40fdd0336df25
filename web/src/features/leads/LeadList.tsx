import { ImportOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { useUserNames } from '../pools/directory';
import { CursorPager, useCursorPages } from './CursorPager';
import { LEAD_SOURCES, LEAD_STATUSES, STATUS_COLOURS } from './labels';
import type { Lead, LeadSource, LeadStatus } from './labels';
import { leadMessages } from './messages';

const SORTS = ['-score', '-createdAt', 'createdAt', 'name', '-updatedAt'] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZE = 20;

interface Filters {
  q: string;
  status: LeadStatus | undefined;
  source: LeadSource | undefined;
  minScore: number | undefined;
  sort: Sort;
}

/** Search, filter, sort and page through the leads the caller can see. */
export function LeadList() {
  const t = useT(leadMessages);
  const ownerName = useUserNames();
  const [filters, setFilters] = useState<Filters>({
    q: '',
    status: undefined,
    source: undefined,
    minScore: undefined,
    sort: '-score',
  });
  const pages = useCursorPages(JSON.stringify(filters));
  const query = {
    limit: PAGE_SIZE,
    sort: filters.sort,
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.minScore !== undefined ? { minScore: filters.minScore } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const leads = useApiQuery(['leads', 'list', query], () =>
    api.GET('/api/v1/leads', { params: { query } }),
  );
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            <Link to="/leads/duplicates">
              <Button icon={<MergeCellsOutlined />}>{t('duplicates')}</Button>
            </Link>
            <Link to="/leads/import">
              <Button type="primary" icon={<ImportOutlined />}>
                {t('import')}
              </Button>
            </Link>
          </>
        }
      />
      <Card>
        <Form layout="vertical" className="pw-filters" role="search">
          <Flex wrap gap="middle">
            <Form.Item label={t('filter.search')} htmlFor="lead-q" style={{ minWidth: 220 }}>
              <Input.Search
                id="lead-q"
                allowClear
                placeholder={t('filter.searchPlaceholder')}
                onSearch={(q) => change({ q })}
              />
            </Form.Item>
            <Form.Item label={t('filter.status')} htmlFor="lead-status" style={{ minWidth: 160 }}>
              <Select
                id="lead-status"
                allowClear
                placeholder={t('filter.any')}
                value={filters.status}
                onChange={(status: LeadStatus | undefined) => change({ status })}
                options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('filter.source')} htmlFor="lead-source" style={{ minWidth: 160 }}>
              <Select
                id="lead-source"
                allowClear
                placeholder={t('filter.any')}
                value={filters.source}
                onChange={(source: LeadSource | undefined) => change({ source })}
                options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('filter.minScore')} htmlFor="lead-min-score">
              <InputNumber
                id="lead-min-score"
                min={0}
                max={100}
                value={filters.minScore ?? null}
                onChange={(value) => change({ minScore: value ?? undefined })}
              />
            </Form.Item>
            <Form.Item label={t('filter.sort')} htmlFor="lead-sort" style={{ minWidth: 180 }}>
              <Select
                id="lead-sort"
                value={filters.sort}
                onChange={(sort: Sort) => change({ sort })}
                options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
              />
            </Form.Item>
          </Flex>
        </Form>
        <QueryState
          query={leads}
          rows={10}
          isEmpty={(page) => page.items.length === 0}
          empty={t('empty')}
        >
          {(page) => (
            <>
              <Table<Lead>
                rowKey="id"
                size="middle"
                data-testid="lead-table"
                pagination={false}
                scroll={{ x: 720 }}
                dataSource={page.items}
                onRow={(lead) => ({ 'data-lead': lead.id }) as HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('col.name'),
                    dataIndex: 'name',
                    render: (_, lead) => <Link to={`/leads/${lead.id}`}>{lead.name}</Link>,
                  },
                  { title: t('col.company'), dataIndex: 'company' },
                  {
                    title: t('col.status'),
                    dataIndex: 'status',
                    render: (_, lead) => (
                      <Tag color={STATUS_COLOURS[lead.status]}>{t(`status.${lead.status}`)}</Tag>
                    ),
                  },
                  {
                    title: t('col.source'),
                    dataIndex: 'source',
                    render: (_, lead) => t(`source.${lead.source}`),
                  },
                  {
                    title: t('col.score'),
                    dataIndex: 'score',
                    align: 'right',
                    render: (_, lead) => <span className="pw-number">{lead.score}</span>,
                  },
                  {
                    title: t('col.owner'),
                    dataIndex: 'ownerId',
                    render: (_, lead) => ownerName(lead.ownerId),
                  },
                  {
                    title: t('col.created'),
                    dataIndex: 'createdAt',
                    render: (_, lead) => <DateText value={lead.createdAt} />,
                  },
                ]}
              />
              <CursorPager pages={pages} nextCursor={page.nextCursor} />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
