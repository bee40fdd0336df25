import { ClockCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { useT } from '../../i18n/locale-context';
import type { Card } from './board-query';
import { boardMessages } from './messages';

export type CardState = 'idle' | 'moving' | 'awaiting' | 'refused';

/** What a card shows: name (a link to the deal), account, amount, close date, owner, flags, tags. */
export function CardBody({ card, state }: { readonly card: Card; readonly state: CardState }) {
  const t = useT(boardMessages);
  return (
    <>
      <Flex justify="space-between" gap={8} align="baseline">
        <h3 className="pw-board-card-title">
          <Link to={`/opportunities/${card.id}`} draggable={false}>
            {card.name}
          </Link>
        </h3>
        <strong className="pw-board-card-amount">
          <Money value={card.amount} />
        </strong>
      </Flex>
      <Typography.Text type="secondary" ellipsis className="pw-board-card-line">
        {card.account.name}
      </Typography.Text>
      <Flex justify="space-between" gap={8} className="pw-board-card-line">
        <Typography.Text type="secondary" ellipsis>
          <span className="pw-visually-hidden">{t('card.owner')}: </span>
          {card.owner.name}
        </Typography.Text>
        <Typography.Text type={card.overdue ? 'danger' : 'secondary'}>
          {card.expectedCloseDate ? (
            <>
              {t('card.close')} <DateText value={card.expectedCloseDate} />
            </>
          ) : (
            t('card.noClose')
          )}
        </Typography.Text>
      </Flex>
      <Flex wrap gap={4} className="pw-board-card-tags">
        {state === 'moving' ? (
          <Tag icon={<LoadingOutlined />} color="processing" data-testid="card-moving">
            {t('card.moving')}
          </Tag>
        ) : null}
        {state === 'awaiting' ? (
          <Tag icon={<ClockCircleOutlined />} color="gold" data-testid="card-awaiting">
            {t('card.pendingApproval')}
          </Tag>
        ) : null}
        {card.stalled ? (
          <Tag icon={<WarningOutlined />} color="orange" data-testid="card-stalled">
            {t('card.stalled')}
          </Tag>
        ) : null}
        {card.overdue ? (
          <Tag color="red" data-testid="card-overdue">
            {t('card.overdue')}
          </Tag>
        ) : null}
        {card.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Flex>
    </>
  );
}
