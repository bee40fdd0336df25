import { DownloadOutlined, TagOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components, operations } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { boardKey } from './board-query';
import { addTag } from './bulk-tag';
import { FilterBar } from './FilterBar';
import type { BoardFilters } from './filters';
import { boardMessages } from './messages';
import { SavedViews } from './SavedViews';

type Opportunity = components['schemas']['Opportunity'];
type Pipeline = components['schemas']['Pipeline'];
type ListQuery = NonNullable<operations['listOpportunities']['parameters']['query']>;
type Sort = NonNullable<ListQuery['sort']>;
const SORTABLE = ['name', 'amount', 'expectedCloseDate', 'updatedAt'] as const;
const PAGE = 50;
const PEOPLE = { limit: 200, status: 'active', sort: 'name' } as const;

function isSort(value: string | null | undefined): value is Sort {
  return SORTABLE.some((field) => value === field || value === `-${field}`);
}

/** GET /opportunities takes one owner and no team: the list's filters map onto those. */
function listQuery(
  pipelineId: string,
  filters: BoardFilters,
  sort: Sort,
  cursor?: string,
): ListQuery {
  const { ownerIds, closeFrom, closeTo, amountMin, amountMax, tag, q } = filters;
  return {
    pipelineId,
    sort,
    limit: PAGE,
    ...(ownerIds?.[0] ? { ownerId: ownerIds[0] } : {}),
    ...(closeFrom ? { closeFrom } : {}),
    ...(closeTo ? { closeTo } : {}),
    ...(amountMin !== undefined ? { amountMin } : {}),
    ...(amountMax !== undefined ? { amountMax } : {}),
    ...(tag ? { tag } : {}),
    ...(q ? { q } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * The deals of the pipeline as a table: server-side sort and keyset pages, filters shared
 * with the board, saved list views, and the bulk actions the API offers (tag the selected
 * deals; export every deal one can see as CSV).
 */
export function OpportunityList({
  pipeline,
  filters,
  onFilters,
  currency,
}: {
  readonly pipeline: Pipeline;
  readonly filters: BoardFilters;
  readonly onFilters: (filters: BoardFilters) => void;
  readonly currency: NonNullable<BoardFilters['currency']>;
}) {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const { user } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [sort, setSort] = useState<Sort>('-amount');
  const [cursors, setCursors] = useState<readonly string[]>([]);
  const [selected, setSelected] = useState<readonly Opportunity[]>([]);
  const [tag, setTag] = useState('');
  const [tagging, setTagging] = useState(false);
  const query = listQuery(pipeline.id, filters, sort, cursors.at(-1));
  const deals = useApiQuery(['opportunities', query], () =>
    api.GET('/api/v1/opportunities', { params: { query } }),
  );
  const users = useApiQuery(['users', PEOPLE], () =>
    api.GET('/api/v1/users', { params: { query: PEOPLE } }),
  );
  const owners = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  const stages = new Map(pipeline.stages.map((stage) => [stage.id, stage]));

  const restart = (next: () => void) => {
    next();
    setCursors([]);
    setSelected([]);
  };
  const order = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const columns: TableColumnsType<Opportunity> = [
    {
      title: t('list.name'),
      key: 'name',
      sorter: true,
      sortOrder: order('name'),
      render: (_, deal) => <Link to={`/opportunities/${deal.id}`}>{deal.name}</Link>,
    },
    {
      title: t('list.stage'),
      key: 'stage',
      render: (_, deal) => {
        const stage = stages.get(deal.stageId);
        return stage ? localName(stage) : '—';
      },
    },
    {
      title: t('list.amount'),
      key: 'amount',
      align: 'right',
      sorter: true,
      sortOrder: order('amount'),
      render: (_, deal) => <Money value={deal.amount} />,
    },
    {
      title: t('list.close'),
      key: 'expectedCloseDate',
      sorter: true,
      sortOrder: order('expectedCloseDate'),
      render: (_, deal) =>
        deal.expectedCloseDate ? <DateText value={deal.expectedCloseDate} /> : '—',
    },
    { title: t('list.owner'), key: 'owner', render: (_, deal) => owners.get(deal.ownerId) ?? '—' },
    {
      title: t('list.status'),
      key: 'status',
      render: (_, deal) => t(`status.${deal.status}`),
    },
    {
      title: t('list.tags'),
      key: 'tags',
      render: (_, deal) => deal.tags.map((label) => <Tag key={label}>{label}</Tag>),
    },
    {
      title: t('list.updated'),
      key: 'updatedAt',
      sorter: true,
      sortOrder: order('updatedAt'),
      render: (_, deal) => <DateText value={deal.updatedAt} style="dateTime" />,
    },
  ];

  const bulkTag = async () => {
    const label = tag.trim();
    if (!label || selected.length === 0) return;
    setTagging(true);
    const { done, failed } = await addTag(selected, label);
    setTagging(false);
    if (done > 0) void message.success(t('list.tagged', { count: done }));
    if (failed[0]) {
      void message.error(t('list.tagFailed', { count: failed.length, detail: failed[0].detail }));
    }
    setSelected([]);
    setTag('');
    // The board's cards show tags too: without this it would show the old ones for as
    // long as its cached answer is fresh.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['opportunities'] }),
      queryClient.invalidateQueries({ queryKey: boardKey(pipeline.id) }),
    ]);
  };

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} justify="space-between">
        <FilterBar
          value={filters}
          onChange={(f) => restart(() => onFilters(f))}
          currency={currency}
          mode="list"
        />
        <SavedViews
          kind="opportunity-list"
          pipelineId={pipeline.id}
          filters={filters}
          sort={sort}
          onApply={(view) =>
            restart(() => {
              onFilters(view.filters);
              if (isSort(view.sort)) setSort(view.sort);
            })
          }
        />
      </Flex>
      <Flex wrap gap={8} align="center" data-testid="bulk-actions">
        <Typography.Text>{t('list.selected', { count: selected.length })}</Typography.Text>
        <Input
          aria-label={t('list.tagToAdd')}
          placeholder={t('list.tagToAdd')}
          style={{ width: 220 }}
          maxLength={40}
          value={tag}
          onChange={(event) => setTag(event.target.value)}
        />
        <Button
          icon={<TagOutlined />}
          disabled={selected.length === 0 || !tag.trim()}
          loading={tagging}
          onClick={() => void bulkTag()}
        >
          {t('list.addTag')}
        </Button>
        {user.role === 'admin' || user.role === 'manager' ? (
          <Button icon={<DownloadOutlined />} href="/api/v1/exports/opportunities?format=csv">
            {t('list.export')}
          </Button>
        ) : null}
      </Flex>
      <QueryState query={deals} rows={10}>
        {(page) => (
          <>
            <Table<Opportunity>
              data-testid="opportunity-list"
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 900 }}
              loading={deals.isFetching}
              columns={columns}
              dataSource={page.items}
              rowSelection={{
                selectedRowKeys: selected.map((deal) => deal.id),
                onChange: (_keys, rows) => setSelected(rows),
              }}
              onChange={(_pagination, _filters, sorter) => {
                const one = Array.isArray(sorter) ? sorter[0] : sorter;
                const field = typeof one?.columnKey === 'string' ? one.columnKey : null;
                const next =
                  field && one?.order ? `${one.order === 'descend' ? '-' : ''}${field}` : '-amount';
                if (isSort(next)) restart(() => setSort(next));
              }}
            />
            <Flex gap={8} justify="end">
              <Button
                disabled={cursors.length === 0}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t('list.prev')}
              </Button>
              <Button
                disabled={page.nextCursor === null}
                onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor ?? ''])}
              >
                {t('list.next')}
              </Button>
            </Flex>
          </>
        )}
      </QueryState>
    </Flex>
  );
}
