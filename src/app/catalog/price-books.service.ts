import type { Kysely } from 'kysely';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import type { PriceBook } from '../../domain/catalog/price-book.js';
import { clashingDefault, priceBookIssues } from '../../domain/catalog/price-book.js';
import type { CurrencyCode } from '../../domain/money.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { Page } from '../../store/pagination.js';
import {
  countEntries,
  deletePriceBook,
  findPriceBookRow,
  listPriceBooks,
  priceBookIsQuoted,
  priceBookSorts,
  priceBooksOfCurrency,
} from '../../store/price-books.repo.js';
import type { PriceBookFilter } from '../../store/price-books.repo.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { createEntity, updateEntity } from '../entity.js';
import type { ListInput } from '../listing.js';
import { pageQuery } from '../listing.js';
import { applyPatch } from '../table-store.js';
import { dbFor, inTransaction } from '../transaction.js';
import { priceBookStore } from './catalog-stores.js';

/** Price books: read by every signed-in user, edited by admins (`tenant.configure`). */
export interface PriceBookInput {
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly channel?: string | null;
  readonly customerTier?: string | null;
  readonly isDefault?: boolean;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
}

export type PriceBookPatch = { readonly version: number } & Partial<
  Pick<
    PriceBook,
    'name' | 'channel' | 'customerTier' | 'isDefault' | 'active' | 'validFrom' | 'validTo'
  >
>;

export type PriceBookSort = keyof typeof priceBookSorts;

/**
 * The rules a book must meet before it is saved: a name, a default narrowed to nothing, a
 * validity window that is not empty, and no second active default in its currency.
 */
async function assertValid(trx: Kysely<Database>, tenantId: string, book: PriceBook) {
  const issues = priceBookIssues(book);
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
  if (book.validFrom !== null && book.validTo !== null && book.validFrom > book.validTo) {
    throw new DomainError('invalid_range', { field: 'validFrom–validTo' }, [
      { path: 'validTo', code: 'invalid_range', message: 'validTo is before validFrom' },
    ]);
  }
  const clash = clashingDefault(book, await priceBooksOfCurrency(trx, tenantId, book.currency));
  if (clash) throw new DomainError('default_price_book_exists', { other: clash.name });
}

export async function priceBooks(
  ctx: AppContext,
  principal: Principal,
  input: PriceBookFilter & ListInput<PriceBookSort>,
): Promise<Page<PriceBook>> {
  return listPriceBooks(dbFor(ctx), principal.tenantId, input, pageQuery(input, priceBookSorts));
}

export async function getPriceBook(ctx: AppContext, principal: Principal, id: string) {
  const book = await findPriceBookRow(dbFor(ctx), principal.tenantId, id);
  if (!book) throw notFound('price_book');
  return book;
}

export async function createPriceBook(
  ctx: AppContext,
  principal: Principal,
  input: PriceBookInput,
): Promise<PriceBook> {
  authorize(principal, 'tenant.configure');
  return createEntity(ctx, principal, priceBookStore, async (trx, { id, now }) => {
    const book: PriceBook = {
      id,
      name: input.name,
      currency: input.currency,
      channel: input.channel ?? null,
      customerTier: input.customerTier ?? null,
      isDefault: input.isDefault ?? false,
      active: true,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await assertValid(trx, principal.tenantId, book);
    return book;
  });
}

/** The currency is fixed: the entries' amounts are in it. Archive with `active: false`. */
export async function updatePriceBook(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: PriceBookPatch,
): Promise<PriceBook> {
  authorize(principal, 'tenant.configure');
  return updateEntity(ctx, principal, priceBookStore, id, version, async (trx, current) => {
    const next = applyPatch(current, patch);
    await assertValid(trx, principal.tenantId, next);
    return next;
  });
}

/** Deletes a book no quote used, with its entries; a quoted book is archived instead. */
export async function removePriceBook(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'tenant.configure');
  await inTransaction(ctx, async (trx) => {
    const current = await findPriceBookRow(trx, principal.tenantId, id);
    if (!current) throw notFound('price_book');
    if (await priceBookIsQuoted(trx, principal.tenantId, id)) {
      throw new DomainError('has_dependents', { entity: 'price_book', dependents: 'quotes' });
    }
    const entries = await countEntries(trx, principal.tenantId, id);
    if (!(await deletePriceBook(trx, principal.tenantId, id, current.version))) {
      throw versionConflict('price_book');
    }
    await recordAudit(trx, ctx, principal, {
      entityType: 'price_book',
      entityId: id,
      action: 'delete',
      before: { ...current, entries },
      after: null,
    });
  });
}
