import type { PriceBook } from '../../domain/catalog/price-book.js';
import type { Product } from '../../domain/catalog/product.js';
import { findPriceBookRow, toPriceBookRow } from '../../store/price-books.repo.js';
import { findProductRow, toProductRow } from '../../store/products.repo.js';
import type { EntityStore } from '../entity.js';

/**
 * Products and price books as EntityStores, so their create/update share the life-cycle of
 * every other record (404, 409 on a stale version, the audit entry in the same transaction).
 * Entries are written by price-book-entries.service.ts (an upsert keyed by book and product).
 */
export const productStore: EntityStore<Product> = {
  entityType: 'product',
  load: (db, tenantId, id) => findProductRow(db, tenantId, id),
  insert: async (db, tenantId, product) => {
    await db.insertInto('products').values(toProductRow(tenantId, product)).execute();
  },
  save: async (db, tenantId, product, expectedVersion) => {
    const { tenant_id: _t, id, created_at: _c, ...changes } = toProductRow(tenantId, product);
    const result = await db
      .updateTable('products')
      .set(changes)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};

export const priceBookStore: EntityStore<PriceBook> = {
  entityType: 'price_book',
  load: (db, tenantId, id) => findPriceBookRow(db, tenantId, id),
  insert: async (db, tenantId, book) => {
    await db.insertInto('price_books').values(toPriceBookRow(tenantId, book)).execute();
  },
  save: async (db, tenantId, book, expectedVersion) => {
    const { tenant_id: _t, id, created_at: _c, ...changes } = toPriceBookRow(tenantId, book);
    const result = await db
      .updateTable('price_books')
      .set(changes)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};
