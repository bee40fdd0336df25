import { Button, Drawer, Flex, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { DateText } from '../../components/DateText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLocalName, useT } from '../../i18n/locale-context';
import { boardMessages } from './messages';
import type { CardMove } from './useCardMove';

/**
 * A move into a stage that needs sign-off did not move the deal: it created an approval
 * request. This says so, and lets the requester withdraw it.
 */
export function ApprovalDrawer({ moves }: { readonly moves: CardMove }) {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const shown = moves.shownApproval;
  const withdraw = useApiMutation(
    ({ id, version }: { id: string; version: number }) =>
      api.POST('/api/v1/approvals/{id}/cancel', { params: { path: { id } }, body: { version } }),
    { invalidates: [['approvals']], onSuccess: () => shown && moves.withdrawn(shown.card.id) },
  );
  return (
    <Drawer open={shown !== null} onClose={moves.closeApproval} title={t('pending.title')}>
      {shown ? (
        <Flex vertical gap={12} data-testid="approval-pending">
          <Typography.Paragraph>
            <strong>{shown.card.name}</strong> —{' '}
            {t('pending.detail', { stage: localName(shown.to) })}{' '}
            <DateText value={shown.approval.createdAt} style="dateTime" />
          </Typography.Paragraph>
          <Button
            danger
            loading={withdraw.isPending}
            onClick={() =>
              withdraw.mutate({ id: shown.approval.id, version: shown.approval.version })
            }
          >
            {t('pending.withdraw')}
          </Button>
          <ProblemAlert problem={withdraw.error} />
        </Flex>
      ) : null}
    </Drawer>
  );
}
