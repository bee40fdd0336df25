import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Flex, Typography } from 'antd';
import { useRef } from 'react';
import { Money } from '../../components/Money';
import { useLocalName, useT } from '../../i18n/locale-context';
import type { Card, Column } from './board-query';
import type { CardState } from './CardBody';
import { DraggableCard } from './DraggableCard';
import { boardMessages } from './messages';

/** A card's height before it is measured; close to the usual one so scrolling does not jump. */
const ESTIMATED_CARD_HEIGHT = 118;

/** Count, amount and weighted amount of a column, per currency, as the server computed them. */
export function ColumnTotals({ column }: { readonly column: Column }) {
  const t = useT(boardMessages);
  return (
    <>
      <Typography.Text type="secondary" data-testid="column-count" data-count={column.count}>
        {t('column.count', { count: column.count })}
      </Typography.Text>
      {column.amounts.map((amount) => (
        <Flex
          key={amount.currency}
          justify="space-between"
          gap={8}
          data-testid="column-amount"
          data-currency={amount.currency}
          data-amount={amount.amountMinor}
          data-weighted={amount.weightedMinor}
        >
          <span>
            {t('column.amount')}{' '}
            <Money value={{ amountMinor: amount.amountMinor, currency: amount.currency }} />
          </span>
          <Typography.Text type="secondary">
            {t('column.weighted')}{' '}
            <Money value={{ amountMinor: amount.weightedMinor, currency: amount.currency }} />
          </Typography.Text>
        </Flex>
      ))}
    </>
  );
}

/**
 * One stage: its totals, and its cards in a virtualised list (only the visible ones are in
 * the DOM, so a column of 2,000 cards scrolls as smoothly as one of 20). The whole column
 * is the drop target.
 */
export function BoardColumn({
  column,
  cards,
  stateOf,
  describedBy,
}: {
  readonly column: Column;
  readonly cards: readonly Card[];
  readonly stateOf: (card: Card) => CardState;
  readonly describedBy: string;
}) {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const name = localName(column);
  const { setNodeRef, isOver } = useDroppable({ id: column.stageId, data: { column } });
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 6,
    getItemKey: (index) => cards[index]?.id ?? index,
  });
  const headingId = `board-column-${column.stageId}`;

  return (
    <section
      ref={setNodeRef}
      className="pw-board-column"
      data-testid="board-column"
      data-stage={column.stageId}
      data-kind={column.kind}
      data-over={isOver}
      aria-labelledby={headingId}
    >
      <div className="pw-board-column-head">
        <Flex justify="space-between" align="baseline" gap={8}>
          <h2 id={headingId}>{name}</h2>
          <Typography.Text type="secondary">{column.probability}%</Typography.Text>
        </Flex>
        <ColumnTotals column={column} />
      </div>
      <div
        ref={scroller}
        className="pw-board-column-body"
        role="list"
        aria-label={t('column.label', { stage: name, count: column.count })}
      >
        {cards.length === 0 ? (
          <Typography.Text type="secondary">{t('column.empty')}</Typography.Text>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const card = cards[item.index];
              if (!card) return null;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                    transform: `translateY(${String(item.start)}px)`,
                  }}
                >
                  <DraggableCard card={card} state={stateOf(card)} describedBy={describedBy} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
