import { Alert, Button, Card, Descriptions, Flex, Input, List, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { ChainHistory, ChainProgress } from './ChainHistory';
import { useUserNames } from './directory';
import { approvalsMessages } from './messages';

type Approval = components['schemas']['Approval'];

const queueQuery = { mine: 'true', status: 'pending', limit: 100 } as const;

/** The sign-offs waiting for me, including those I decide as someone's stand-in. */
export function ApprovalQueue() {
  const t = useT(approvalsMessages);
  const { name } = useUserNames();
  const queue = useApiQuery(['approvals', 'queue', queueQuery], () =>
    api.GET('/api/v1/approvals', { params: { query: queueQuery } }),
  );
  // What I decided on this visit, with its history, so the outcome stays in view after
  // the item leaves the queue.
  const [decided, setDecided] = useState<readonly Approval[]>([]);
  const outcome = (approval: Approval) =>
    approval.status === 'approved'
      ? t('decided.approved')
      : approval.status === 'rejected'
        ? t('decided.rejected')
        : t('decided.advanced');
  return (
    <>
      <SectionCard title={t('queue.title')} testId="approval-queue">
        <QueryState
          query={queue}
          isEmpty={(page) => page.items.length === 0}
          empty={t('queue.empty')}
        >
          {(page) => (
            <List
              dataSource={page.items}
              renderItem={(approval) => (
                <List.Item key={approval.id}>
                  <QueueItem
                    approval={approval}
                    name={name}
                    onDecided={(result) =>
                      setDecided((list) => [result, ...list.filter((a) => a.id !== result.id)])
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </SectionCard>
      {decided.length > 0 ? (
        <SectionCard title={t('decided.title')} testId="approval-decided">
          <List
            dataSource={[...decided]}
            renderItem={(approval) => (
              <List.Item key={approval.id}>
                <Flex vertical style={{ width: '100%' }}>
                  <Alert
                    type={approval.status === 'rejected' ? 'warning' : 'success'}
                    showIcon
                    title={outcome(approval)}
                  />
                  <DealTitle approval={approval} />
                  <ChainHistory approval={approval} name={name} />
                </Flex>
              </List.Item>
            )}
          />
        </SectionCard>
      ) : null}
    </>
  );
}

/** The deal a request is about: its kind and a link to it. */
function DealTitle({ approval }: { readonly approval: Approval }) {
  const t = useT(approvalsMessages);
  const deal = useApiQuery(['opportunities', approval.opportunityId], () =>
    api.GET('/api/v1/opportunities/{id}', { params: { path: { id: approval.opportunityId } } }),
  );
  const color =
    approval.kind === 'discount' ? 'orange' : approval.kind === 'rule' ? 'purple' : 'blue';
  return (
    <Flex gap={8} align="center" style={{ margin: '8px 0' }}>
      <Tag color={color}>{t(`kind.${approval.kind}`)}</Tag>
      {deal.data ? (
        <Link to={`/opportunities/${approval.opportunityId}`}>{deal.data.name}</Link>
      ) : null}
    </Flex>
  );
}

/** One request: what is asked, the deal's amount, the chain so far, and the decision. */
function QueueItem({
  approval,
  name,
  onDecided,
}: {
  readonly approval: Approval;
  readonly name: (id: string | null) => string;
  readonly onDecided: (approval: Approval) => void;
}) {
  const t = useT(approvalsMessages);
  const [comment, setComment] = useState('');
  const deal = useApiQuery(['opportunities', approval.opportunityId], () =>
    api.GET('/api/v1/opportunities/{id}', { params: { path: { id: approval.opportunityId } } }),
  );
  const decide = useApiMutation(
    (approve: boolean) => {
      const request = {
        params: { path: { id: approval.id } },
        body: { version: approval.version, comment: comment.trim() || null },
      };
      return approve
        ? api.POST('/api/v1/approvals/{id}/approve', request)
        : api.POST('/api/v1/approvals/{id}/reject', request);
    },
    { invalidates: [['approvals'], ['opportunities']], onSuccess: (r) => onDecided(r.approval) },
  );
  const request = approval.request;
  const detail =
    'discountBasisPoints' in request
      ? request.quoteLabel
        ? t('detail.quoteDiscount', {
            quote: request.quoteLabel,
            percent: request.discountBasisPoints / 100,
            threshold: request.thresholdPercent,
          })
        : t('detail.discount', {
            percent: request.discountBasisPoints / 100,
            threshold: request.thresholdPercent,
          })
      : 'title' in request
        ? t('detail.rule', { title: request.title })
        : t('detail.stage');
  return (
    <Card
      size="small"
      style={{ width: '100%' }}
      data-testid="approval-item"
      title={<DealTitle approval={approval} />}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('label.request')}>{detail}</Descriptions.Item>
        <Descriptions.Item label={t('label.amount')}>
          {deal.data ? <Money value={deal.data.amount} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('label.requestedBy')}>
          {name(approval.requestedBy)}
        </Descriptions.Item>
      </Descriptions>
      <div role="group" aria-label={t('label.progress')} style={{ margin: '12px 0' }}>
        <ChainProgress approval={approval} name={name} />
      </div>
      <Input.TextArea
        aria-label={t('label.comment')}
        placeholder={t('label.comment')}
        value={comment}
        maxLength={2000}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(event) => setComment(event.target.value)}
      />
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate(true)}>
          {t('approve')}
        </Button>
        <Button danger loading={decide.isPending} onClick={() => decide.mutate(false)}>
          {t('reject')}
        </Button>
      </Flex>
      <ProblemAlert problem={decide.error} />
      <h3 style={{ fontSize: 14, marginTop: 16 }}>{t('history.title')}</h3>
      <ChainHistory approval={approval} name={name} />
    </Card>
  );
}
