import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Keyboard moves jump a whole column at a time: left and right arrows put the lifted card
 * over the centre of the previous or next column (the default moves 25 px per press, which
 * on a board would take a dozen presses per stage). Other keys do nothing while lifted.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const rects = droppableContainers
    .getEnabled()
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [rect] : [];
    })
    .sort((a, b) => a.left - b.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  const target =
    event.code === 'ArrowRight'
      ? rects.find((rect) => rect.left > centre)
      : rects.reverse().find((rect) => rect.left + rect.width < centre);
  if (!target) return undefined;
  event.preventDefault();
  return {
    x: currentCoordinates.x + (target.left + target.width / 2 - centre),
    y: currentCoordinates.y,
  };
};
