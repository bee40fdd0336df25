import type { PageQuery, SortColumn } from '../store/pagination.js';

export type { Page } from '../store/pagination.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** What a list endpoint receives: `sort` is a key of the entity's sort table, `-` for descending. */
export interface ListInput<K extends string> {
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: K | `-${K}`;
}

/** Lists default to newest first, which is what every screen opens with. */
export function pageQuery<K extends string>(
  list: ListInput<K>,
  sorts: Readonly<Record<K, SortColumn>>,
  fallback: `-${K}` | K = `-${Object.keys(sorts)[0] as K}`,
): PageQuery {
  const spec = list.sort ?? fallback;
  const descending = spec.startsWith('-');
  const key = (descending ? spec.slice(1) : spec) as K;
  return {
    limit: Math.min(Math.max(list.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE),
    cursor: list.cursor ?? null,
    sort: sorts[key],
    direction: descending ? 'desc' : 'asc',
  };
}

/** The `sort` values an endpoint accepts, for its schema and OpenAPI enum. */
export type SortValue<K extends string> = K | `-${K}`;

export function sortValues<K extends string>(
  sorts: Readonly<Record<K, SortColumn>>,
): [SortValue<K>, ...SortValue<K>[]] {
  const keys = Object.keys(sorts) as K[];
  const values: SortValue<K>[] = [...keys, ...keys.map((key): SortValue<K> => `-${key}`)];
  return values as [SortValue<K>, ...SortValue<K>[]];
}
