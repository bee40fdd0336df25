import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';

/** Users by id for the chain and its history (everyone may read users); cached. */
export function useUserNames(): {
  name: (id: string | null) => string;
  users: readonly { id: string; name: string }[];
} {
  const users = useApiQuery(['users', 'directory'], () =>
    api.GET('/api/v1/users', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const items = users.data?.items ?? [];
  const names = new Map(items.map((u) => [u.id, u.name]));
  return {
    name: (id) => (id === null ? '—' : (names.get(id) ?? id)),
    users: items,
  };
}
