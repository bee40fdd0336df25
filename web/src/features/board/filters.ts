import type { components } from '../../api/schema';
import { currencyDigits } from '../../i18n/format';

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

/** A major-unit number typed by the user (12.5) as the API's minor units (1250). */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

/** The API's minor units as the number the user typed. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}
