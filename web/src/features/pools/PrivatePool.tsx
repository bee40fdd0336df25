import { Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { DateText } from '../../components/DateText';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { CursorPager, useCursorPages } from '../leads/CursorPager';
import { LeadRows } from './LeadRows';
import { poolMessages } from './messages';
import { OwnershipDialog } from './OwnershipDialog';
import type { DialogAction, DialogTarget } from './OwnershipDialog';

type Account = components['schemas']['Account'];

/** What I own (私海): my active leads and my accounts; release them, or transfer (staff). */
export function PrivatePool() {
  const t = useT(poolMessages);
  const { user } = useSession();
  const staff = user.role !== 'rep';
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const pages = useCursorPages('leads');
  const leadQuery = {
    ownerId: user.id,
    lifecycle: 'active' as const,
    sort: '-score' as const,
    limit: 20,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const leads = useApiQuery(['leads', 'mine', leadQuery], () =>
    api.GET('/api/v1/leads', { params: { query: leadQuery } }),
  );
  const accountQuery = { ownerId: user.id, limit: 50 };
  const accounts = useApiQuery(['accounts', 'mine', accountQuery], () =>
    api.GET('/api/v1/accounts', { params: { query: accountQuery } }),
  );
  const actionButtons = (
    kind: 'leads' | 'accounts',
    record: { id: string; name: string; version: number },
  ) =>
    (['release', ...(staff ? (['transfer'] as const) : [])] as DialogAction[]).map((action) => (
      <Button key={action} size="small" onClick={() => setDialog({ kind, ...record, action })}>
        {t(action === 'release' ? 'release' : 'transfer')}
      </Button>
    ));
  return (
    <>
      <Typography.Title level={2} className="pw-section-title">
        {t('private.leads')}
      </Typography.Title>
      <QueryState
        query={leads}
        rows={6}
        isEmpty={(page) => page.items.length === 0}
        empty={t('private.empty')}
      >
        {(page) => (
          <>
            <LeadRows
              testId="private-pool"
              leads={page.items}
              actions={(lead) => actionButtons('leads', lead)}
            />
            <CursorPager pages={pages} nextCursor={page.nextCursor} />
          </>
        )}
      </QueryState>
      <Typography.Title level={2} className="pw-section-title">
        {t('private.accounts')}
      </Typography.Title>
      <QueryState
        query={accounts}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('private.accountsEmpty')}
      >
        {(page) => (
          <Table<Account>
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 560 }}
            data-testid="private-accounts"
            dataSource={page.items}
            columns={[
              { title: t('col.name'), dataIndex: 'name' },
              {
                title: t('col.since'),
                dataIndex: 'ownedSince',
                render: (_, a) => (a.ownedSince ? <DateText value={a.ownedSince} /> : '—'),
              },
              {
                title: t('col.deadline'),
                dataIndex: 'deadlineAt',
                render: (_, a) => (a.deadlineAt ? <DateText value={a.deadlineAt} /> : '—'),
              },
              {
                title: t('col.actions'),
                key: 'actions',
                render: (_, a) => actionButtons('accounts', a),
              },
            ]}
          />
        )}
      </QueryState>
      {dialog ? <OwnershipDialog target={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
