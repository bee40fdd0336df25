import type { components } from '../../api/schema';

/** The board's filters exactly as the API and saved views take them. */
export type BoardFilters = components['schemas']['BoardFilters'];

/**
 * The filters without unset values, so the query string, the react-query key and a saved
 * view carry only what the user chose (an empty list or blank text is "no filter").
 */
export function compactFilters(filters: BoardFilters): BoardFilters {
  const compact: Record<string, unknown> & BoardFilters = { ...filters };
  for (const [key, value] of Object.entries(compact)) {
    const unset = value === undefined || value === null || value === '';
    if (unset || (Array.isArray(value) && value.length === 0)) delete compact[key];
  }
  return compact;
}
