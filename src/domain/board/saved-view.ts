import type { BoardFilter } from './board.js';

/** What a saved view restores: the board, or the deal or lead list. */
export const savedViewKinds = ['board', 'opportunity-list', 'lead-list'] as const;
export type SavedViewKind = (typeof savedViewKinds)[number];

export const MAX_VIEW_NAME_LENGTH = 80;

/**
 * A user's saved board or list view (名称, filters, sort). Private to its owner unless
 * `shared`: then everyone in the tenant may read and apply it, and only the owner edits it.
 * Its filters are the board's (`BoardFilter`), checked when saved.
 */
export interface SavedView {
  readonly id: string;
  readonly userId: string;
  readonly kind: SavedViewKind;
  readonly name: string;
  readonly pipelineId: string | null;
  readonly filters: BoardFilter;
  /** A sort as the view's list takes it (`-amount`, `name`, …); null: the list's default. */
  readonly sort: string | null;
  readonly shared: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}
