import type { Case } from './operation-cases.js';

/** The body cases of the quote endpoints (docs/l2c/quotes.md), merged into `bodyCases`. */
const v1 = '/api/v1';

const line = {
  name: 'Implementation',
  productType: 'cornerstone',
  quantity: 3,
  unitPriceMinor: 120_000,
  discountBp: 500,
  taxRateBp: 600,
};

const action = (
  name: 'toRevise' | 'toSend' | 'toAccept' | 'toReject' | 'lapsed',
  verb: string,
): Case => ({
  build: async (f, version) => {
    const path = `${v1}/quotes/${f.quoteIds[name]}`;
    return { path: `${path}/${verb}`, body: { version: await version(path) } };
  },
  refs: {},
});

export const quoteBodyCases: Record<string, Case> = {
  createQuote: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/opportunities/${f.quoteIds.opportunityId}/quotes`,
        body: { lines: [line], overallDiscountBp: 250, validUntil: '2099-12-31', notes: 'n' },
      }),
    refs: {},
  },
  previewQuote: {
    build: () =>
      Promise.resolve({
        path: `${v1}/quotes/preview`,
        body: { currency: 'CNY', lines: [line], overallDiscountBp: 250 },
      }),
    refs: {},
  },
  updateQuote: {
    build: async (f, version) => {
      const path = `${v1}/quotes/${f.quoteIds.draft}`;
      return { path, body: { version: await version(path), lines: [line], notes: 'edited' } };
    },
    refs: {},
  },
  reviseQuote: action('toRevise', 'revise'),
  sendQuote: action('toSend', 'send'),
  acceptQuote: action('toAccept', 'accept'),
  rejectQuote: action('toReject', 'reject'),
  expireQuote: action('lapsed', 'expire'),
};
