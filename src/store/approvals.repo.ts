import type { Kysely, Selectable } from 'kysely';
import type {
  Approval,
  ApprovalStatus,
  StageApprovalRequest,
} from '../domain/approvals/approval.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { ApprovalsTable, Database } from './schema.js';

export function toApproval(row: Selectable<ApprovalsTable>): Approval {
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    kind: 'stage',
    stageId: row.stage_id,
    requestedBy: row.requested_by,
    approverId: row.approver_id,
    approverRole: row.approver_role === 'admin' ? 'admin' : null,
    status: row.status as ApprovalStatus,
    request: fromJsonColumn(row.request) as StageApprovalRequest,
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toApprovalRow(tenantId: string, approval: Approval): ApprovalsTable {
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
    comment: approval.comment,
    decided_by: approval.decidedBy,
    decided_at: approval.decidedAt,
    created_at: approval.createdAt,
    updated_at: approval.updatedAt,
    version: approval.version,
  };
}

export async function pendingApprovalFor(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Approval | undefined> {
  const row = await db
    .selectFrom('approvals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row && toApproval(row);
}

export interface ApprovalFilter {
  readonly status?: ApprovalStatus;
  readonly opportunityId?: string;
  /** Only approvals this user may decide: asked by name, or (for admins) by role. */
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
