import {
  keepPreviousData,
  QueryCache,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { QueryKey, UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useLocale } from '../i18n/locale-context';
import { unwrap } from './client';
import { ApiProblem } from './problem';

type Call<D> = Promise<{ data?: D; error?: unknown; response: Response }>;
type Success<R> = R extends { data: infer D } ? D : never;
type DataOf<C> = Success<Awaited<C>>;

export const ME_KEY = ['me'] as const;

/**
 * The app's query client. A 401 on any request means the session ended: refetch /me, and
 * the auth guard (RequireSession) sends the user to sign-in, keeping the page they were on.
 * Client errors are not retried (the answer will not change); network failures are, once.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        if (error instanceof ApiProblem && error.status === 401 && query.queryKey[0] !== 'me') {
          void client.invalidateQueries({ queryKey: ME_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiProblem && error.status > 0) && count < 1,
      },
    },
  });
  return client;
}

/**
 * A typed GET through react-query. The key is prefixed with the UI language, because
 * problem details and server-rendered texts follow Accept-Language; the previous data stays
 * on screen while the other language loads.
 *
 *   const tasks = useApiQuery(['tasks', query], () => api.GET('/api/v1/tasks', { params: { query } }));
 *   <QueryState query={tasks}>{(page) => …}</QueryState>
 */
export function useApiQuery<C extends Call<unknown>>(
  key: QueryKey,
  call: () => C,
  options: { enabled?: boolean; refetchInterval?: number } = {},
): UseQueryResult<DataOf<C>, ApiProblem> {
  const { locale } = useLocale();
  return useQuery<DataOf<C>, ApiProblem>({
    queryKey: [...key, locale],
    queryFn: () => unwrap(call()),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/**
 * A typed POST/PATCH/DELETE; `invalidates` lists the query-key prefixes to refetch after
 * success (e.g. [['leads']]). Show `mutation.error?.detail` next to the form.
 */
export function useApiMutation<V, C extends Call<unknown>>(
  call: (variables: V) => C,
  options: { invalidates?: readonly QueryKey[]; onSuccess?: (data: DataOf<C>) => void } = {},
): UseMutationResult<DataOf<C>, ApiProblem, V> {
  const queryClient = useQueryClient();
  return useMutation<DataOf<C>, ApiProblem, V>({
    mutationFn: (variables) => unwrap(call(variables)),
    onSuccess: async (data) => {
      await Promise.all(
        (options.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      options.onSuccess?.(data);
    },
  });
}
