import { z } from 'zod';
import { MAX_AMOUNT_MINOR } from '../../domain/money.js';
import { productCustomisations, productTypes } from '../../domain/opportunities/opportunity.js';
import { quoteStatuses } from '../../domain/quotes/status.js';
import { Currency, DateOnly, Id, LongText, ShortText, TimestampOut, Version } from './common.js';

/**
 * Quotes (docs/l2c/quotes.md). Every figure is computed by the server (ADR 0025): inputs
 * carry quantities, prices, discounts and tax rates, never totals. Basis points: 1% = 100.
 */
const Bp = (what: string) =>
  z.number().int().min(0).max(10_000).describe(`${what} in basis points (1% = 100), 0…10000`);
const Quantity = z.number().int().min(1).max(1_000_000_000).describe('Whole units, ≥ 1');
const UnitPrice = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT_MINOR)
  .describe('Unit price in the currency minor unit');

const CatalogueLineIn = z.strictObject({
  productId: Id.describe('A catalogue product, priced through the quote’s price book'),
  quantity: Quantity,
  discountBp: Bp('Line discount').optional(),
  taxRateBp: Bp('Tax rate').optional(),
  name: ShortText.min(1).optional().describe('Overrides the product name on this quote'),
});

const FreeLineIn = z.strictObject({
  name: ShortText.min(1),
  productType: z.enum(productTypes),
  customisation: z.enum(productCustomisations).optional(),
  quantity: Quantity,
  unitPriceMinor: UnitPrice,
  discountBp: Bp('Line discount').optional(),
  taxRateBp: Bp('Tax rate').optional(),
});

/** A catalogue line (productId) or a free line. */
export const QuoteLineIn = z.union([CatalogueLineIn, FreeLineIn]);

const draftFields = {
  currency: Currency.optional().describe('Defaults to the opportunity’s currency'),
  priceBookId: Id.nullable().optional().describe('Needed by catalogue lines; same currency'),
  validUntil: DateOnly.nullable().optional().describe('Last day the offer stands (inclusive)'),
  overallDiscountBp: Bp('Discount off the sum of line nets').optional(),
  notes: LongText.nullable().optional(),
};

export const QuoteCreate = z
  .strictObject({ ...draftFields, lines: z.array(QuoteLineIn).max(200) })
  .meta({ id: 'QuoteCreate' });

export const QuotePatch = z
  .strictObject({
    ...draftFields,
    lines: z.array(QuoteLineIn).max(200).optional(),
    version: Version,
  })
  .meta({ id: 'QuotePatch' });

export const QuotePreviewRequest = z
  .strictObject({ ...draftFields, currency: Currency, lines: z.array(QuoteLineIn).max(200) })
  .meta({ id: 'QuotePreviewRequest' });

export const QuoteVersionBody = z.strictObject({ version: Version }).meta({ id: 'QuoteVersion' });

const Minor = z.number().int();

export const QuoteLine = z
  .object({
    id: Id,
    position: z.number().int(),
    productId: Id.nullable(),
    name: z.string(),
    productType: z.enum(productTypes),
    customisation: z.enum(productCustomisations),
    quantity: z.number().int(),
    listUnitPriceMinor: Minor,
    unitPriceMinor: Minor.describe('After any volume tier'),
    discountBp: z.number().int(),
    taxRateBp: z.number().int(),
    grossMinor: Minor,
    discountMinor: Minor.describe('Line discount plus its share of the overall discount'),
    netMinor: Minor,
    taxMinor: Minor,
    totalMinor: Minor,
  })
  .meta({ id: 'QuoteLine' });

const totals = {
  subtotalMinor: Minor.describe('Σ gross'),
  lineDiscountMinor: Minor,
  overallDiscountMinor: Minor,
  netMinor: Minor.describe('Σ net, tax excluded (what an accepted quote sets as the deal amount)'),
  taxMinor: Minor,
  totalMinor: Minor.describe('Σ net + tax'),
};

export const Quote = z
  .object({
    id: Id,
    opportunityId: Id,
    number: z.string().describe('Shared by all revisions, e.g. Q-000042'),
    revision: z.number().int(),
    status: z.enum(quoteStatuses),
    currency: Currency,
    priceBookId: Id.nullable(),
    validUntil: z.string().nullable(),
    overallDiscountBp: z.number().int(),
    ...totals,
    approvalId: Id.nullable(),
    sentAt: TimestampOut.nullable(),
    acceptedAt: TimestampOut.nullable(),
    decidedAt: TimestampOut.nullable(),
    notes: z.string().nullable(),
    createdBy: z.string(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
    lines: z.array(QuoteLine).readonly(),
  })
  .meta({ id: 'Quote' });

export const QuoteList = z.object({ items: z.array(Quote).readonly() }).meta({ id: 'QuoteList' });

export const QuotePreview = z
  .object({
    lines: z.array(QuoteLine.omit({ id: true })),
    totals: z.object(totals),
    effectiveDiscountBp: z.number().int().describe('Line + overall discount against gross'),
  })
  .meta({ id: 'QuotePreview' });
