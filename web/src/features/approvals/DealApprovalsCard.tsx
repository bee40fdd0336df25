import { Flex, List, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { ChainHistory, ChainProgress } from './ChainHistory';
import { dealApprovalMessages } from './deal-messages';
import { useUserNames } from './directory';
import { approvalsMessages } from './messages';

type Approval = components['schemas']['Approval'];

const STATUS_COLOR: Record<Approval['status'], string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};

/** The query of a deal's approval history; the products card refreshes it after a save. */
export function dealApprovalsQuery(opportunityId: string) {
  return { opportunityId, sort: '-createdAt', limit: 100 } as const;
}

/**
 * A deal's approvals of every kind, newest first: what was asked, where the chain stands,
 * and each step's decision (who, on whose behalf, the comment, when).
 */
export function DealApprovalsCard({ dealId }: { readonly dealId: string }) {
  const t = useT(dealApprovalMessages);
  const { name } = useUserNames();
  const query = dealApprovalsQuery(dealId);
  const approvals = useApiQuery(['approvals', query], () =>
    api.GET('/api/v1/approvals', { params: { query } }),
  );
  return (
    <SectionCard title={t('deal.title')} testId="deal-approvals">
      <QueryState
        query={approvals}
        rows={4}
        isEmpty={(page) => page.items.length === 0}
        empty={t('deal.empty')}
      >
        {(page) => (
          <List
            dataSource={page.items}
            renderItem={(approval) => (
              <List.Item key={approval.id}>
                <DealApproval approval={approval} name={name} />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

function DealApproval({
  approval,
  name,
}: {
  readonly approval: Approval;
  readonly name: (id: string | null) => string;
}) {
  const t = useT(dealApprovalMessages);
  const ta = useT(approvalsMessages);
  const request = approval.request;
  const detail =
    'discountBasisPoints' in request
      ? request.quoteLabel
        ? ta('detail.quoteDiscount', {
            quote: request.quoteLabel,
            percent: request.discountBasisPoints / 100,
            threshold: request.thresholdPercent,
          })
        : ta('detail.discount', {
            percent: request.discountBasisPoints / 100,
            threshold: request.thresholdPercent,
          })
      : 'title' in request
        ? ta('detail.rule', { title: request.title })
        : ta('detail.stage');
  return (
    <Flex
      vertical
      gap={8}
      style={{ width: '100%' }}
      data-testid="deal-approval"
      data-kind={approval.kind}
      data-status={approval.status}
    >
      <Flex gap={8} align="center" wrap>
        <Tag
          color={
            approval.kind === 'discount' ? 'orange' : approval.kind === 'rule' ? 'purple' : 'blue'
          }
        >
          {ta(`kind.${approval.kind}`)}
        </Tag>
        <Tag color={STATUS_COLOR[approval.status]}>{t(`status.${approval.status}`)}</Tag>
        <Typography.Text>{detail}</Typography.Text>
      </Flex>
      {approval.status === 'pending' ? (
        <Typography.Text type="secondary">
          {t('deal.steps', { current: approval.currentStep + 1, total: approval.steps.length })}
        </Typography.Text>
      ) : null}
      <div role="group" aria-label={ta('label.progress')}>
        <ChainProgress approval={approval} name={name} />
      </div>
      <ChainHistory approval={approval} name={name} />
    </Flex>
  );
}
