import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Product {
  id: string;
  code: string;
  name: string;
  active: boolean;
  version: number;
}
interface PriceBook {
  id: string;
  name: string;
  currency: string;
  isDefault: boolean;
  active: boolean;
  version: number;
}
interface Entry {
  id: string;
  unitPriceMinor: number;
  volumeTiers: { minQuantity: number; unitPriceMinor: number }[];
  version: number;
}
interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}
interface Resolution {
  priceBook: PriceBook | null;
  line: {
    product: Product;
    listUnitPriceMinor: number;
    unitPriceMinor: number;
    tierMinQuantity: number | null;
  } | null;
}

/**
 * Products and price books over the API: CRUD with validation (400/422 with codes), 409 on
 * a stale version and a taken code, admin-only writes, archive instead of delete when
 * referenced, volume tiers and the choice of the most specific book.
 */
describe.each(dialectsUnderTest())('catalog ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let rep: ApiClient;
  // Each test run gets its own currency's books would clash across suites sharing a tenant;
  // the tenant is fresh, so CNY is ours.
  const addProduct = (body: Record<string, unknown> = {}) =>
    created<Product>(
      t.client.post('/api/v1/products', {
        code: unique('SKU'),
        name: 'Analytics seat',
        productType: 'cornerstone',
        ...body,
      }),
    );
  const addBook = (body: Record<string, unknown>) =>
    created<PriceBook>(
      t.client.post('/api/v1/price-books', { name: unique('book'), currency: 'CNY', ...body }),
    );
  const setPrice = async (book: PriceBook, product: Product, body: Record<string, unknown>) => {
    const response = await t.client.put<Entry>(`/api/v1/price-books/${book.id}/entries`, {
      productId: product.id,
      ...body,
    });
    expect([200, 201], JSON.stringify(response.body)).toContain(response.status);
    return response.body;
  };
  const resolve = async (query: string) => {
    const response = await rep.get<Resolution>(`/api/v1/price-books/resolve?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const email = `${unique('rep')}@example.test`;
    await created(
      t.client.post('/api/v1/users', { email, name: 'Rep', role: 'rep', password: TEST_PASSWORD }),
    );
    rep = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  });
  afterAll(async () => server?.close());

  it('creates, edits, searches, archives and deletes products', async () => {
    const code = unique('AN-SEAT');
    const product = await addProduct({ code, name: 'Findable widget', series: 'Analytics' });
    expect(product).toMatchObject({ code, active: true, version: 1 });

    const taken = await t.client.post<Problem>('/api/v1/products', {
      code,
      name: 'Again',
      productType: 'lighthouse',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('duplicate');

    const badCode = await t.client.post<Problem>('/api/v1/products', {
      code: 'has space',
      name: 'x',
      productType: 'lighthouse',
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors?.[0]?.code).toBe('invalid_product_code');
    const badType = await t.client.post<Problem>('/api/v1/products', {
      code: unique('X'),
      name: 'x',
      productType: 'gadget',
    });
    expect(badType.status).toBe(400);

    const renamed = await t.client.patch<Product>(`/api/v1/products/${product.id}`, {
      version: 1,
      name: 'Findable widget pro',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
    const stale = await t.client.patch<Problem>(`/api/v1/products/${product.id}`, {
      version: 1,
      name: 'Lost update',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');

    const search = await rep.get<{ items: Product[] }>(
      '/api/v1/products?q=findable&series=Analytics',
    );
    expect(search.body.items.map((p) => p.id)).toEqual([product.id]);

    const archived = await t.client.post<Product>(`/api/v1/products/${product.id}/archive`, {
      version: 2,
    });
    expect(archived.body.active).toBe(false);
    const activeOnly = await rep.get<{ items: Product[] }>(
      '/api/v1/products?q=findable&active=true',
    );
    expect(activeOnly.body.items).toEqual([]);
    const back = await t.client.post<Product>(`/api/v1/products/${product.id}/activate`, {
      version: 3,
    });
    expect(back.body.active).toBe(true);

    // unreferenced: it can go
    expect((await t.client.delete(`/api/v1/products/${product.id}`)).status).toBe(204);
    expect((await rep.get(`/api/v1/products/${product.id}`)).status).toBe(404);
  });

  it('pages the product list with a cursor', async () => {
    const series = unique('paged');
    for (let i = 0; i < 5; i += 1) await addProduct({ series });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/products?series=${series}&limit=2&sort=code${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await rep.get<{ items: Product[]; nextCursor: string | null }>(query);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p) => p.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual(seen);
  });

  it('lets only admins change the catalogue, everyone signed in read it', async () => {
    const refused = await rep.post<Problem>('/api/v1/products', {
      code: unique('REP'),
      name: 'x',
      productType: 'lighthouse',
    });
    expect(refused.status).toBe(403);
    expect((await rep.post('/api/v1/price-books', { name: 'x', currency: 'USD' })).status).toBe(
      403,
    );
    expect((await rep.get('/api/v1/price-books')).status).toBe(200);
    expect((await new ApiClient(server.url).get('/api/v1/products')).status).toBe(401);
  });

  it('keeps one default book per currency and validates dates and tiers', async () => {
    const standard = await addBook({ name: 'Standard CNY', isDefault: true });
    const second = await t.client.post<Problem>('/api/v1/price-books', {
      name: 'Another default',
      currency: 'CNY',
      isDefault: true,
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('default_price_book_exists');
    const narrowedDefault = await t.client.post<Problem>('/api/v1/price-books', {
      name: 'x',
      currency: 'USD',
      isDefault: true,
      channel: 'partner',
    });
    expect(narrowedDefault.status).toBe(400);
    const backwards = await t.client.post<Problem>('/api/v1/price-books', {
      name: 'x',
      currency: 'USD',
      validFrom: '2026-12-31',
      validTo: '2026-01-01',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.code).toBe('invalid_range');

    const product = await addProduct();
    const badTiers = await t.client.put<Problem>(`/api/v1/price-books/${standard.id}/entries`, {
      productId: product.id,
      unitPriceMinor: 100_00,
      volumeTiers: [
        { minQuantity: 10, unitPriceMinor: 90_00 },
        { minQuantity: 5, unitPriceMinor: 95_00 },
      ],
    });
    expect(badTiers.status).toBe(422);
    expect(badTiers.body.code).toBe('volume_tiers_invalid');
    expect(badTiers.body.errors?.map((e) => e.code)).toContain('tiers_not_ascending');
    const tierAtOne = await t.client.put<Problem>(`/api/v1/price-books/${standard.id}/entries`, {
      productId: product.id,
      unitPriceMinor: 100_00,
      volumeTiers: [{ minQuantity: 1, unitPriceMinor: 90_00 }],
    });
    expect(tierAtOne.status).toBe(422);
    const negative = await t.client.put<Problem>(`/api/v1/price-books/${standard.id}/entries`, {
      productId: product.id,
      unitPriceMinor: -1,
    });
    expect(negative.status).toBe(400);

    const entry = await setPrice(standard, product, {
      unitPriceMinor: 100_00,
      volumeTiers: [
        { minQuantity: 10, unitPriceMinor: 90_00 },
        { minQuantity: 50, unitPriceMinor: 80_00 },
      ],
    });
    expect(entry.version).toBe(1);
    const staleEntry = await t.client.put<Problem>(`/api/v1/price-books/${standard.id}/entries`, {
      productId: product.id,
      unitPriceMinor: 99_00,
      version: 7,
    });
    expect(staleEntry.status).toBe(409);

    // referenced now: archive, not delete
    const refused = await t.client.delete<Problem>(`/api/v1/products/${product.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('has_dependents');

    const listed = await rep.get<{ items: (Entry & { product: Product })[] }>(
      `/api/v1/price-books/${standard.id}/entries?q=${product.code}`,
    );
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]?.product.id).toBe(product.id);
    expect(listed.body.items[0]?.volumeTiers).toHaveLength(2);
  });

  it('resolves the most specific book and applies volume tiers', async () => {
    const product = await addProduct();
    const books = await rep.get<{ items: PriceBook[] }>('/api/v1/price-books?currency=CNY');
    const standard = books.body.items.find((b) => b.isDefault);
    expect(standard).toBeDefined();
    if (!standard) return;
    const partner = await addBook({ channel: 'partner' });
    const benchmark = await addBook({ customerTier: 'benchmark' });
    const benchmarkPartner = await addBook({ customerTier: 'benchmark', channel: 'partner' });
    const expired = await addBook({
      customerTier: 'benchmark',
      channel: 'partner',
      validFrom: '2020-01-01',
      validTo: '2020-12-31',
    });
    for (const [book, price] of [
      [standard, 100_00],
      [partner, 95_00],
      [benchmark, 90_00],
      [benchmarkPartner, 85_00],
      [expired, 50_00],
    ] as const) {
      await setPrice(book, product, {
        unitPriceMinor: price,
        volumeTiers: [{ minQuantity: 10, unitPriceMinor: price - 10_00 }],
      });
    }
    const base = `currency=CNY&productId=${product.id}`;
    expect((await resolve(base)).priceBook?.id).toBe(standard.id);
    expect((await resolve(`${base}&channel=partner`)).priceBook?.id).toBe(partner.id);
    expect((await resolve(`${base}&customerTier=benchmark`)).priceBook?.id).toBe(benchmark.id);
    const best = await resolve(`${base}&customerTier=benchmark&channel=partner&quantity=3`);
    expect(best.priceBook?.id).toBe(benchmarkPartner.id);
    expect(best.line).toMatchObject({
      listUnitPriceMinor: 85_00,
      unitPriceMinor: 85_00,
      tierMinQuantity: null,
    });
    const bulk = await resolve(`${base}&customerTier=benchmark&channel=partner&quantity=10`);
    expect(bulk.line).toMatchObject({ unitPriceMinor: 75_00, tierMinQuantity: 10 });
    // the expired book applies on a day inside its window
    const past = await resolve(`${base}&customerTier=benchmark&channel=partner&on=2020-06-01`);
    expect(past.priceBook?.id).toBe(expired.id);

    // an archived book stops applying
    await t.client.patch(`/api/v1/price-books/${benchmarkPartner.id}`, {
      version: benchmarkPartner.version,
      active: false,
    });
    expect((await resolve(`${base}&customerTier=benchmark&channel=partner`)).priceBook?.id).toBe(
      benchmark.id,
    );

    // no book for the currency: null, not an error; the tenant's currency is the default
    expect((await resolve('currency=JPY')).priceBook).toBeNull();
    expect((await resolve('')).priceBook?.currency).toBe('CNY');
    const unknown = await rep.get<Problem>(
      '/api/v1/price-books/resolve?productId=00000000-0000-7000-8000-000000000000',
    );
    expect(unknown.status).toBe(422);

    // a product the book does not list, and an archived product
    const unlisted = await addProduct();
    const notIn = await rep.get<Problem>(
      `/api/v1/price-books/resolve?currency=CNY&productId=${unlisted.id}`,
    );
    expect(notIn.status).toBe(422);
    expect(notIn.body.code).toBe('product_not_in_price_book');
    await t.client.post(`/api/v1/products/${product.id}/archive`, { version: product.version });
    const inactive = await rep.get<Problem>(`/api/v1/price-books/resolve?${base}`);
    expect(inactive.status).toBe(422);
    expect(inactive.body.code).toBe('product_inactive');
  });

  it('deletes an unquoted book with its entries', async () => {
    const book = await addBook({ channel: unique('web') });
    const product = await addProduct();
    const entry = await setPrice(book, product, { unitPriceMinor: 1_00 });
    expect((await t.client.delete(`/api/v1/price-book-entries/${entry.id}`)).status).toBe(204);
    expect((await t.client.delete(`/api/v1/price-book-entries/${entry.id}`)).status).toBe(404);
    await setPrice(book, product, { unitPriceMinor: 2_00 });
    expect((await t.client.delete(`/api/v1/price-books/${book.id}`)).status).toBe(204);
    expect((await rep.get(`/api/v1/price-books/${book.id}`)).status).toBe(404);
    expect((await t.client.delete(`/api/v1/products/${product.id}`)).status).toBe(204);
  });
});
