import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type {
  Announcements,
  CollisionDetection,
  DragEndEvent,
  DragStartEvent,
} from '@dnd-kit/core';
import { useId, useMemo, useState } from 'react';
import { useLocalName, useT } from '../../i18n/locale-context';
import type { Board, Card, Column } from './board-query';
import { BoardColumn } from './BoardColumn';
import { CardBody } from './CardBody';
import type { CardState } from './CardBody';
import { columnCoordinates } from './keyboard-columns';
import { boardMessages } from './messages';
import type { CardMove } from './useCardMove';

/** The pointer's column when there is a pointer; the card's overlap when moved by keyboard. */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

function cardOf(data: unknown): Card | null {
  return typeof data === 'object' && data !== null && 'card' in data
    ? (data as { card: Card }).card
    : null;
}
function columnOf(data: unknown): Column | null {
  return typeof data === 'object' && data !== null && 'column' in data
    ? (data as { column: Column }).column
    : null;
}

/** The columns with their cards; a card dropped on another column asks the server to move it. */
export function KanbanBoard({ board, moves }: { readonly board: Board; readonly moves: CardMove }) {
  const t = useT(boardMessages);
  const localName = useLocalName();
  const hintId = useId();
  const [active, setActive] = useState<Card | null>(null);
  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on the deal's name still opens it.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const byStage = useMemo(() => {
    const map = new Map<string, Card[]>();
    for (const card of board.cards) {
      const list = map.get(card.stageId);
      if (list) list.push(card);
      else map.set(card.stageId, [card]);
    }
    return map;
  }, [board.cards]);

  const stateOf = (card: Card): CardState => {
    if (moves.pending.has(card.id)) return 'moving';
    if (moves.awaiting.has(card.id)) return 'awaiting';
    if (moves.refusal?.card.id === card.id) return 'refused';
    return 'idle';
  };

  const stageName = (id: string | number | undefined): string => {
    const column = board.columns.find((c) => c.stageId === id);
    return column ? localName(column) : '';
  };
  const dealName = (id: string | number): string =>
    board.cards.find((card) => card.id === id)?.name ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => t('move.announceStart', { deal: dealName(a.id) }),
    onDragOver: ({ active: a, over }) =>
      over
        ? t('move.announceOver', { deal: dealName(a.id), stage: stageName(over.id) })
        : undefined,
    onDragEnd: ({ active: a, over }) =>
      over
        ? t('move.announceDrop', { deal: dealName(a.id), stage: stageName(over.id) })
        : t('move.announceCancel', { deal: dealName(a.id) }),
    onDragCancel: ({ active: a }) => t('move.announceCancel', { deal: dealName(a.id) }),
  };

  const onDragStart = (event: DragStartEvent) => setActive(cardOf(event.active.data.current));
  const onDragEnd = (event: DragEndEvent) => {
    setActive(null);
    const card = cardOf(event.active.data.current);
    const column = columnOf(event.over?.data.current);
    if (card && column && column.stageId !== card.stageId) void moves.move(card, column);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('card.dragHint') },
      }}
    >
      <p id={hintId} className="pw-visually-hidden">
        {t('card.dragHint')}
      </p>
      <div className="pw-board" data-testid="board">
        {board.columns.map((column) => (
          <BoardColumn
            key={column.stageId}
            column={column}
            cards={byStage.get(column.stageId) ?? []}
            stateOf={stateOf}
            describedBy={hintId}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="pw-board-card pw-board-card-overlay">
            <CardBody card={active} state="idle" />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
