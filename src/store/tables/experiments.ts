import type { JsonColumn, Keyed, Versioned } from './columns.js';

/** Row types of A/B experiments (migration 0020). */

export interface ExperimentsTable extends Keyed, Versioned {
  name: string;
  subject: string;
  population: string;
  filter: JsonColumn;
  variants: JsonColumn;
  status: string;
  started_at: string | null;
  stopped_at: string | null;
  created_by: string | null;
}

export interface ExperimentAssignmentsTable extends Keyed {
  experiment_id: string;
  population: string;
  record_id: string;
  variant_key: string;
  assigned_at: string;
}
