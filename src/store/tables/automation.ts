import type { JsonColumn, Keyed, Versioned } from './columns.js';

/** Row types of the automation rules engine (migration 0016). */

export interface AutomationRulesTable extends Keyed, Versioned {
  name: string;
  entity: string;
  enabled: number;
  trigger_type: string;
  trigger: JsonColumn;
  conditions: JsonColumn;
  actions: JsonColumn;
  created_by: string | null;
}

export interface AutomationEventsTable extends Keyed {
  type: string;
  entity_type: string;
  entity_id: string;
  rule_id: string | null;
  details: JsonColumn;
  chain: JsonColumn;
  dedupe_key: string | null;
  status: string;
  occurred_at: string;
  processed_at: string | null;
}

export interface AutomationRunsTable extends Keyed {
  rule_id: string;
  rule_version: number;
  event_id: string;
  event_type: string;
  entity_type: string;
  entity_id: string;
  outcome: string;
  reason: string | null;
  actions: JsonColumn;
  depth: number;
  created_at: string;
}
