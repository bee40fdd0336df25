import type { Kysely } from 'kysely';
import { DomainError, referenceNotFound } from '../../domain/errors.js';
import type { PriceBook } from '../../domain/catalog/price-book.js';
import type { PriceBookCriteria } from '../../domain/catalog/price-book-choice.js';
import { choosePriceBook as chooseAmong } from '../../domain/catalog/price-book-choice.js';
import type { Product } from '../../domain/catalog/product.js';
import { unitPriceFor } from '../../domain/catalog/volume-tiers.js';
import { findEntry, findPriceBookRow, priceBooksOfCurrency } from '../../store/price-books.repo.js';
import { findProductRow } from '../../store/products.repo.js';
import type { Database } from '../../store/schema.js';

/**
 * Pricing for quotes (the contract other parts import, docs/l2c/catalog.md). Both functions
 * read through the caller's handle (`db` may be an open transaction) and take the tenant
 * explicitly: they check nothing about who asks — the caller's service does that.
 */

export interface PricedLine {
  readonly product: Product;
  /** The entry's base price: what the list says before volume tiers. */
  readonly listUnitPriceMinor: number;
  /** The price per unit for this quantity (the volume tier's when one applies). */
  readonly unitPriceMinor: number;
  /** The tier that applied, or null when the base price did. */
  readonly tierMinQuantity: number | null;
}

/**
 * The price of `quantity` units of a product in a book. Refuses an unknown book or product
 * (reference_not_found), an archived book (price_book_inactive — its validity dates are not
 * checked: a quote drafted inside them may be revised later at the same prices), an archived
 * product (product_inactive) and a product the book does not list (product_not_in_price_book).
 */
export async function priceLine(
  db: Kysely<Database>,
  tenantId: string,
  input: { readonly priceBookId: string; readonly productId: string; readonly quantity: number },
): Promise<PricedLine> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1) {
    throw new DomainError('validation_failed', {}, [
      {
        path: 'quantity',
        code: 'invalid_quantity',
        message: 'quantity must be a whole number ≥ 1',
      },
    ]);
  }
  const [book, product] = await Promise.all([
    findPriceBookRow(db, tenantId, input.priceBookId),
    findProductRow(db, tenantId, input.productId),
  ]);
  if (!book) throw referenceNotFound('priceBookId');
  if (!product) throw referenceNotFound('productId');
  if (!book.active) throw new DomainError('price_book_inactive', { other: book.name });
  if (!product.active) throw new DomainError('product_inactive', { key: product.code });
  const entry = await findEntry(db, tenantId, book.id, product.id);
  if (!entry) throw new DomainError('product_not_in_price_book', { key: product.code });
  const { unitPriceMinor, tierMinQuantity } = unitPriceFor(entry, input.quantity);
  return { product, listUnitPriceMinor: entry.unitPriceMinor, unitPriceMinor, tierMinQuantity };
}

/**
 * The most specific active, in-date book for a buyer (tier+channel > tier > channel > the
 * currency's default; ties broken deterministically, see domain/catalog/price-book-choice.ts),
 * or null when the currency has no applicable book.
 */
export async function choosePriceBook(
  db: Kysely<Database>,
  tenantId: string,
  criteria: PriceBookCriteria,
): Promise<PriceBook | null> {
  return chooseAmong(await priceBooksOfCurrency(db, tenantId, criteria.currency), criteria);
}
