import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';

/**
 * Display names of users and pools by id, for the ownership facts (everyone may read
 * users and pools). One list each, cached; an id not among them shows as itself.
 */
export function useDirectory(): {
  user: (id: string | null) => string;
  pool: (id: string | null) => string;
} {
  const users = useApiQuery(['users', 'directory'], () =>
    api.GET('/api/v1/users', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const pools = useApiQuery(['pools', 'directory'], () =>
    api.GET('/api/v1/pools', { params: { query: { limit: 200 } } }),
  );
  const userNames = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  const poolNames = new Map((pools.data?.items ?? []).map((p) => [p.id, p.name]));
  return {
    user: (id) => (id === null ? '—' : (userNames.get(id) ?? id)),
    pool: (id) => (id === null ? '—' : (poolNames.get(id) ?? id)),
  };
}
