import type { Generated } from 'kysely';
import type { Keyed, Versioned, SoftDeleted, Flag, JsonColumn } from './columns.js';

/**
 * Row types of pipelines, stages and opportunities, with everything the pipeline engine
 * keeps on a deal.
 */

export interface PipelinesTable extends Keyed, Versioned {
  key: string;
  name_zh: string;
  name_en: string;
  description: string | null;
  allow_skip: Flag;
  is_default: Flag;
  archived_at: string | null;
  /** JSON array of team ids that may use the pipeline; empty means everyone. */
  team_ids: JsonColumn;
  /** JSON scorecard definition; null means the default nine dimensions. */
  scorecard: JsonColumn;
}

export interface StagesTable extends Keyed {
  pipeline_id: string;
  key: string;
  name_zh: string;
  name_en: string;
  position: number;
  kind: string;
  probability: number;
  forecast_category: string;
  target_conversion: number | null;
  expected_dwell_days: number | null;
  cadence_days: number | null;
  guidance: string | null;
  /** Gate rules and other stage configuration added by the pipeline engine. */
  rules: JsonColumn;
  created_at: string;
  updated_at: string;
}

/**
 * A stage's slot: its bit in `opportunities.visited_stages` (0–30, unique in the pipeline,
 * fixed while the stage exists). Written only when stages are inserted.
 */
export interface StageSlotColumns {
  slot: Generated<number>;
}

export interface OpportunitiesTable extends Keyed, Versioned, SoftDeleted {
  name: string;
  account_id: string;
  primary_contact_id: string | null;
  owner_id: string;
  pipeline_id: string;
  stage_id: string;
  status: string;
  amount_minor: number;
  currency: string;
  expected_close_date: string | null;
  budget_minor: number | null;
  budget_currency: string | null;
  timeline: string | null;
  next_step: string | null;
  next_step_date: string | null;
  competitors: JsonColumn;
  source: string | null;
  source_lead_id: string | null;
  stage_entered_at: string;
  closed_at: string | null;
  /** JSON object of tenant-defined fields, by key. */
  custom_fields: JsonColumn;
  deadline_at: string | null;
  deadline_level: number;
}

/**
 * The rep's own forecast category for a deal (null: the stage's). Kept out of the deal's row
 * mapper like `MergedColumns`: only the forecast service reads and writes it.
 */
export interface ForecastCallColumns {
  forecast_category: Generated<string | null>;
}

/**
 * The stages of its pipeline a deal has visited, one bit per stage slot (see migration
 * 0011-stage-reach). Kept out of the deal's row mapper: only store/stage-reach.repo.ts
 * writes it, with each stage-history row.
 */
export interface StageReachColumns {
  visited_stages: Generated<number>;
}

export interface OpportunityProductsTable extends Keyed {
  opportunity_id: string;
  position: number;
  name: string;
  product_type: string;
  customisation: string;
  quantity: number;
  unit_price_minor: number;
  /** Added by migration 0017 (approval chains); 0 on older rows. */
  discount_basis_points: Generated<number>;
  amount_minor: number;
}

export interface StageHistoryTable extends Keyed {
  opportunity_id: string;
  pipeline_id: string;
  stage_id: string;
  from_stage_id: string | null;
  entered_at: string;
  left_at: string | null;
  moved_by: string | null;
  reason: string | null;
  amount_minor: number;
  currency: string;
}

export interface OpportunityMembersTable extends Keyed {
  opportunity_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface CustomFieldsTable extends Keyed, Versioned {
  entity: string;
  key: string;
  label_zh: string;
  label_en: string;
  type: string;
  options: JsonColumn;
  position: number;
}

/** Key actions done and materials used on a deal (kind `action` | `material`). */
export interface OpportunityActionsTable extends Keyed {
  opportunity_id: string;
  stage_id: string;
  kind: string;
  item_key: string;
  done_by: string | null;
  done_at: string;
  evidence: JsonColumn;
}

export interface AttachmentsTable extends Keyed {
  opportunity_id: string | null;
  account_id: string | null;
  type: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface ApprovalsTable extends Keyed, Versioned {
  opportunity_id: string;
  kind: string;
  stage_id: string | null;
  requested_by: string | null;
  approver_id: string | null;
  approver_role: string | null;
  status: string;
  request: JsonColumn;
  comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface CloseReasonsTable extends Keyed, Versioned {
  outcome: string;
  key: string;
  name_zh: string;
  name_en: string;
  position: number;
  active: Flag;
}

export interface OpportunityReviewsTable extends Keyed {
  opportunity_id: string;
  outcome: string;
  reasons: JsonColumn;
  competitor: string | null;
  stage_id: string;
  notes: string | null;
  reviewed_by: string | null;
  created_at: string;
}

export interface OpportunityEvaluationsTable extends Keyed {
  opportunity_id: string;
  stage_id: string;
  scores: JsonColumn;
  weighted_score: number;
  notes: string | null;
  evaluated_by: string | null;
  created_at: string;
}
