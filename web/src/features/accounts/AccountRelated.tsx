import { List, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { accountMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Opportunity = components['schemas']['Opportunity'];
type Contact = components['schemas']['Contact'];

/** Stage names by stage id, across the pipelines the reader may see. */
function useStageNames(): (stageId: string) => string {
  const localName = useLocalName();
  const pipelines = useApiQuery(['pipelines', 'list'], () => api.GET('/api/v1/pipelines'));
  const names = new Map(
    (pipelines.data?.items ?? []).flatMap((p) =>
      p.stages.map((s) => [s.id, localName(s)] as const),
    ),
  );
  return (stageId) => names.get(stageId) ?? '…';
}

export function AccountOpportunities({ accountId }: { readonly accountId: string }) {
  const t = useT(accountMessages);
  const stageName = useStageNames();
  const deals = useApiQuery(['opportunities', 'account', accountId], () =>
    api.GET('/api/v1/opportunities', {
      params: { query: { accountId, limit: 100, sort: '-amount' } },
    }),
  );
  const columns: TableColumnsType<Opportunity> = [
    {
      title: t('name'),
      key: 'name',
      render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link>,
    },
    { title: t('stage'), key: 'stage', render: (_, o) => stageName(o.stageId) },
    {
      title: t('amount'),
      key: 'amount',
      align: 'right',
      className: 'amount',
      render: (_, o) => <Money value={o.amount} />,
    },
    {
      title: t('status'),
      key: 'status',
      render: (_, o) => (
        <Tag color={o.status === 'won' ? 'green' : o.status === 'lost' ? 'red' : 'blue'}>
          {t(`status.${o.status}`)}
        </Tag>
      ),
    },
    {
      title: t('expectedClose'),
      key: 'close',
      render: (_, o) => (o.expectedCloseDate ? <DateText value={o.expectedCloseDate} /> : '—'),
    },
  ];
  return (
    <SectionCard title={t('opportunities')} testId="account-opportunities">
      <QueryState
        query={deals}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('opportunities.empty')}
      >
        {(page) => (
          <Table<Opportunity>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            columns={columns}
            dataSource={[...page.items]}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

export function AccountContacts({ accountId }: { readonly accountId: string }) {
  const t = useT(accountMessages);
  const contacts = useApiQuery(['contacts', 'account', accountId], () =>
    api.GET('/api/v1/contacts', { params: { query: { accountId, limit: 200, sort: 'name' } } }),
  );
  return (
    <SectionCard title={t('contacts')} testId="account-contacts">
      <QueryState
        query={contacts}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('contacts.empty')}
      >
        {(page) => <ContactTable contacts={page.items} all={page.items} />}
      </QueryState>
    </SectionCard>
  );
}

/** Contacts with role, attitude and whom they report to (within the same account). */
export function ContactTable({
  contacts,
  all,
}: {
  readonly contacts: readonly Contact[];
  readonly all: readonly Contact[];
}) {
  const t = useT(accountMessages);
  const byId = new Map(all.map((c) => [c.id, c]));
  const columns: TableColumnsType<Contact> = [
    {
      title: t('name'),
      key: 'name',
      render: (_, c) => <Link to={`/accounts/contacts/${c.id}`}>{c.name}</Link>,
    },
    { title: t('contactTitle'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
    {
      title: t('decisionRole'),
      key: 'role',
      render: (_, c) => (c.decisionRole ? t(`role.${c.decisionRole}`) : t('noRole')),
    },
    { title: t('attitude'), key: 'attitude', render: (_, c) => t(`attitude.${c.attitude}`) },
    {
      title: t('reportsTo'),
      key: 'reportsTo',
      render: (_, c) => {
        const boss = c.reportsToId ? byId.get(c.reportsToId) : undefined;
        return boss ? <Link to={`/accounts/contacts/${boss.id}`}>{boss.name}</Link> : '—';
      },
    },
  ];
  return (
    <Table<Contact>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      columns={columns}
      dataSource={[...contacts]}
    />
  );
}

export function AccountActivities({ accountId }: { readonly accountId: string }) {
  const t = useT(accountMessages);
  const activities = useApiQuery(['activities', 'account', accountId], () =>
    api.GET('/api/v1/activities', {
      params: { query: { accountId, limit: 20, sort: '-occurredAt' } },
    }),
  );
  return (
    <SectionCard title={t('activities')} testId="account-activities">
      <QueryState
        query={activities}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('activities.empty')}
      >
        {(page) => (
          <List
            size="small"
            dataSource={[...page.items]}
            renderItem={(a) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <>
                      <Tag>{t(`activity.${a.type}`)}</Tag>
                      {a.subject}
                    </>
                  }
                  description={<DateText value={a.occurredAt} style="dateTime" />}
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

export function Subsidiaries({ accountId }: { readonly accountId: string }) {
  const t = useT(accountMessages);
  const children = useApiQuery(['accounts', 'children', accountId], () =>
    api.GET('/api/v1/accounts', {
      params: { query: { parentId: accountId, limit: 200, sort: 'name' } },
    }),
  );
  if (children.data && children.data.items.length === 0) return null;
  return (
    <SectionCard title={t('subsidiaries')} testId="account-subsidiaries">
      <QueryState query={children} rows={2}>
        {(page) => (
          <List
            size="small"
            dataSource={[...page.items]}
            renderItem={(a) => (
              <List.Item>
                <Link to={`/accounts/${a.id}`}>{a.name}</Link>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
