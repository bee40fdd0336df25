import type { operations } from '../../api/schema';

/** The filters every report shares (docs/analytics.md, "Asking for a report"). */
export type ReportFilters = NonNullable<operations['reportFunnel']['parameters']['query']>;
export type Currency = NonNullable<ReportFilters['currency']>;
type FilterKey = keyof Omit<ReportFilters, 'asOf'>;

const FILTER_KEYS: readonly FilterKey[] = [
  'pipelineId',
  'from',
  'to',
  'teamId',
  'ownerId',
  'currency',
];

/** The currencies the API accepts, in the order of its schema (checked by the compiler). */
export const CURRENCIES = [
  'CNY',
  'USD',
  'EUR',
  'GBP',
  'HKD',
  'TWD',
  'SGD',
  'AUD',
  'CAD',
  'CHF',
  'JPY',
  'KRW',
] as const satisfies readonly Currency[];

function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

/**
 * The filters as the URL holds them, so a view can be shared. Values are passed to the
 * server as they are: it validates them and answers a translated problem otherwise.
 */
export function filtersFromSearch(search: URLSearchParams): Omit<ReportFilters, 'asOf'> {
  const filters: Omit<ReportFilters, 'asOf' | 'currency'> & { currency?: Currency } = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (!value) continue;
    if (key === 'currency') {
      if (isCurrency(value)) filters.currency = value;
    } else filters[key] = value;
  }
  return filters;
}

/** Writes one filter into a copy of the search params (empty or null removes it). */
export function withFilter(
  search: URLSearchParams,
  changes: Partial<Record<FilterKey, string | null>>,
): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** Today's calendar date in a time zone, YYYY-MM-DD. */
export function localToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export type QuickPick = 'month' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar month, quarter or year holding `today` (a local date), first to last day. */
export function quickPeriod(today: string, pick: QuickPick): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const first = pick === 'year' ? 1 : pick === 'quarter' ? month - ((month - 1) % 3) : month;
  const last = pick === 'year' ? 12 : pick === 'quarter' ? first + 2 : month;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}
