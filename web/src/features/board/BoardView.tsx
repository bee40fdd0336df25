import { Alert, Flex } from 'antd';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { ApprovalDrawer } from './ApprovalDrawer';
import { useBoard } from './board-query';
import { BoardSkeleton } from './BoardSkeleton';
import { FilterBar } from './FilterBar';
import type { BoardFilters } from './filters';
import { GateDrawer } from './GateDrawer';
import { KanbanBoard } from './KanbanBoard';
import { boardMessages } from './messages';
import { SavedViews } from './SavedViews';
import { useCardMove } from './useCardMove';

/** The kanban of one pipeline: filters and saved views, the columns, and the move answers. */
export function BoardView({
  pipelineId,
  stageCount,
  filters,
  onFilters,
  currency,
}: {
  readonly pipelineId: string;
  readonly stageCount: number;
  readonly filters: BoardFilters;
  readonly onFilters: (filters: BoardFilters) => void;
  readonly currency: NonNullable<BoardFilters['currency']>;
}) {
  const t = useT(boardMessages);
  const board = useBoard(pipelineId, filters);
  const moves = useCardMove(pipelineId);
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} justify="space-between">
        <FilterBar value={filters} onChange={onFilters} currency={currency} mode="board" />
        <SavedViews
          kind="board"
          pipelineId={pipelineId}
          filters={filters}
          onApply={(view) => onFilters(view.filters)}
        />
      </Flex>
      {board.data?.truncated ? (
        <Alert
          type="info"
          showIcon
          title={t('truncated', { shown: board.data.cards.length, total: board.data.total })}
        />
      ) : null}
      {board.isPending ? (
        <BoardSkeleton columns={stageCount} />
      ) : (
        <QueryState query={board}>
          {(data) => <KanbanBoard board={data} moves={moves} />}
        </QueryState>
      )}
      <GateDrawer moves={moves} />
      <ApprovalDrawer moves={moves} />
    </Flex>
  );
}
