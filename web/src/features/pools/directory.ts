import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';

/**
 * The tenant's people and pools, for showing names where the API gives ids (owners,
 * history entries, pool names) and for choosing a new owner. One page of 200 covers a sales
 * team; an id not found shows shortened rather than failing the screen.
 */
export function useUsers() {
  return useApiQuery(['users', 'directory'], () =>
    api.GET('/api/v1/users', { params: { query: { limit: 200, sort: 'name' } } }),
  );
}

export function usePools() {
  return useApiQuery(['pools', 'all'], () =>
    api.GET('/api/v1/pools', { params: { query: { limit: 200, sort: 'name' } } }),
  );
}

type Named = { readonly id: string; readonly name: string };

function nameLookup(
  items: readonly Named[] | undefined,
): (id: string | null | undefined) => string {
  const names = new Map((items ?? []).map((item) => [item.id, item.name]));
  return (id) => (id ? (names.get(id) ?? id.slice(0, 8)) : '');
}

export function useUserNames(): (id: string | null | undefined) => string {
  return nameLookup(useUsers().data?.items);
}

export function usePoolNames(): (id: string | null | undefined) => string {
  return nameLookup(usePools().data?.items);
}
