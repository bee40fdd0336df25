import type { Generated } from 'kysely';
import type { Keyed, Versioned, SoftDeleted, Flag, JsonColumn } from './columns.js';

/**
 * Row types of pools, accounts, contacts and leads, with their ownership, assignment and
 * duplicate bookkeeping.
 */

export interface PoolsTable extends Keyed, Versioned {
  name: string;
  team_id: string | null;
  region: string | null;
  is_default: Flag;
  /** JSON PoolRules: claim limit, re-claim cooldown, members, transfer scope. */
  rules: JsonColumn;
}

export interface AccountsTable extends Keyed, Versioned, SoftDeleted {
  name: string;
  parent_id: string | null;
  industry: string | null;
  size: string | null;
  region: string | null;
  value_tier: string | null;
  credit_code: string | null;
  website: string | null;
  phone: string | null;
  address: string | null;
  notes: string | null;
  owner_id: string | null;
  pool_id: string | null;
  lifecycle: string;
  owned_since: string | null;
  deadline_at: string | null;
  deadline_level: number;
  silence_until: string | null;
}

export interface ContactsTable extends Keyed, Versioned, SoftDeleted {
  account_id: string;
  name: string;
  title: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  decision_role: string | null;
  attitude: string;
  reports_to_id: string | null;
  owner_id: string | null;
  notes: string | null;
  silence_until: string | null;
}

export interface LeadsTable extends Keyed, Versioned, SoftDeleted {
  name: string;
  company: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  industry: string | null;
  region: string | null;
  size: string | null;
  language: string | null;
  source: string;
  campaign: string | null;
  status: string;
  disqualify_reason: string | null;
  bant_budget_minor: number | null;
  bant_budget_currency: string | null;
  bant_authority: string | null;
  bant_need: string | null;
  bant_timeline: string | null;
  owner_id: string | null;
  pool_id: string | null;
  converted_opportunity_id: string | null;
  lifecycle: string;
  owned_since: string | null;
  deadline_at: string | null;
  deadline_level: number;
}

/**
 * A lead's score columns, written only by the scoring service (`app/lead-scoring.service.ts`)
 * and never by the lead's own save, so bulk writers of leads (imports, demo) may leave them
 * to their defaults: 0 and unscored until the lead is next scored.
 */
export interface LeadScoreColumns {
  score: Generated<number>;
  /** JSON LeadScore: total and each rule's contribution. */
  score_explanation: JsonColumn;
  scored_at: string | null;
}

/** A tenant's lead-scoring rules (one row per tenant; none means the default rules). */
export interface LeadScoringTable extends Keyed, Versioned {
  /** JSON array of ScoringRule. */
  rules: JsonColumn;
  updated_by: string | null;
}

/** What a lead became: what a second conversion of the same lead points at (409). */
export interface LeadConversionsTable extends Keyed {
  lead_id: string;
  account_id: string;
  contact_id: string | null;
  opportunity_id: string;
  account_created: Flag;
  contact_created: Flag;
  opportunity_created: Flag;
  converted_by: string | null;
  converted_at: string;
}

/** Public web forms that capture leads; the token is stored as a hash only. */
export interface LeadFormsTable extends Keyed, Versioned {
  name: string;
  campaign: string | null;
  source: string;
  owner_id: string | null;
  pool_id: string | null;
  /** JSON object: the field's name on the page → the lead field it fills. */
  fields: JsonColumn;
  honeypot: string;
  redirect_url: string | null;
  token_hash: string;
  token_prefix: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface OwnershipHistoryTable extends Keyed {
  entity_type: string;
  entity_id: string;
  action: string;
  from_owner_id: string | null;
  to_owner_id: string | null;
  from_pool_id: string | null;
  to_pool_id: string | null;
  from_lifecycle: string;
  to_lifecycle: string;
  reason: string;
  actor_id: string | null;
  at: string;
}

export interface AssignmentRulesTable extends Keyed, Versioned {
  name: string;
  position: number;
  conditions: JsonColumn;
  user_ids: JsonColumn;
  strategy: string;
  active: Flag;
}

export interface AssignmentLogTable extends Keyed {
  lead_id: string;
  user_id: string | null;
  explanation: JsonColumn;
  at: string;
}

/**
 * Set on a lead, account or contact merged into another: the survivor. Written only by the
 * merge (`app/duplicates/merge.service.ts`), so the entity's own row mappers leave it alone.
 */
export interface MergedColumns {
  merged_into_id: Generated<string | null>;
}

/** A normalised identifier of a record (its phone, e-mail, company…), for duplicate lookups. */
export interface MatchKeysTable {
  tenant_id: string;
  entity_type: string;
  entity_id: string;
  kind: string;
  value: string;
  /** `own`: derived from the record's fields; `merged`: inherited from a merged-away record. */
  origin: string;
}

/** A candidate pair of duplicates in the review queue, stored once whatever the order. */
export interface DuplicatePairsTable extends Keyed, Versioned {
  left_type: string;
  left_id: string;
  right_type: string;
  right_id: string;
  /** JSON array of the match kinds the two share. */
  reasons: JsonColumn;
  status: string;
  note: string | null;
  survivor_id: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}
