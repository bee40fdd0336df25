import { useDraggable } from '@dnd-kit/core';
import type { Card } from './board-query';
import { CardBody } from './CardBody';
import type { CardState } from './CardBody';

/**
 * A card the user can pick up with the mouse, touch or keyboard (focus it, space to lift,
 * arrows to choose a column, space to drop). While a move waits for the server the card is
 * not draggable: a second move would race the first.
 */
export function DraggableCard({
  card,
  state,
  describedBy,
}: {
  readonly card: Card;
  readonly state: CardState;
  readonly describedBy: string;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: state === 'moving',
  });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      aria-describedby={describedBy}
      aria-busy={state === 'moving'}
      className="pw-board-card"
      data-testid="board-card"
      data-card={card.id}
      data-state={state}
      data-dragging={isDragging}
    >
      <CardBody card={card} state={state} />
    </div>
  );
}
