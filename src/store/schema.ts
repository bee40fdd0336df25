import type { Generated } from 'kysely';

/**
 * Row types of every table, as both dialects return them once `db.ts` has normalised the
 * drivers: timestamps are ISO-8601 UTC strings, dates are `YYYY-MM-DD`, money columns are
 * integer minor units, flags are 0/1 and JSON columns arrive as text (SQLite) or parsed
 * values (PostgreSQL jsonb), which `json.ts` reads either way.
 */

/** Columns every tenant-owned table has: the composite key that lets us shard by tenant. */
interface Keyed {
  tenant_id: string;
  id: string;
}

interface Versioned {
  created_at: string;
  updated_at: string;
  version: number;
}

interface SoftDeleted {
  deleted_at: string | null;
}

export type Flag = 0 | 1;
export type JsonColumn = unknown;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  locale: string;
  time_zone: string;
  default_currency: string;
  /** JSON tenant-wide settings (follow-up deadlines, contact caps, assignment fallback). */
  settings: JsonColumn;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsersTable extends Keyed, Versioned {
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  locale: string | null;
  status: string;
  password_hash: string | null;
  /** JSON array of extra permissions beyond the role (e.g. `view_opportunities`). */
  grants: JsonColumn;
  /** Open leads the rep should carry at most (assignment by capacity); null: no cap. */
  capacity: number | null;
  /** On leave until then: assignment skips the rep. */
  away_until: string | null;
  languages: JsonColumn;
  last_assigned_at: string | null;
}

export interface ApiTokensTable extends Keyed {
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in lists so a user can tell tokens apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface OpportunityMembersTable extends Keyed {
  opportunity_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface SessionsTable extends Keyed {
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface TeamsTable extends Keyed, Versioned {
  name: string;
  parent_id: string | null;
  manager_id: string | null;
}

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

export interface OpportunityProductsTable extends Keyed {
  opportunity_id: string;
  position: number;
  name: string;
  product_type: string;
  customisation: string;
  quantity: number;
  unit_price_minor: number;
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

interface LinkColumns {
  lead_id: string | null;
  opportunity_id: string | null;
  account_id: string | null;
  contact_id: string | null;
}

export interface ActivitiesTable extends Keyed, Versioned, SoftDeleted, LinkColumns {
  type: string;
  subject: string;
  body: string | null;
  occurred_at: string;
  duration_minutes: number | null;
  next_follow_up_at: string | null;
  owner_id: string | null;
}

export interface TasksTable extends Keyed, Versioned, SoftDeleted, LinkColumns {
  title: string;
  notes: string | null;
  due_at: string | null;
  priority: string;
  status: string;
  assignee_id: string;
  completed_at: string | null;
  created_by: string | null;
}

export interface AuditLogTable extends Keyed {
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: JsonColumn;
  after: JsonColumn;
  at: string;
  request_id: string | null;
}

export interface IdempotencyKeysTable extends Keyed {
  /** Keys are private to the principal that sent them. */
  scope: string;
  key: string;
  fingerprint: string;
  response_status: number;
  response_body: JsonColumn;
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

export interface NotificationsTable extends Keyed {
  user_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  payload: JsonColumn;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface JobsTable extends Keyed {
  kind: string;
  /** Identifies one scheduled run (e.g. the minute it is for), so it is created once. */
  slot: string;
  run_at: string;
  status: string;
  attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  result: JsonColumn;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One run of an import (a dry run included): who, which file, how it went. */
export interface ImportsTable extends Keyed {
  entity: string;
  file_name: string;
  format: string;
  dry_run: Flag;
  status: string;
  /** JSON array: the file's header row, for the error report. */
  headers: JsonColumn;
  mapping: JsonColumn;
  total_rows: number;
  imported_rows: number;
  skipped_rows: number;
  failed_rows: number;
  created_accounts: number;
  failure: string | null;
  created_by: string | null;
  started_at: string;
  finished_at: string | null;
}

/** A row an import could not take: its reasons and its cells as they were in the file. */
export interface ImportErrorsTable extends Keyed {
  import_id: string;
  row_number: number;
  issues: JsonColumn;
  cells: JsonColumn;
}

/** The identity of an imported row, so no re-run imports it twice. */
export interface ImportKeysTable {
  tenant_id: string;
  entity: string;
  external_key: string;
  record_id: string;
  import_id: string;
  created_at: string;
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

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  pools: PoolsTable;
  accounts: AccountsTable & MergedColumns;
  contacts: ContactsTable & MergedColumns;
  leads: LeadsTable & LeadScoreColumns & MergedColumns;
  pipelines: PipelinesTable;
  stages: StagesTable;
  opportunities: OpportunitiesTable & ForecastCallColumns;
  opportunity_products: OpportunityProductsTable;
  stage_history: StageHistoryTable;
  activities: ActivitiesTable;
  tasks: TasksTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  api_tokens: ApiTokensTable;
  opportunity_members: OpportunityMembersTable;
  auth_throttle: AuthThrottleTable;
  custom_fields: CustomFieldsTable;
  opportunity_actions: OpportunityActionsTable;
  attachments: AttachmentsTable;
  approvals: ApprovalsTable;
  close_reasons: CloseReasonsTable;
  opportunity_reviews: OpportunityReviewsTable;
  opportunity_evaluations: OpportunityEvaluationsTable;
  ownership_history: OwnershipHistoryTable;
  assignment_rules: AssignmentRulesTable;
  assignment_log: AssignmentLogTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
  import_keys: ImportKeysTable;
  lead_scoring: LeadScoringTable;
  lead_conversions: LeadConversionsTable;
  lead_forms: LeadFormsTable;
  match_keys: MatchKeysTable;
  duplicate_pairs: DuplicatePairsTable;
  deal_changes: DealChangesTable;
  pipeline_snapshots: PipelineSnapshotsTable;
  sales_targets: SalesTargetsTable;
  forecast_overrides: ForecastOverridesTable;
  win_models: WinModelsTable;
  win_predictions: WinPredictionsTable;
}

/** Tables with tenant_id + id, i.e. everything but `tenants`. */
export type TenantTable = Exclude<
  keyof Database,
  'tenants' | 'auth_throttle' | 'import_keys' | 'match_keys' | 'win_predictions'
>;
