import type { Case } from './operation-cases.js';
import { unique } from './fixtures.js';

/** The body cases of the catalogue endpoints (docs/l2c/catalog.md), merged into `bodyCases`. */
const v1 = '/api/v1';

const toggle = (fixture: 'productId' | 'archivedProductId', verb: string): Case => ({
  build: async (f, version) => {
    const path = `${v1}/products/${f[fixture]}`;
    return { path: `${path}/${verb}`, body: { version: await version(path) } };
  },
  refs: {},
});

export const catalogBodyCases: Record<string, Case> = {
  createProduct: {
    build: () =>
      Promise.resolve({
        path: `${v1}/products`,
        body: {
          code: unique('SKU'),
          name: 'Analytics seat',
          series: 'Analytics',
          productType: 'cornerstone',
          customisation: 'standard',
          unit: 'seat',
          description: 'Per named user, per year',
        },
      }),
    refs: {},
  },
  updateProduct: {
    build: async (f, version) => {
      const path = `${v1}/products/${f.productId}`;
      return { path, body: { version: await version(path), name: 'Renamed product' } };
    },
    refs: {},
  },
  archiveProduct: toggle('productId', 'archive'),
  activateProduct: toggle('archivedProductId', 'activate'),
  createPriceBook: {
    build: () =>
      Promise.resolve({
        path: `${v1}/price-books`,
        body: {
          name: unique('book'),
          currency: 'CNY',
          channel: 'partner',
          customerTier: 'benchmark',
          validFrom: '2026-01-01',
          validTo: '2099-12-31',
        },
      }),
    refs: {},
  },
  updatePriceBook: {
    build: async (f, version) => {
      const path = `${v1}/price-books/${f.priceBookId}`;
      return { path, body: { version: await version(path), name: unique('renamed book') } };
    },
    refs: {},
  },
  setPriceBookEntry: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/price-books/${f.priceBookId}/entries`,
        body: {
          productId: f.productId,
          unitPriceMinor: 120_00,
          volumeTiers: [{ minQuantity: 5, unitPriceMinor: 110_00 }],
        },
      }),
    refs: { productId: 'productId' },
  },
};
