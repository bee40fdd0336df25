import type { Generated } from 'kysely';
import type { Keyed } from './columns.js';

/** A deal's credit split lines (migration 0018): share in basis points of one credit type. */
export interface OpportunitySplitsTable extends Keyed {
  opportunity_id: string;
  split_type: string;
  user_id: string;
  share_bp: number;
}

/** The optimistic version of a deal's team and splits, beside the deal's own version. */
export interface TeamVersionColumns {
  team_version: Generated<number>;
}

/** Who put a colleague on the team (added with 0018; null for older rows). */
export interface MemberAddedByColumns {
  added_by: Generated<string | null>;
}
