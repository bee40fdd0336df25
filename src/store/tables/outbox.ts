import type { JsonColumn, Keyed } from './columns.js';

/** Row types of the transactional outbox (migration 0014). */

export interface DeliveriesTable extends Keyed {
  channel: string;
  target: string;
  payload: JsonColumn;
  idempotency_key: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface DeliveryEndpointsTable extends Keyed {
  channel: string;
  name: string;
  url: string;
  secret: string | null;
  created_by: string | null;
  created_at: string;
}
