import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Drawer, Flex, Form, Input, List, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useLocalName, useT } from '../../i18n/locale-context';
import { ActionFix } from './ActionFix';
import { AttachmentFix } from './AttachmentFix';
import { FieldFix } from './FieldFix';
import { boardMessages } from './messages';
import { gateItems } from './unmet';
import type { GateItem } from './unmet';
import type { CardMove, Refusal } from './useCardMove';

/** The way to meet one criterion in place, or a link to the deal when it needs more. */
function Fix({
  item,
  refusal,
  onFixed,
}: {
  readonly item: GateItem;
  readonly refusal: Refusal;
  readonly onFixed: (version?: number) => void;
}) {
  const t = useT(boardMessages);
  const { card } = refusal;
  const criterion = item.criterion;
  if (criterion?.type === 'field' && criterion.field !== 'products') {
    return (
      <FieldFix card={card} field={criterion.field} version={refusal.version} onFixed={onFixed} />
    );
  }
  if (criterion?.type === 'action') {
    return <ActionFix dealId={card.id} action={criterion.action} onFixed={onFixed} />;
  }
  if (criterion?.type === 'attachment') {
    return (
      <AttachmentFix dealId={card.id} attachmentType={criterion.attachmentType} onFixed={onFixed} />
    );
  }
  if (criterion === null) return null;
  return (
    <Typography.Text type="secondary">
      {t('gate.noFix')} <Link to={`/opportunities/${card.id}`}>{t('gate.openDeal')}</Link>
    </Typography.Text>
  );
}

/** The refused move's answer: every unmet item (server's words) with its fix, then retry. */
function RefusalBody({ refusal, moves }: { readonly refusal: Refusal; readonly moves: CardMove }) {
  const t = useT(boardMessages);
  const [fixed, setFixed] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const retrying = moves.pending.has(refusal.card.id);
  const { problem } = refusal;
  const items = problem.code === 'gate_failed' ? gateItems(problem) : [];
  const { setRefusalVersion } = moves;
  const markFixed = useCallback(
    (id: string) => (version?: number) => {
      if (version !== undefined) setRefusalVersion(version);
      setFixed((current) => new Set(current).add(id));
    },
    [setRefusalVersion],
  );
  const retry = () =>
    void moves.move(refusal.card, refusal.to, {
      version: refusal.version,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });

  if (problem.code === 'backward_move_needs_reason') {
    return (
      <Form layout="vertical" onFinish={retry}>
        <Alert type="warning" showIcon title={problem.detail} style={{ marginBottom: 12 }} />
        <Form.Item label={t('gate.reason')} htmlFor="move-reason">
          <Input.TextArea
            id="move-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!reason.trim()} loading={retrying}>
          {t('gate.retry')}
        </Button>
      </Form>
    );
  }
  if (problem.code !== 'gate_failed') {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={problem.detail}
        action={
          <Button size="small" onClick={retry} loading={retrying}>
            {t('gate.retry')}
          </Button>
        }
      />
    );
  }
  const allFixed = items.every((item) => fixed.has(item.id));
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={problem.detail} description={t('gate.intro')} />
      <List
        data-testid="gate-unmet"
        dataSource={items}
        renderItem={(item) => (
          <List.Item data-testid="gate-item" data-fixed={fixed.has(item.id)}>
            <Flex vertical gap={6} style={{ width: '100%' }}>
              <Typography.Text strong>
                {fixed.has(item.id) ? (
                  <CheckCircleFilled
                    style={{ color: '#16a34a', marginInlineEnd: 6 }}
                    aria-label={t('gate.fixed')}
                  />
                ) : null}
                <span data-testid="gate-message">{item.message}</span>
              </Typography.Text>
              {fixed.has(item.id) ? null : (
                <Fix item={item} refusal={refusal} onFixed={markFixed(item.id)} />
              )}
            </Flex>
          </List.Item>
        )}
      />
      {allFixed ? <Alert type="success" showIcon title={t('gate.allFixed')} /> : null}
      <Button type="primary" onClick={retry} loading={retrying} data-testid="gate-retry">
        {t('gate.retry')}
      </Button>
    </Flex>
  );
}

/** Opens next to the board when a move is refused; closes when the move goes through. */
export function GateDrawer({ moves }: { readonly moves: CardMove }) {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const { refusal } = moves;
  return (
    <Drawer
      open={refusal !== null}
      onClose={moves.dismiss}
      size={440}
      title={
        refusal ? t('gate.title', { deal: refusal.card.name, stage: localName(refusal.to) }) : ''
      }
      data-testid="gate-drawer"
      destroyOnHidden
    >
      {refusal ? (
        <RefusalBody
          key={refusal.problem.body?.requestId ?? refusal.problem.code}
          refusal={refusal}
          moves={moves}
        />
      ) : null}
    </Drawer>
  );
}
