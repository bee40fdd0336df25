import { z } from 'zod';
import { MAX_VOLUME_TIERS } from '../../domain/catalog/volume-tiers.js';
import { productCustomisations, productTypes } from '../../domain/opportunities/opportunity.js';
import { MAX_AMOUNT_MINOR } from '../../domain/money.js';
import { sortValues } from '../../app/listing.js';
import { entrySorts, productSorts, priceBookSorts } from '../../app/catalog/sorts.js';
import {
  Currency,
  DateOnly,
  Id,
  ListQueryBase,
  LongText,
  Name,
  TimestampOut,
  Version,
  pageOf,
} from './common.js';

/** Products, price books and their entries (docs/l2c/catalog.md). */

const Code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe('The tenant’s SKU: letters, digits and . _ / -; unique per tenant');
const Label = z.string().trim().min(1).max(100);
const PriceMinor = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT_MINOR)
  .describe('Unit price in the book currency’s minor unit (fen, cent)');

const productFields = {
  code: Code,
  name: Name,
  series: Label.nullable().optional().describe('Product line, e.g. "Analytics"'),
  productType: z.enum(productTypes).describe('lighthouse (opens a market) or cornerstone'),
  customisation: z.enum(productCustomisations).optional().describe('Default standard'),
  unit: z.string().trim().min(1).max(30).nullable().optional().describe('e.g. "seat", "year"'),
  description: LongText.nullable().optional(),
};

export const ProductCreate = z.strictObject(productFields).meta({ id: 'ProductCreate' });

export const ProductPatch = z
  .strictObject({
    version: Version,
    code: Code.optional(),
    name: Name.optional(),
    series: productFields.series,
    productType: productFields.productType.optional(),
    customisation: productFields.customisation,
    unit: productFields.unit,
    description: productFields.description,
  })
  .meta({ id: 'ProductPatch' });

export const CatalogVersion = z.strictObject({ version: Version }).meta({ id: 'CatalogVersion' });

export const Product = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    series: z.string().nullable(),
    productType: z.enum(productTypes),
    customisation: z.enum(productCustomisations),
    unit: z.string().nullable(),
    description: z.string().nullable(),
    active: z.boolean().describe('false: archived — kept on old quotes, not quotable'),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Product' });

export const ProductPage = pageOf(Product, 'ProductPage');

const BoolQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

const productFilters = {
  q: z.string().max(200).optional().describe('Part of the code or name (case-insensitive)'),
  series: z.string().max(100).optional(),
  productType: z.enum(productTypes).optional(),
  active: BoolQuery.describe('true: only active products; false: only archived ones'),
};

export const ProductListQuery = z.strictObject({
  ...productFilters,
  sort: z.enum(sortValues(productSorts)).optional(),
  ...ListQueryBase,
});

const Channel = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('Sales channel, e.g. "direct", "partner"');
const CustomerTier = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('Compared with the account’s valueTier (benchmark, high_yield, potential)');

export const PriceBookCreate = z
  .strictObject({
    name: Name,
    currency: Currency,
    channel: Channel.nullable().optional().describe('null: any channel'),
    customerTier: CustomerTier.nullable().optional().describe('null: any customer tier'),
    isDefault: z.boolean().optional().describe('The currency’s fallback book (one per currency)'),
    validFrom: DateOnly.nullable().optional(),
    validTo: DateOnly.nullable().optional().describe('Inclusive'),
  })
  .meta({ id: 'PriceBookCreate' });

export const PriceBookPatch = z
  .strictObject({
    version: Version,
    name: Name.optional(),
    channel: Channel.nullable().optional(),
    customerTier: CustomerTier.nullable().optional(),
    isDefault: z.boolean().optional(),
    active: z.boolean().optional().describe('false archives the book'),
    validFrom: DateOnly.nullable().optional(),
    validTo: DateOnly.nullable().optional(),
  })
  .meta({ id: 'PriceBookPatch', description: 'The currency cannot change' });

export const PriceBook = z
  .object({
    id: Id,
    name: z.string(),
    currency: Currency,
    channel: z.string().nullable(),
    customerTier: z.string().nullable(),
    isDefault: z.boolean(),
    active: z.boolean(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'PriceBook' });

export const PriceBookPage = pageOf(PriceBook, 'PriceBookPage');

export const PriceBookListQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Part of the name'),
  currency: Currency.optional(),
  active: BoolQuery,
  sort: z.enum(sortValues(priceBookSorts)).optional(),
  ...ListQueryBase,
});

const VolumeTier = z.strictObject({
  minQuantity: z.number().int().min(1).max(1_000_000_000).describe('From this many units on (≥ 2)'),
  unitPriceMinor: PriceMinor,
});

export const EntrySet = z
  .strictObject({
    productId: Id.describe('The product to price (one entry per product and book)'),
    unitPriceMinor: PriceMinor.describe('Base unit price (below the first tier)'),
    volumeTiers: z
      .array(VolumeTier)
      .max(MAX_VOLUME_TIERS)
      .optional()
      .describe('Ascending by minQuantity; every unit costs the tier’s price'),
    version: Version.optional().describe('The entry’s version when changing an existing price'),
  })
  .meta({ id: 'PriceBookEntrySet' });

const TierOut = z.object({ minQuantity: z.number().int(), unitPriceMinor: z.number().int() });

export const PriceBookEntry = z
  .object({
    id: Id,
    priceBookId: Id,
    productId: Id,
    unitPriceMinor: z.number().int(),
    volumeTiers: z.array(TierOut),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'PriceBookEntry' });

export const PriceBookEntryWithProduct = PriceBookEntry.extend({ product: Product }).meta({
  id: 'PriceBookEntryWithProduct',
});

export const PriceBookEntryPage = pageOf(PriceBookEntryWithProduct, 'PriceBookEntryPage');

export const EntryListQuery = z.strictObject({
  ...productFilters,
  sort: z.enum(sortValues(entrySorts)).optional(),
  ...ListQueryBase,
});

export const PriceResolveQuery = z.strictObject({
  currency: Currency.optional().describe('Default: the tenant’s default currency'),
  channel: Channel.optional(),
  customerTier: CustomerTier.optional(),
  on: DateOnly.optional().describe('The day the price applies; default today (UTC)'),
  productId: Id.optional(),
  quantity: z.coerce.number().int().min(1).max(1_000_000_000).optional().describe('Default 1'),
});

export const PriceResolution = z
  .object({
    priceBook: PriceBook.nullable().describe('null: no active, in-date book for the currency'),
    line: z
      .object({
        product: Product,
        listUnitPriceMinor: z.number().int().describe('The entry’s base price'),
        unitPriceMinor: z.number().int().describe('For this quantity (volume tier applied)'),
        tierMinQuantity: z.number().int().nullable().describe('The tier that applied'),
      })
      .nullable()
      .describe('null when no productId was given or no book applies'),
  })
  .meta({ id: 'PriceResolution' });
