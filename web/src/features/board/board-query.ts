import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import type { BoardFilters } from './filters';

export type Board = components['schemas']['Board'];
export type Card = components['schemas']['BoardCard'];
export type Column = components['schemas']['StageSummary'];

/** Every board query of a pipeline starts with this key (invalidate it after a move). */
export function boardKey(pipelineId: string): readonly unknown[] {
  return ['pipelines', pipelineId, 'board'];
}

/** The kanban of one pipeline with the chosen filters: columns with totals, and the cards. */
export function useBoard(pipelineId: string | null, filters: BoardFilters) {
  return useApiQuery(
    [...boardKey(pipelineId ?? ''), filters],
    () =>
      api.GET('/api/v1/pipelines/{id}/board', {
        params: { path: { id: pipelineId ?? '' }, query: filters },
      }),
    { enabled: pipelineId !== null },
  );
}
