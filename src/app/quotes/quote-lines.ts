import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { CurrencyCode } from '../../domain/money.js';
import type { ProductCustomisation, ProductType } from '../../domain/opportunities/opportunity.js';
import { priceQuote } from '../../domain/quotes/arithmetic.js';
import type { QuoteTotals } from '../../domain/quotes/arithmetic.js';
import type { QuoteLine } from '../../domain/quotes/quote.js';
import { priceBookCurrency } from '../../store/quotes.repo.js';
import type { Database } from '../../store/schema.js';
import { priceLine } from '../catalog/pricing.js';

/** A line as the rep enters it: a catalogue product (priced by the book) or a free line. */
export type QuoteLineInput =
  | {
      readonly productId: string;
      readonly quantity: number;
      readonly discountBp?: number;
      readonly taxRateBp?: number;
      /** Overrides the product's name on this quote (e.g. "… incl. 3 years support"). */
      readonly name?: string;
    }
  | {
      readonly productId?: undefined;
      readonly name: string;
      readonly productType: ProductType;
      readonly customisation?: ProductCustomisation;
      readonly quantity: number;
      readonly unitPriceMinor: number;
      readonly discountBp?: number;
      readonly taxRateBp?: number;
    };

export interface QuotePricingInput {
  readonly currency: CurrencyCode;
  readonly priceBookId: string | null;
  readonly overallDiscountBp: number;
  readonly lines: readonly QuoteLineInput[];
}

export interface PricedLines {
  readonly lines: QuoteLine[];
  readonly totals: QuoteTotals;
}

/**
 * Prices what the rep entered: catalogue lines through the price book (CATALOG's
 * `priceLine`: base price and volume tier), free lines at the price typed in, then the
 * quote arithmetic (ADR 0025) over all of them. The book must be in the quote's currency.
 */
export async function priceQuoteLines(
  db: Kysely<Database>,
  tenantId: string,
  input: QuotePricingInput,
  newId: () => string,
): Promise<PricedLines> {
  if (input.priceBookId !== null) {
    const currency = await priceBookCurrency(db, tenantId, input.priceBookId);
    if (currency === undefined) {
      throw new DomainError('reference_not_found', { field: 'priceBookId' }, [
        { path: 'priceBookId', code: 'reference_not_found', message: 'priceBookId does not exist' },
      ]);
    }
    if (currency !== input.currency) {
      throw new DomainError('currency_mismatch', { left: input.currency, right: currency });
    }
  }
  const described: TermsLine[] = [];
  for (const [index, line] of input.lines.entries()) {
    described.push({
      ...(await describeLine(db, tenantId, input.priceBookId, line, index)),
      discountBp: line.discountBp ?? 0,
      taxRateBp: line.taxRateBp ?? 0,
    });
  }
  return repriceLines(described, input.overallDiscountBp, newId);
}

/** A line's description and terms: everything but the computed figures. */
export type TermsLine = DescribedLine & Pick<QuoteLine, 'discountBp' | 'taxRateBp'>;

/**
 * Runs the quote arithmetic over lines already described (stored lines keep their product
 * and the price they were quoted at: changing only the overall discount or the validity
 * never re-prices a line through the book).
 */
export function repriceLines(
  lines: readonly TermsLine[],
  overallDiscountBp: number,
  newId: () => string,
): PricedLines {
  const priced = priceQuote(lines, overallDiscountBp);
  const result = lines.map((line, index): QuoteLine => {
    const figures = priced.lines[index];
    if (!figures) throw new Error('priceQuote returned fewer lines than it was given');
    return {
      id: newId(),
      position: index,
      productId: line.productId,
      name: line.name,
      productType: line.productType,
      customisation: line.customisation,
      quantity: line.quantity,
      listUnitPriceMinor: line.listUnitPriceMinor,
      unitPriceMinor: line.unitPriceMinor,
      discountBp: line.discountBp,
      taxRateBp: line.taxRateBp,
      grossMinor: figures.grossMinor,
      discountMinor: figures.discountMinor,
      netMinor: figures.netMinor,
      taxMinor: figures.taxMinor,
      totalMinor: figures.totalMinor,
    };
  });
  return { lines: result, totals: priced.totals };
}

type DescribedLine = Pick<
  QuoteLine,
  | 'productId'
  | 'name'
  | 'productType'
  | 'customisation'
  | 'quantity'
  | 'listUnitPriceMinor'
  | 'unitPriceMinor'
>;

async function describeLine(
  db: Kysely<Database>,
  tenantId: string,
  priceBookId: string | null,
  line: QuoteLineInput,
  index: number,
): Promise<DescribedLine> {
  if (line.productId === undefined) {
    return {
      productId: null,
      name: line.name,
      productType: line.productType,
      customisation: line.customisation ?? 'standard',
      quantity: line.quantity,
      listUnitPriceMinor: line.unitPriceMinor,
      unitPriceMinor: line.unitPriceMinor,
    };
  }
  if (priceBookId === null) {
    throw new DomainError('validation_failed', {}, [
      {
        path: `lines/${index}/productId`,
        code: 'price_book_required',
        message: 'a catalogue line needs the quote’s priceBookId',
      },
    ]);
  }
  const priced = await priceLine(db, tenantId, {
    priceBookId,
    productId: line.productId,
    quantity: line.quantity,
  });
  return {
    productId: priced.product.id,
    name: line.name?.trim() || priced.product.name,
    productType: priced.product.productType,
    customisation: priced.product.customisation,
    quantity: line.quantity,
    listUnitPriceMinor: priced.listUnitPriceMinor,
    unitPriceMinor: priced.unitPriceMinor,
  };
}
