import { Flex, Table } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { DateText } from '../../components/DateText';
import { useT } from '../../i18n/locale-context';
import type { Lead } from '../leads/labels';
import { leadMessages } from '../leads/messages';
import { poolMessages } from './messages';

/** The pool tabs' lead table: name (link), company, status, score, deadline, row actions. */
export function LeadRows({
  leads,
  actions,
  testId,
}: {
  readonly leads: readonly Lead[];
  readonly actions: (lead: Lead) => ReactNode;
  readonly testId: string;
}) {
  const t = useT(poolMessages);
  const tl = useT(leadMessages);
  return (
    <Table<Lead>
      rowKey="id"
      size="middle"
      pagination={false}
      scroll={{ x: 640 }}
      data-testid={testId}
      dataSource={[...leads]}
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
          render: (_, lead) => tl(`status.${lead.status}`),
        },
        { title: t('col.score'), dataIndex: 'score', align: 'right' },
        {
          title: t('col.deadline'),
          dataIndex: 'deadlineAt',
          render: (_, lead) => (lead.deadlineAt ? <DateText value={lead.deadlineAt} /> : '—'),
        },
        {
          title: t('col.actions'),
          key: 'actions',
          render: (_, lead) => (
            <Flex gap="small" wrap>
              {actions(lead)}
            </Flex>
          ),
        },
      ]}
    />
  );
}
