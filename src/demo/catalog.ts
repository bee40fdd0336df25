import type { PriceBook, PriceBookEntry } from '../domain/catalog/price-book.js';
import type { Product } from '../domain/catalog/product.js';
import type { CurrencyCode } from '../domain/money.js';
import { idAt } from './ids.js';
import type { Random } from './random.js';

/**
 * The demo tenant's small catalogue: five products and the currency's default price book,
 * one product with volume tiers, so `npm start` shows a quote priced from a book. Fed by a
 * Random of its own so adding it left the rest of the demo data (seeded in sequence) as it was.
 */
const PRODUCTS = [
  [
    'PW-CRM-STD',
    '商机管理 标准版',
    'Pipewright CRM',
    'cornerstone',
    'standard',
    '用户·年',
    3_600_00,
  ],
  [
    'PW-CRM-ENT',
    '商机管理 企业版',
    'Pipewright CRM',
    'cornerstone',
    'standard',
    '用户·年',
    6_800_00,
  ],
  ['PW-BI', '经营分析看板', 'Pipewright 分析', 'lighthouse', 'standard', '套', 48_000_00],
  ['PW-IMPL', '实施服务', '服务', 'cornerstone', 'customised', '人天', 2_500_00],
  ['PW-TRAIN', '培训服务', '服务', 'lighthouse', 'standard', '场', 8_000_00],
] as const;

export interface DemoCatalog {
  readonly products: Product[];
  readonly priceBook: PriceBook;
  readonly entries: PriceBookEntry[];
}

export function generateDemoCatalog(
  random: Random,
  currency: CurrencyCode,
  nowMs: number,
): DemoCatalog {
  const at = new Date(nowMs).toISOString();
  const stamps = { createdAt: at, updatedAt: at, version: 1 };
  const products = PRODUCTS.map(
    ([code, name, series, productType, customisation, unit]): Product => ({
      id: idAt(random, nowMs),
      code,
      name,
      series,
      productType,
      customisation,
      unit,
      description: null,
      active: true,
      ...stamps,
    }),
  );
  const priceBook: PriceBook = {
    id: idAt(random, nowMs),
    name: `标准价目表（${currency}）`,
    currency,
    channel: null,
    customerTier: null,
    isDefault: true,
    active: true,
    validFrom: null,
    validTo: null,
    ...stamps,
  };
  const entries = products.map((product, index): PriceBookEntry => ({
    id: idAt(random, nowMs),
    priceBookId: priceBook.id,
    productId: product.id,
    unitPriceMinor: PRODUCTS[index]?.[6] ?? 0,
    // Seats get cheaper in volume: from 50 and from 200 users.
    volumeTiers:
      product.code === 'PW-CRM-STD'
        ? [
            { minQuantity: 50, unitPriceMinor: 3_200_00 },
            { minQuantity: 200, unitPriceMinor: 2_800_00 },
          ]
        : [],
    ...stamps,
  }));
  return { products, priceBook, entries };
}
