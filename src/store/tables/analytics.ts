import type { Keyed, Versioned, JsonColumn } from './columns.js';

/**
 * Row types the analytics keep beyond stage history: deal changes, snapshots, targets,
 * forecast calls, win models.
 */

/** A change of a deal's amount (`field` = amount) or expected close date (`close_date`). */
export interface DealChangesTable extends Keyed {
  opportunity_id: string;
  field: string;
  from_amount_minor: number | null;
  to_amount_minor: number | null;
  from_date: string | null;
  to_date: string | null;
  currency: string;
  changed_at: string;
  changed_by: string | null;
}

/** Open pipeline on one day, per pipeline × stage × owner × currency × forecast category. */
export interface PipelineSnapshotsTable extends Keyed {
  snapshot_date: string;
  pipeline_id: string;
  stage_id: string;
  owner_id: string;
  currency: string;
  forecast_category: string;
  deal_count: number;
  amount_minor: number;
  weighted_minor: number;
  created_at: string;
}

/** A quota: a user's or a team's revenue target for a period (dates inclusive). */
export interface SalesTargetsTable extends Keyed, Versioned {
  subject_type: string;
  subject_id: string;
  pipeline_id: string | null;
  period_start: string;
  period_end: string;
  amount_minor: number;
  currency: string;
  created_by: string | null;
}

/** A manager's forecast call for a rep or team; rows are only added, the latest counts. */
export interface ForecastOverridesTable extends Keyed {
  subject_type: string;
  subject_id: string;
  pipeline_id: string;
  period_start: string;
  period_end: string;
  category: string;
  amount_minor: number;
  currency: string;
  note: string | null;
  set_by: string | null;
  set_at: string;
}

/** A trained win-probability model of one pipeline (`status` active | superseded). */
export interface WinModelsTable extends Keyed {
  pipeline_id: string;
  algorithm: string;
  status: string;
  sample_size: number;
  parameters: JsonColumn;
  metrics: JsonColumn;
  trained_at: string;
}

/** The latest learned win probability of an open deal, in basis points, with its factors. */
export interface WinPredictionsTable {
  tenant_id: string;
  opportunity_id: string;
  model_id: string;
  probability_bp: number;
  factors: JsonColumn;
  scored_at: string;
}
