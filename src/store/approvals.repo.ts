import type { Kysely, Selectable } from 'kysely';
import type {
  Approval,
  ApprovalKind,
  ApprovalStatus,
  ApprovalStep,
  DiscountApprovalRequest,
  RuleApprovalRequest,
  StageApprovalRequest,
} from '../domain/approvals/approval.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { ApprovalChainColumns, ApprovalsTable, Database } from './schema.js';

type ApprovalRow = Selectable<ApprovalsTable & ApprovalChainColumns>;

/** Rows from before chains had one approver and no steps: they read as a one-step chain. */
function legacySteps(row: ApprovalRow): ApprovalStep[] {
  const pending = row.status === 'pending';
  return [
    {
      position: 0,
      approverId: row.approver_id,
      approverRole: row.approver_role === 'admin' ? 'admin' : null,
      delegateId: null,
      status:
        row.status === 'approved' || row.status === 'rejected'
          ? row.status
          : pending
            ? 'pending'
            : 'cancelled',
      decidedBy: row.decided_by,
      onBehalfOf: null,
      comment: row.comment,
      decidedAt: row.decided_at,
    },
  ];
}

export function toApproval(row: ApprovalRow): Approval {
  const steps = row.steps === null ? null : (fromJsonColumn(row.steps) as ApprovalStep[] | null);
  const base = {
    id: row.id,
    opportunityId: row.opportunity_id,
    stageId: row.stage_id,
    requestedBy: row.requested_by,
    approverId: row.approver_id,
    approverRole: row.approver_role === 'admin' ? ('admin' as const) : null,
    status: row.status as ApprovalStatus,
    amountMinor: row.amount_minor,
    dedupeKey: row.dedupe_key,
    currentStep: row.current_step,
    steps: steps ?? legacySteps(row),
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  const request = fromJsonColumn(row.request);
  switch (row.kind as ApprovalKind) {
    case 'discount':
      return { ...base, kind: 'discount', request: request as DiscountApprovalRequest };
    case 'rule':
      return { ...base, kind: 'rule', request: request as RuleApprovalRequest };
    case 'stage':
      return { ...base, kind: 'stage', request: request as StageApprovalRequest };
  }
}

export function toApprovalRow(
  tenantId: string,
  approval: Approval,
): ApprovalsTable & ApprovalChainColumns {
  return {
    tenant_id: tenantId,
    id: approval.id,
    opportunity_id: approval.opportunityId,
    kind: approval.kind,
    stage_id: approval.stageId,
    requested_by: approval.requestedBy,
    approver_id: approval.approverId,
    approver_role: approval.approverRole,
    status: approval.status,
    request: toJsonColumn(approval.request),
    steps: toJsonColumn(approval.steps),
    current_step: approval.currentStep,
    amount_minor: approval.amountMinor,
    dedupe_key: approval.dedupeKey,
    comment: approval.comment,
    decided_by: approval.decidedBy,
    decided_at: approval.decidedAt,
    created_at: approval.createdAt,
    updated_at: approval.updatedAt,
    version: approval.version,
  };
}

/** The deal's pending request of one kind (a stage sign-off unless said otherwise). */
export async function pendingApprovalFor(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  kind: ApprovalKind = 'stage',
): Promise<Approval | undefined> {
  const row = await db
    .selectFrom('approvals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row && toApproval(row);
}

/** A pending request asked with this key, so asking again returns it. */
export async function pendingApprovalByKey(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  kind: ApprovalKind,
  dedupeKey: string,
): Promise<Approval | undefined> {
  const row = await db
    .selectFrom('approvals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return row && toApproval(row);
}

/** Every request of one kind on a deal with this status, newest first. */
export async function approvalsOfKind(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  kind: ApprovalKind,
  status: ApprovalStatus,
): Promise<Approval[]> {
  const rows = await db
    .selectFrom('approvals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('kind', '=', kind)
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toApproval);
}

export interface ApprovalFilter {
  readonly status?: ApprovalStatus;
  readonly kind?: ApprovalKind;
  readonly opportunityId?: string;
  /** Only approvals this user may decide now: asked by name, or (for admins) by role. */
  readonly decidableBy?: { userId: string; admin: boolean };
}

export async function listApprovals(
  db: Kysely<Database>,
  tenantId: string,
  filter: ApprovalFilter,
  page: PageQuery,
): Promise<Page<Approval>> {
  let query = db.selectFrom('approvals').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.opportunityId) query = query.where('opportunity_id', '=', filter.opportunityId);
  const decider = filter.decidableBy;
  if (decider) {
    query = query.where((eb) =>
      decider.admin
        ? eb.or([
            eb('approver_id', '=', decider.userId),
            eb('approver_role', '=', 'admin'),
            eb('approver_id', 'is', null),
          ])
        : eb('approver_id', '=', decider.userId),
    );
  }
  const rows = await applyKeyset(query, 'approvals', page).execute();
  return toPage(rows, page, toApproval);
}
