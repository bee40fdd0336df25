import type { CurrencyCode } from '../money.js';
import type { ProductCustomisation, ProductType } from '../opportunities/opportunity.js';
import type { QuoteStatus } from './status.js';

/** A priced line of one quote revision (figures from `priceQuote`, ADR 0025). */
export interface QuoteLine {
  readonly id: string;
  readonly position: number;
  /** The catalogue product; null for a free line typed in by the rep. */
  readonly productId: string | null;
  readonly name: string;
  readonly productType: ProductType;
  readonly customisation: ProductCustomisation;
  readonly quantity: number;
  /** The book's base price; equals `unitPriceMinor` unless a volume tier applied. */
  readonly listUnitPriceMinor: number;
  readonly unitPriceMinor: number;
  readonly discountBp: number;
  readonly taxRateBp: number;
  readonly grossMinor: number;
  /** The line's own discount plus its share of the overall discount. */
  readonly discountMinor: number;
  readonly netMinor: number;
  readonly taxMinor: number;
  readonly totalMinor: number;
}

/** One revision of a quote; revisions of the same quote share `number`. */
export interface Quote {
  readonly id: string;
  readonly opportunityId: string;
  readonly number: string;
  readonly revision: number;
  readonly status: QuoteStatus;
  readonly currency: CurrencyCode;
  readonly priceBookId: string | null;
  /** The last day the offer stands (inclusive), in the tenant's calendar. */
  readonly validUntil: string | null;
  readonly overallDiscountBp: number;
  readonly subtotalMinor: number;
  readonly lineDiscountMinor: number;
  readonly overallDiscountMinor: number;
  /** Σ net: subtotal − line discounts − overall discount (tax excluded). */
  readonly netMinor: number;
  readonly taxMinor: number;
  readonly totalMinor: number;
  /** The discount approval request this revision waits for or was granted by. */
  readonly approvalId: string | null;
  readonly sentAt: string | null;
  readonly acceptedAt: string | null;
  /** When the customer (or the clock) decided: accepted, rejected or expired. */
  readonly decidedAt: string | null;
  readonly notes: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly lines: readonly QuoteLine[];
}
