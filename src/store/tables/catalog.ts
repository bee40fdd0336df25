import type { Flag, JsonColumn, Keyed, Versioned } from './columns.js';

/** Row types of products and price books (migration 0021, docs/l2c/catalog.md). */

export interface ProductsTable extends Keyed, Versioned {
  code: string;
  name: string;
  series: string | null;
  product_type: string;
  customisation: string;
  unit: string | null;
  description: string | null;
  active: Flag;
}

export interface PriceBooksTable extends Keyed, Versioned {
  name: string;
  currency: string;
  channel: string | null;
  customer_tier: string | null;
  is_default: Flag;
  active: Flag;
  valid_from: string | null;
  valid_to: string | null;
}

export interface PriceBookEntriesTable extends Keyed, Versioned {
  price_book_id: string;
  product_id: string;
  unit_price_minor: number;
  /** Array of { minQuantity, unitPriceMinor }, ascending by minQuantity (ADR 0024). */
  volume_tiers: JsonColumn;
}
