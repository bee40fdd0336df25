import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ApiProblem } from './problem';
import { ME_KEY } from './query';
import type { components } from './schema';

export type Me = { user: components['schemas']['User']; tenant: components['schemas']['Tenant'] };
export type Role = Me['user']['role'];

/** Who is signed in; `data` is null when nobody is (a 401 is an answer, not an error). */
export function useMe(): UseQueryResult<Me | null, ApiProblem> {
  return useQuery<Me | null, ApiProblem>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/me'));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}
