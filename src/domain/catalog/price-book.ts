import type { FieldIssue } from '../errors.js';
import type { CurrencyCode } from '../money.js';
import type { VolumeTier } from './volume-tiers.js';

/**
 * A price book: the prices of some products in one currency, for a sales channel and/or a
 * customer value tier (null = any), optionally valid only between two dates (inclusive).
 * Each currency has at most one default book, the fallback when no narrower book applies.
 */
export interface PriceBook {
  readonly id: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly channel: string | null;
  /** Compared with the account's value tier (accounts.value_tier). */
  readonly customerTier: string | null;
  readonly isDefault: boolean;
  readonly active: boolean;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface PriceBookEntry {
  readonly id: string;
  readonly priceBookId: string;
  readonly productId: string;
  readonly unitPriceMinor: number;
  readonly volumeTiers: readonly VolumeTier[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Whether the book's validity window (dates inclusive, null = open) contains `on`. */
export function isInDate(book: Pick<PriceBook, 'validFrom' | 'validTo'>, on: string): boolean {
  return (
    (book.validFrom === null || book.validFrom <= on) &&
    (book.validTo === null || on <= book.validTo)
  );
}

export function priceBookIssues(
  book: Pick<PriceBook, 'name' | 'isDefault' | 'channel' | 'customerTier'>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (book.name.trim() === '') {
    issues.push({ path: 'name', code: 'required', message: 'name must not be blank' });
  }
  // The default is the fallback for everyone: narrowing it would leave some buyers with no book.
  if (book.isDefault && (book.channel !== null || book.customerTier !== null)) {
    issues.push({
      path: 'isDefault',
      code: 'default_not_narrowed',
      message: 'a default price book applies to every channel and customer tier',
    });
  }
  return issues;
}

/**
 * The other default book of the same currency that `book` would clash with, if any: only
 * active defaults count, so an archived old default does not block a new one.
 */
export function clashingDefault<
  B extends Pick<PriceBook, 'id' | 'currency' | 'isDefault' | 'active'>,
>(book: B, others: readonly B[]): B | undefined {
  if (!book.isDefault || !book.active) return undefined;
  return others.find(
    (other) =>
      other.id !== book.id && other.isDefault && other.active && other.currency === book.currency,
  );
}
