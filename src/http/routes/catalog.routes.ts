import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  priceBookEntries,
  removeEntry,
  setEntry,
} from '../../app/catalog/price-book-entries.service.js';
import {
  createPriceBook,
  getPriceBook,
  priceBooks,
  removePriceBook,
  updatePriceBook,
} from '../../app/catalog/price-books.service.js';
import { resolvePrice } from '../../app/catalog/price-resolution.service.js';
import {
  createProduct,
  getProduct,
  products,
  removeProduct,
  setProductActive,
  updateProduct,
} from '../../app/catalog/products.service.js';
import type { AppContext } from '../../app/context.js';
import type { PriceBookEntry as EntryRecord } from '../../domain/catalog/price-book.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  CatalogVersion,
  EntryListQuery,
  EntrySet,
  PriceBook,
  PriceBookCreate,
  PriceBookEntry,
  PriceBookEntryPage,
  PriceBookListQuery,
  PriceBookPage,
  PriceBookPatch,
  PriceResolution,
  PriceResolveQuery,
  Product,
  ProductCreate,
  ProductListQuery,
  ProductPage,
  ProductPatch,
} from '../schemas/catalog.schema.js';

const entryOut = (entry: EntryRecord) => ({
  ...entry,
  volumeTiers: entry.volumeTiers.map((tier) => ({ ...tier })),
});

/**
 * Products and price books (docs/l2c/catalog.md): every signed-in user reads them (quotes
 * price from them); only admins change them (403 otherwise).
 */
export function catalogRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalog'];

  app.get(
    '/products',
    {
      schema: {
        tags,
        operationId: 'listProducts',
        summary: 'The product catalogue, searchable by code or name',
        querystring: ProductListQuery,
        response: { 200: ProductPage, ...problems(400, 401) },
      },
    },
    async (request) => products(ctx, requirePrincipal(request), request.query),
  );

  app.post(
    '/products',
    {
      schema: {
        tags,
        operationId: 'createProduct',
        summary: 'Add a product (admins)',
        description: '409 `duplicate` when the code is taken.',
        body: ProductCreate,
        response: { 201: Product, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createProduct(ctx, requirePrincipal(request), request.body)),
  );

  app.get(
    '/products/:id',
    {
      schema: {
        tags,
        operationId: 'getProduct',
        summary: 'One product',
        params: IdParams,
        response: { 200: Product, ...problems(400, 401, 404) },
      },
    },
    async (request) => getProduct(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/products/:id',
    {
      schema: {
        tags,
        operationId: 'updateProduct',
        summary: 'Edit a product (admins)',
        params: IdParams,
        body: ProductPatch,
        response: { 200: Product, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateProduct(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  for (const [verb, active] of [
    ['archive', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/products/:id/${verb}`,
      {
        schema: {
          tags,
          operationId: `${verb}Product`,
          summary: active
            ? 'Make an archived product quotable again (admins)'
            : 'Archive a product: it stays on old quotes and books but cannot be quoted (admins)',
          params: IdParams,
          body: CatalogVersion,
          response: { 200: Product, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        setProductActive(
          ctx,
          requirePrincipal(request),
          request.params.id,
          request.body.version,
          active,
        ),
    );
  }

  app.delete(
    '/products/:id',
    {
      schema: {
        tags,
        operationId: 'deleteProduct',
        summary: 'Delete a product nothing refers to (admins)',
        description:
          '409 `has_dependents` when a price book, quote or contract refers to it: archive it instead.',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeProduct(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/price-books',
    {
      schema: {
        tags,
        operationId: 'listPriceBooks',
        summary: 'The price books',
        querystring: PriceBookListQuery,
        response: { 200: PriceBookPage, ...problems(400, 401) },
      },
    },
    async (request) => priceBooks(ctx, requirePrincipal(request), request.query),
  );

  // Registered before /price-books/:id so "resolve" is not read as an id.
  app.get(
    '/price-books/resolve',
    {
      schema: {
        tags,
        operationId: 'resolvePrice',
        summary: 'The price book that applies to a buyer and, given a product, its unit price',
        description:
          'The most specific active, in-date book (customer tier + channel > tier > channel > the currency’s default). With `productId`, 422 `product_not_in_price_book` / `product_inactive` when it cannot be priced from that book.',
        querystring: PriceResolveQuery,
        response: { 200: PriceResolution, ...problems(400, 401, 422) },
      },
    },
    async (request) => {
      const { priceBook, line } = await resolvePrice(ctx, requirePrincipal(request), request.query);
      return { priceBook, line };
    },
  );

  app.post(
    '/price-books',
    {
      schema: {
        tags,
        operationId: 'createPriceBook',
        summary: 'Add a price book (admins)',
        description:
          '409 `default_price_book_exists` when the currency already has an active default book.',
        body: PriceBookCreate,
        response: { 201: PriceBook, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPriceBook(ctx, requirePrincipal(request), request.body)),
  );

  app.get(
    '/price-books/:id',
    {
      schema: {
        tags,
        operationId: 'getPriceBook',
        summary: 'One price book',
        params: IdParams,
        response: { 200: PriceBook, ...problems(400, 401, 404) },
      },
    },
    async (request) => getPriceBook(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/price-books/:id',
    {
      schema: {
        tags,
        operationId: 'updatePriceBook',
        summary: 'Edit or archive (active: false) a price book (admins)',
        params: IdParams,
        body: PriceBookPatch,
        response: { 200: PriceBook, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updatePriceBook(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.delete(
    '/price-books/:id',
    {
      schema: {
        tags,
        operationId: 'deletePriceBook',
        summary: 'Delete a price book no quote used, with its entries (admins)',
        description: '409 `has_dependents` when a quote was priced from it: archive it instead.',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removePriceBook(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/price-books/:id/entries',
    {
      schema: {
        tags,
        operationId: 'listPriceBookEntries',
        summary: 'A book’s prices with their products, by product code',
        params: IdParams,
        querystring: EntryListQuery,
        response: { 200: PriceBookEntryPage, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const page = await priceBookEntries(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.query,
      );
      return {
        items: page.items.map(({ entry, product }) => ({ ...entryOut(entry), product })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.put(
    '/price-books/:id/entries',
    {
      schema: {
        tags,
        operationId: 'setPriceBookEntry',
        summary: 'Set a product’s price and volume tiers in a book (admins)',
        description:
          'Creates the product’s entry (201) or replaces its price and tiers (200). Tiers: minQuantity ≥ 2, strictly ascending (422 `volume_tiers_invalid`). Send the entry’s `version` to refuse overwriting someone else’s change (409).',
        params: IdParams,
        body: EntrySet,
        response: {
          200: PriceBookEntry,
          201: PriceBookEntry,
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { productId, ...price } = request.body;
      const { entry, created } = await setEntry(
        ctx,
        requirePrincipal(request),
        request.params.id,
        productId,
        price,
      );
      return reply.code(created ? 201 : 200).send(entryOut(entry));
    },
  );

  app.delete(
    '/price-book-entries/:id',
    {
      schema: {
        tags,
        operationId: 'deletePriceBookEntry',
        summary: 'Take a product off its price book (admins)',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeEntry(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
