import type { Generated } from 'kysely';
import type { Keyed, Versioned } from './columns.js';

/** Row types of quotes and their lines (migration 0022, docs/l2c/quotes.md). */

export interface QuotesTable extends Keyed, Versioned {
  opportunity_id: string;
  number: string;
  revision: number;
  status: string;
  currency: string;
  price_book_id: string | null;
  valid_until: string | null;
  overall_discount_bp: Generated<number>;
  subtotal_minor: number;
  line_discount_minor: number;
  overall_discount_minor: number;
  tax_minor: number;
  total_minor: number;
  approval_id: string | null;
  sent_at: string | null;
  accepted_at: string | null;
  decided_at: string | null;
  notes: string | null;
  created_by: string;
}

export interface QuoteLinesTable extends Keyed {
  quote_id: string;
  position: number;
  product_id: string | null;
  name: string;
  product_type: string;
  customisation: string;
  quantity: number;
  list_unit_price_minor: number;
  unit_price_minor: number;
  discount_bp: number;
  tax_rate_bp: number;
  gross_minor: number;
  discount_minor: number;
  net_minor: number;
  tax_minor: number;
  total_minor: number;
}
