import { DomainError, notFound, referenceNotFound, versionConflict } from '../../domain/errors.js';
import type { PriceBookEntry } from '../../domain/catalog/price-book.js';
import type { VolumeTier } from '../../domain/catalog/volume-tiers.js';
import { volumeTierIssues } from '../../domain/catalog/volume-tiers.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { Page } from '../../store/pagination.js';
import {
  deleteEntry,
  entrySorts,
  findEntry,
  findEntryById,
  findPriceBookRow,
  insertEntry,
  listEntries,
  saveEntry,
} from '../../store/price-books.repo.js';
import type { EntryWithProduct } from '../../store/price-books.repo.js';
import { findProductRow } from '../../store/products.repo.js';
import type { ProductFilter } from '../../store/products.repo.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import type { ListInput } from '../listing.js';
import { pageQuery } from '../listing.js';
import { dbFor, inTransaction } from '../transaction.js';

/**
 * A book's prices: one entry per product (base unit price plus volume tiers), set with an
 * upsert keyed by (book, product) — "set the price of X in book Y" whether or not it had one.
 */
export interface EntryInput {
  readonly unitPriceMinor: number;
  readonly volumeTiers?: readonly VolumeTier[];
  /** The entry's version when changing an existing price; a stale one answers 409. */
  readonly version?: number;
}

export type EntrySort = keyof typeof entrySorts;

export async function priceBookEntries(
  ctx: AppContext,
  principal: Principal,
  priceBookId: string,
  input: ProductFilter & ListInput<EntrySort>,
): Promise<Page<EntryWithProduct>> {
  const db = dbFor(ctx);
  if (!(await findPriceBookRow(db, principal.tenantId, priceBookId))) throw notFound('price_book');
  return listEntries(
    db,
    principal.tenantId,
    priceBookId,
    input,
    pageQuery(input, entrySorts, 'code'),
  );
}

export async function setEntry(
  ctx: AppContext,
  principal: Principal,
  priceBookId: string,
  productId: string,
  input: EntryInput,
): Promise<{ entry: PriceBookEntry; created: boolean }> {
  authorize(principal, 'tenant.configure');
  const volumeTiers = (input.volumeTiers ?? []).map((tier) => ({
    minQuantity: tier.minQuantity,
    unitPriceMinor: tier.unitPriceMinor,
  }));
  const issues = volumeTierIssues({ unitPriceMinor: input.unitPriceMinor, volumeTiers });
  if (issues.length > 0) throw new DomainError('volume_tiers_invalid', {}, issues);
  return inTransaction(ctx, async (trx) => {
    const tenantId = principal.tenantId;
    if (!(await findPriceBookRow(trx, tenantId, priceBookId))) throw notFound('price_book');
    if (!(await findProductRow(trx, tenantId, productId))) throw referenceNotFound('productId');
    const current = await findEntry(trx, tenantId, priceBookId, productId);
    const now = nowIso(ctx);
    if (!current) {
      if (input.version !== undefined) throw versionConflict('price_book_entry');
      const entry: PriceBookEntry = {
        id: ctx.newId(),
        priceBookId,
        productId,
        unitPriceMinor: input.unitPriceMinor,
        volumeTiers,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await insertEntry(trx, tenantId, entry);
      await recordAudit(trx, ctx, principal, {
        entityType: 'price_book_entry',
        entityId: entry.id,
        action: 'create',
        before: null,
        after: entry,
      });
      return { entry, created: true };
    }
    if (input.version !== undefined && input.version !== current.version) {
      throw versionConflict('price_book_entry');
    }
    const entry: PriceBookEntry = {
      ...current,
      unitPriceMinor: input.unitPriceMinor,
      volumeTiers,
      updatedAt: now,
      version: current.version + 1,
    };
    if (!(await saveEntry(trx, tenantId, entry, current.version))) {
      throw versionConflict('price_book_entry');
    }
    await recordAudit(trx, ctx, principal, {
      entityType: 'price_book_entry',
      entityId: entry.id,
      action: 'update',
      before: current,
      after: entry,
    });
    return { entry, created: false };
  });
}

/** Takes a product off its book; quotes already priced from it keep their prices. */
export async function removeEntry(
  ctx: AppContext,
  principal: Principal,
  entryId: string,
): Promise<void> {
  authorize(principal, 'tenant.configure');
  await inTransaction(ctx, async (trx) => {
    const current = await findEntryById(trx, principal.tenantId, entryId);
    if (!current) throw notFound('price_book_entry');
    if (!(await deleteEntry(trx, principal.tenantId, current.id, current.version))) {
      throw versionConflict('price_book_entry');
    }
    await recordAudit(trx, ctx, principal, {
      entityType: 'price_book_entry',
      entityId: current.id,
      action: 'delete',
      before: current,
      after: null,
    });
  });
}
