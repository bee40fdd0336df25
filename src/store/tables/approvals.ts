import type { JsonColumn, Keyed, Versioned } from './columns.js';

/** Row types of approval chains (migration 0017). */

/** The chain columns `approvals` gained; `steps` is null on rows from before chains. */
export interface ApprovalChainColumns {
  steps: JsonColumn;
  current_step: number;
  amount_minor: number | null;
  dedupe_key: string | null;
}

export interface ApprovalPoliciesTable extends Keyed, Versioned {
  policy: JsonColumn;
}

/** `id` is the user on leave. */
export interface ApprovalDelegationsTable extends Keyed, Versioned {
  delegate_id: string;
  starts_at: string;
  ends_at: string;
}
