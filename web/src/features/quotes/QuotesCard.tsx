import { Button, Flex, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { FormProblem } from '../../components/FormProblem';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { quoteMessages } from './messages';
import { QuoteEditor } from './QuoteEditor';
import type { Quote } from './quote-lines';

const statusColours: Record<Quote['status'], string> = {
  draft: 'default',
  pending_approval: 'orange',
  approved: 'cyan',
  sent: 'blue',
  accepted: 'green',
  rejected: 'red',
  superseded: 'default',
  expired: 'default',
};

type Verb = 'send' | 'accept' | 'reject' | 'revise';

/**
 * The deal's quotes and their revisions with what can be done next: edit a draft, send it
 * (a deep discount asks for sign-off first), record the customer's answer, revise, print.
 * Accepting one updates the deal amount, so the deal is refetched too.
 */
export function QuotesCard({
  dealId,
  currency,
  open,
}: {
  readonly dealId: string;
  readonly currency: string;
  readonly open: boolean;
}) {
  const t = useT(quoteMessages);
  const [editing, setEditing] = useState<Quote | 'new' | null>(null);
  const quotes = useApiQuery(['quotes', dealId], () =>
    api.GET('/api/v1/opportunities/{id}/quotes', { params: { path: { id: dealId } } }),
  );
  const act = useApiMutation(
    ({ quote, verb }: { quote: Quote; verb: Verb }) => {
      const options = { params: { path: { id: quote.id } }, body: { version: quote.version } };
      switch (verb) {
        case 'send':
          return api.POST('/api/v1/quotes/{id}/send', options);
        case 'accept':
          return api.POST('/api/v1/quotes/{id}/accept', options);
        case 'reject':
          return api.POST('/api/v1/quotes/{id}/reject', options);
        case 'revise':
          return api.POST('/api/v1/quotes/{id}/revise', options);
      }
    },
    { invalidates: [['quotes', dealId], ['opportunities'], ['approvals']] },
  );
  const button = (quote: Quote, verb: Verb, primary = false) => (
    <Button
      size="small"
      type={primary ? 'primary' : 'default'}
      loading={act.isPending && act.variables.quote.id === quote.id && act.variables.verb === verb}
      onClick={() => act.mutate({ quote, verb })}
      data-testid={`quote-${verb}`}
    >
      {t(verb)}
    </Button>
  );
  const columns: TableColumnsType<Quote> = [
    {
      title: t('number'),
      key: 'number',
      render: (_, q) => `${q.number} r${q.revision}`,
    },
    {
      title: t('status'),
      key: 'status',
      render: (_, q) => (
        <Tag color={statusColours[q.status]} data-testid="quote-status">
          {t(`status.${q.status}`)}
        </Tag>
      ),
    },
    {
      title: t('net'),
      key: 'net',
      align: 'right',
      render: (_, q) => <Money value={{ amountMinor: q.netMinor, currency: q.currency }} />,
    },
    {
      title: t('total'),
      key: 'total',
      align: 'right',
      render: (_, q) => (
        <span data-testid="quote-row-total" data-amount-minor={q.totalMinor}>
          <Money value={{ amountMinor: q.totalMinor, currency: q.currency }} />
        </span>
      ),
    },
    { title: t('validUntil'), key: 'valid', render: (_, q) => q.validUntil ?? '—' },
    {
      title: '',
      key: 'actions',
      render: (_, q) => (
        <Flex gap={4} wrap>
          {q.status === 'draft' && open ? (
            <Button size="small" onClick={() => setEditing(q)} data-testid="quote-edit">
              {t('edit')}
            </Button>
          ) : null}
          {(q.status === 'draft' || q.status === 'approved') && open
            ? button(q, 'send', true)
            : null}
          {q.status === 'sent' ? button(q, 'accept', true) : null}
          {q.status === 'sent' ? button(q, 'reject') : null}
          {q.status !== 'superseded' && open ? button(q, 'revise') : null}
          <Button
            size="small"
            href={`/api/v1/quotes/${q.id}/print`}
            target="_blank"
            rel="noopener"
            data-testid="quote-print"
          >
            {t('print')}
          </Button>
        </Flex>
      ),
    },
  ];
  return (
    <SectionCard
      title={t('title')}
      testId="deal-quotes"
      extra={
        <Button onClick={() => setEditing('new')} disabled={!open} data-testid="quote-new">
          {t('new')}
        </Button>
      }
    >
      <FormProblem problem={act.error} />
      <QueryState query={quotes}>
        {(data) => (
          <Table<Quote>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={[...data.items]}
            locale={{ emptyText: t('empty') }}
            scroll={{ x: true }}
          />
        )}
      </QueryState>
      {editing ? (
        <QuoteEditor
          dealId={dealId}
          currency={currency}
          {...(editing === 'new' ? {} : { quote: editing })}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </SectionCard>
  );
}
