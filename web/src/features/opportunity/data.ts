import { useMemo } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';

export type Opportunity = components['schemas']['Opportunity'];
export type Pipeline = components['schemas']['Pipeline'];
export type Stage = components['schemas']['Stage'];

/** Query-key prefix of everything about one deal, so one invalidation refreshes the page. */
export function dealKey(id: string): readonly string[] {
  return ['opportunities', id];
}

export function useDeal(id: string) {
  return useApiQuery(dealKey(id), () =>
    api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } }),
  );
}

export function usePipeline(id: string | undefined) {
  return useApiQuery(
    ['pipelines', id ?? ''],
    () => api.GET('/api/v1/pipelines/{id}', { params: { path: { id: id ?? '' } } }),
    { enabled: id !== undefined },
  );
}

const USERS_QUERY = { limit: 200, sort: 'name' } as const;

/** Display names of the tenant's users by id (actors in history, owners, tickers). */
export function useUserNames(): (id: string | null | undefined) => string | undefined {
  const users = useApiQuery(['users', USERS_QUERY], () =>
    api.GET('/api/v1/users', { params: { query: USERS_QUERY } }),
  );
  const names = useMemo(
    () => new Map((users.data?.items ?? []).map((user) => [user.id, user.name])),
    [users.data],
  );
  return (id) => (id ? names.get(id) : undefined);
}

const ACTIVITY_PAGE = 50;

/** The deal's activities, newest first: the timeline and the evidence picker share them. */
export function useDealActivities(id: string) {
  const query = { opportunityId: id, sort: '-occurredAt', limit: ACTIVITY_PAGE } as const;
  return useApiQuery(['activities', query], () =>
    api.GET('/api/v1/activities', { params: { query } }),
  );
}

/** Stages in pipeline order. */
export function ordered(pipeline: Pipeline): Stage[] {
  return [...pipeline.stages].sort((a, b) => a.position - b.position);
}

/** The tenant's win/loss reason taxonomy (retired ones too, for old reviews). */
export function useCloseReasons() {
  return useApiQuery(['close-reasons'], () => api.GET('/api/v1/close-reasons'));
}
