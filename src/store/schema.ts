/**
 * Row types of every table, as both dialects return them once `db.ts` has normalised the
 * drivers: timestamps are ISO-8601 UTC strings, dates are `YYYY-MM-DD`, money columns are
 * integer minor units, flags are 0/1 and JSON columns arrive as text (SQLite) or parsed
 * values (PostgreSQL jsonb), which `json.ts` reads either way. The row types live in
 * `tables/`, one file per family of tables; this file puts them together as the `Database`
 * that Kysely queries, and re-exports them so callers import from one place.
 */
import type {
  TenantsTable,
  UsersTable,
  ApiTokensTable,
  AuthThrottleTable,
  SessionsTable,
  TeamsTable,
} from './tables/identity.js';
import type {
  PoolsTable,
  AccountsTable,
  ContactsTable,
  LeadsTable,
  LeadScoreColumns,
  LeadScoringTable,
  LeadConversionsTable,
  LeadFormsTable,
  OwnershipHistoryTable,
  AssignmentRulesTable,
  AssignmentLogTable,
  MergedColumns,
  MatchKeysTable,
  DuplicatePairsTable,
} from './tables/customers.js';
import type {
  PipelinesTable,
  StagesTable,
  StageSlotColumns,
  StageReachColumns,
  OpportunitiesTable,
  ForecastCallColumns,
  OpportunityProductsTable,
  StageHistoryTable,
  OpportunityMembersTable,
  CustomFieldsTable,
  OpportunityActionsTable,
  AttachmentsTable,
  ApprovalsTable,
  CloseReasonsTable,
  OpportunityReviewsTable,
  OpportunityEvaluationsTable,
} from './tables/deals.js';
import type { ActivitiesTable, TasksTable } from './tables/work.js';
import type {
  AuditLogTable,
  IdempotencyKeysTable,
  NotificationsTable,
  JobsTable,
  ImportsTable,
  ImportErrorsTable,
  ImportKeysTable,
} from './tables/system.js';
import type {
  DealChangesTable,
  PipelineSnapshotsTable,
  SalesTargetsTable,
  ForecastOverridesTable,
  WinModelsTable,
  WinPredictionsTable,
} from './tables/analytics.js';
import type { OpportunityTagsTable, SavedViewsTable } from './tables/board.js';
import type { DeliveriesTable, DeliveryEndpointsTable } from './tables/outbox.js';
import type { NotificationPreferencesTable } from './tables/notification-preferences.js';
import type {
  MemberAddedByColumns,
  OpportunitySplitsTable,
  TeamVersionColumns,
} from './tables/deal-teams.js';
import type {
  AutomationEventsTable,
  AutomationRulesTable,
  AutomationRunsTable,
} from './tables/automation.js';
import type {
  ApprovalChainColumns,
  ApprovalPoliciesTable,
  ApprovalDelegationsTable,
} from './tables/approvals.js';

import type { ExperimentsTable, ExperimentAssignmentsTable } from './tables/experiments.js';
import type { DealLineageColumns } from './tables/lifecycle.js';
import type {
  ContractsTable,
  ContractLinesTable,
  OrdersTable,
  PaymentInstallmentsTable,
  ReceiptsTable,
  ReceiptAllocationsTable,
  RevenueRecognitionsTable,
} from './tables/contracts.js';
import type { ProductsTable, PriceBooksTable, PriceBookEntriesTable } from './tables/catalog.js';
import type { QuotesTable, QuoteLinesTable } from './tables/quotes.js';

export type * from './tables/columns.js';
export type * from './tables/identity.js';
export type * from './tables/customers.js';
export type * from './tables/deals.js';
export type * from './tables/work.js';
export type * from './tables/system.js';
export type * from './tables/analytics.js';
export type * from './tables/board.js';
export type * from './tables/outbox.js';
export type * from './tables/notification-preferences.js';
export type * from './tables/experiments.js';
export type * from './tables/lifecycle.js';
export type * from './tables/contracts.js';
export type * from './tables/deal-teams.js';
export type * from './tables/automation.js';
export type * from './tables/approvals.js';
export type * from './tables/catalog.js';
export type * from './tables/quotes.js';

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
  stages: StagesTable & StageSlotColumns;
  opportunities: OpportunitiesTable &
    ForecastCallColumns &
    StageReachColumns &
    TeamVersionColumns &
    DealLineageColumns;
  opportunity_products: OpportunityProductsTable;
  stage_history: StageHistoryTable;
  activities: ActivitiesTable;
  tasks: TasksTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  api_tokens: ApiTokensTable;
  opportunity_members: OpportunityMembersTable & MemberAddedByColumns;
  opportunity_splits: OpportunitySplitsTable;
  auth_throttle: AuthThrottleTable;
  custom_fields: CustomFieldsTable;
  opportunity_actions: OpportunityActionsTable;
  attachments: AttachmentsTable;
  approvals: ApprovalsTable & ApprovalChainColumns;
  approval_policies: ApprovalPoliciesTable;
  approval_delegations: ApprovalDelegationsTable;
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
  opportunity_tags: OpportunityTagsTable;
  saved_views: SavedViewsTable;
  deliveries: DeliveriesTable;
  delivery_endpoints: DeliveryEndpointsTable;
  notification_preferences: NotificationPreferencesTable;
  experiments: ExperimentsTable;
  experiment_assignments: ExperimentAssignmentsTable;
  automation_rules: AutomationRulesTable;
  automation_events: AutomationEventsTable;
  automation_runs: AutomationRunsTable;
  contracts: ContractsTable;
  contract_lines: ContractLinesTable;
  orders: OrdersTable;
  payment_installments: PaymentInstallmentsTable;
  receipts: ReceiptsTable;
  receipt_allocations: ReceiptAllocationsTable;
  revenue_recognitions: RevenueRecognitionsTable;
  products: ProductsTable;
  price_books: PriceBooksTable;
  price_book_entries: PriceBookEntriesTable;
  quotes: QuotesTable;
  quote_lines: QuoteLinesTable;
}

/** Tables with tenant_id + id, i.e. everything but `tenants`. */
export type TenantTable = Exclude<
  keyof Database,
  | 'tenants'
  | 'auth_throttle'
  | 'import_keys'
  | 'match_keys'
  | 'win_predictions'
  | 'opportunity_tags'
>;
