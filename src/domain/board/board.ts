import { DomainError } from '../errors.js';
import type { CurrencyCode } from '../money.js';

/**
 * The pipeline board (kanban): which deals it shows and what a card says about them. The
 * filters are plain data shared by the board endpoint and saved views, so a saved view
 * always means what the board would show for it.
 */
export interface BoardFilter {
  /** Deals owned by one of these people. */
  readonly ownerIds?: readonly string[];
  /** Deals owned by anyone in this team or a team below it. */
  readonly teamId?: string;
  /** Expected close date within [closeFrom, closeTo] (calendar dates, inclusive). */
  readonly closeFrom?: string;
  readonly closeTo?: string;
  /** Amount within [amountMin, amountMax] in minor units of `currency` (required with them). */
  readonly amountMin?: number;
  readonly amountMax?: number;
  readonly currency?: CurrencyCode;
  /** Deals carrying this tag (any case). */
  readonly tag?: string;
  /** Text in the deal's name. */
  readonly q?: string;
  /** `closed`: also the deals won or lost in the last `closedDays` days. */
  readonly include?: 'closed';
  readonly closedDays?: number;
}

/** Names of the filter fields, for saved views (unknown fields are refused). */
export const boardFilterFields = [
  'ownerIds',
  'teamId',
  'closeFrom',
  'closeTo',
  'amountMin',
  'amountMax',
  'currency',
  'tag',
  'q',
  'include',
  'closedDays',
] as const satisfies readonly (keyof BoardFilter)[];

/**
 * One request answers every card up to this many (the board renders 2,000 virtualised);
 * beyond it the answer says `truncated` and the user narrows the filters.
 */
export const BOARD_CARD_CAP = 5000;
/** Closed deals shown with `include=closed`: the last month's wins and losses by default. */
export const DEFAULT_CLOSED_DAYS = 30;
export const MAX_CLOSED_DAYS = 365;

/**
 * Ranges must not be empty (422 `invalid_range`), and an amount range means nothing
 * without its currency (400): amounts are never compared across currencies.
 */
export function checkBoardFilter(filter: BoardFilter): void {
  if ((filter.amountMin !== undefined || filter.amountMax !== undefined) && !filter.currency)
    throw new DomainError('validation_failed', {}, [
      {
        path: 'currency',
        code: 'required',
        message: 'currency is required with amountMin or amountMax',
        messages: {
          en: 'Give the currency of the amount range.',
          'zh-CN': '按金额筛选时须指定币种。',
        },
      },
    ]);
  if (
    filter.amountMin !== undefined &&
    filter.amountMax !== undefined &&
    filter.amountMin > filter.amountMax
  )
    throw new DomainError('invalid_range', { field: 'amount' });
  if (filter.closeFrom && filter.closeTo && filter.closeFrom > filter.closeTo)
    throw new DomainError('invalid_range', { field: 'closeDate' });
}

/** Probability-weighted amount, rounded once (per card, or per column total). */
export function weightedMinor(amountMinor: number, probability: number): number {
  return Math.round((amountMinor * probability) / 100);
}

/** What `isOverdue` needs to know about one deal. */
export interface OverdueFacts {
  readonly status: string;
  readonly expectedCloseDate: string | null;
  /** The follow-up deadline from the stage's cadence (see pools/deadlines.ts). */
  readonly deadlineAt: string | null;
}

/**
 * An open deal is overdue when its expected close date is before today in the tenant's
 * calendar, or its follow-up deadline has passed (the moment the deadline sweep would
 * notify the owner). Closed deals are never overdue.
 */
export function isOverdue(facts: OverdueFacts, today: string, now: Date): boolean {
  if (facts.status !== 'open') return false;
  if (facts.expectedCloseDate !== null && facts.expectedCloseDate < today) return true;
  return facts.deadlineAt !== null && Date.parse(facts.deadlineAt) <= now.getTime();
}
