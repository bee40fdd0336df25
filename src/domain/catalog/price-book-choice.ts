import type { PriceBook } from './price-book.js';
import { isInDate } from './price-book.js';

/** What a quote knows when it picks its price book. */
export interface PriceBookCriteria {
  readonly currency: string;
  readonly channel?: string | null;
  readonly customerTier?: string | null;
  /** The day the price applies (YYYY-MM-DD). */
  readonly on: string;
}

type Choosable = Pick<
  PriceBook,
  | 'id'
  | 'name'
  | 'currency'
  | 'channel'
  | 'customerTier'
  | 'isDefault'
  | 'active'
  | 'validFrom'
  | 'validTo'
>;

/**
 * How specific a book is for the criteria, or null when it does not apply: tier+channel (3) >
 * tier (2) > channel (1) > the currency's default (0). A book narrowed to a tier or channel
 * the buyer does not have does not apply; a book narrowed to nothing that is not the default
 * is an "any buyer" book of the same rank as the default.
 */
export function specificity(book: Choosable, criteria: PriceBookCriteria): number | null {
  if (!book.active || book.currency !== criteria.currency || !isInDate(book, criteria.on))
    return null;
  if (book.customerTier !== null && book.customerTier !== (criteria.customerTier ?? null))
    return null;
  if (book.channel !== null && book.channel !== (criteria.channel ?? null)) return null;
  return (book.customerTier !== null ? 2 : 0) + (book.channel !== null ? 1 : 0);
}

/**
 * The most specific applicable book. Ties (two books of the same rank) are broken so the
 * answer never depends on row order: a dated book before an open-ended one (the promotion
 * wins over the standing list), then the later validFrom, then the default flag, then the
 * name, then the id.
 */
export function choosePriceBook<B extends Choosable>(
  books: readonly B[],
  criteria: PriceBookCriteria,
): B | null {
  let best: { book: B; rank: number } | null = null;
  for (const book of books) {
    const rank = specificity(book, criteria);
    if (rank === null) continue;
    if (!best || rank > best.rank || (rank === best.rank && precedes(book, best.book))) {
      best = { book, rank };
    }
  }
  return best?.book ?? null;
}

function precedes(a: Choosable, b: Choosable): boolean {
  const dated = (book: Choosable) => (book.validFrom !== null || book.validTo !== null ? 1 : 0);
  if (dated(a) !== dated(b)) return dated(a) > dated(b);
  const fromA = a.validFrom ?? '';
  const fromB = b.validFrom ?? '';
  if (fromA !== fromB) return fromA > fromB;
  if (a.isDefault !== b.isDefault) return a.isDefault;
  if (a.name !== b.name) return a.name < b.name;
  return a.id < b.id;
}
