import type { Generated } from 'kysely';

/**
 * A deal's lineage (migration 0024): what kind of deal it is and the contract it grows from.
 * Generated<> so the many places that build a whole opportunity row (imports, demo, tests)
 * keep compiling and get the defaults: a new deal without an origin.
 */
export interface DealLineageColumns {
  deal_kind: Generated<string>;
  origin_contract_id: Generated<string | null>;
}
