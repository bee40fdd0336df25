import type { ApiClient } from './client.js';
import { unique } from './fixtures.js';

/** Catalogue records the generic suites act on (docs/l2c/catalog.md). */
export interface CatalogFixtureIds {
  /** An active product priced in `priceBookId` (so it can be archived, not deleted). */
  readonly productId: string;
  /** An archived product, for the activate operation. */
  readonly archivedProductId: string;
  /** A non-default CNY book narrowed to a channel of its own (defaults would clash). */
  readonly priceBookId: string;
  readonly priceBookEntryId: string;
}

async function post<T>(client: ApiClient, path: string, body: unknown): Promise<T> {
  const response = await client.post<T>(path, body);
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${path} failed: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function createCatalogFixtures(client: ApiClient): Promise<CatalogFixtureIds> {
  const product = await post<{ id: string }>(client, '/api/v1/products', {
    code: unique('FIX'),
    name: 'Fixture product',
    productType: 'cornerstone',
  });
  const archived = await post<{ id: string; version: number }>(client, '/api/v1/products', {
    code: unique('OLD'),
    name: 'Archived fixture product',
    productType: 'lighthouse',
  });
  await post(client, `/api/v1/products/${archived.id}/archive`, { version: archived.version });
  const book = await post<{ id: string }>(client, '/api/v1/price-books', {
    name: unique('Fixture book'),
    currency: 'CNY',
    channel: 'fixture',
  });
  const entry = await client.put<{ id: string }>(`/api/v1/price-books/${book.id}/entries`, {
    productId: product.id,
    unitPriceMinor: 100_00,
    volumeTiers: [{ minQuantity: 10, unitPriceMinor: 90_00 }],
  });
  if (entry.status !== 201) throw new Error(`entry failed: ${JSON.stringify(entry.body)}`);
  return {
    productId: product.id,
    archivedProductId: archived.id,
    priceBookId: book.id,
    priceBookEntryId: entry.body.id,
  };
}
