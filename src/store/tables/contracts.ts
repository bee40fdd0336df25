import type { Generated } from 'kysely';
import type { Keyed, Versioned } from './columns.js';

/** Row types of contracts, orders and receivables (migration 0023-contracts). */

export interface ContractsTable extends Keyed, Versioned {
  number: string;
  account_id: string;
  opportunity_id: string;
  quote_id: string | null;
  owner_id: string;
  currency: string;
  amount_minor: number;
  start_date: string;
  end_date: string;
  signed_on: string | null;
  status: string;
  delivery_status: string;
  recognised_minor: Generated<number>;
  recognition_status: string;
  /** Set once by the renewal job (helper LIFECYCLE). */
  renewal_opportunity_id: string | null;
  notes: string | null;
  created_by: string | null;
}

export interface ContractLinesTable extends Keyed {
  contract_id: string;
  position: number;
  product_id: string | null;
  name: string;
  product_type: string;
  customisation: string;
  quantity: number;
  unit_price_minor: number;
  /** Net of discounts, tax excluded. */
  amount_minor: number;
}

export interface OrdersTable extends Keyed, Versioned {
  contract_id: string;
  number: string;
  description: string;
  amount_minor: number;
  status: string;
  planned_on: string | null;
  delivered_on: string | null;
  accepted_on: string | null;
}

export interface PaymentInstallmentsTable extends Keyed, Versioned {
  contract_id: string;
  seq: number;
  due_date: string;
  amount_minor: number;
  /** Σ active allocations; changed only by conditional updates (ADR 0026). */
  collected_minor: Generated<number>;
  status: string;
  /** received_on of the receipt that completed the installment. */
  paid_on: string | null;
  last_reminded_on: string | null;
}

export interface ReceiptsTable extends Keyed, Versioned {
  number: string;
  account_id: string;
  contract_id: string | null;
  currency: string;
  amount_minor: number;
  /** amount − Σ active allocations; changed only by conditional updates (ADR 0026). */
  unapplied_minor: number;
  received_on: string;
  method: string | null;
  reference: string | null;
  status: string;
  created_by: string | null;
}

export interface ReceiptAllocationsTable extends Keyed {
  receipt_id: string;
  installment_id: string;
  amount_minor: number;
  allocated_at: string;
  allocated_by: string | null;
  reversed_at: string | null;
  reversed_by: string | null;
}

export interface RevenueRecognitionsTable extends Keyed {
  contract_id: string;
  order_id: string | null;
  recognised_on: string;
  amount_minor: number;
  created_by: string | null;
  created_at: string;
}
