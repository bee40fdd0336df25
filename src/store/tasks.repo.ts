import type { Kysely, Selectable } from 'kysely';
import type { Task, TaskPriority, TaskStatus } from '../domain/activities/task.js';
import type { LinkFilter } from './activities.repo.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibleCondition } from './visibility.js';
import type { Database, TasksTable } from './schema.js';
import { deletedCondition } from './search.js';
import type { DeletedFilter } from './search.js';

export function toTask(row: Selectable<TasksTable>): Task {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    dueAt: row.due_at,
    priority: row.priority as TaskPriority,
    status: row.status as TaskStatus,
    assigneeId: row.assignee_id,
    completedAt: row.completed_at,
    createdBy: row.created_by,
    leadId: row.lead_id,
    opportunityId: row.opportunity_id,
    accountId: row.account_id,
    contactId: row.contact_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
}

export function toTaskRow(tenantId: string, task: Task): TasksTable {
  return {
    tenant_id: tenantId,
    id: task.id,
    title: task.title,
    notes: task.notes,
    due_at: task.dueAt,
    priority: task.priority,
    status: task.status,
    assignee_id: task.assigneeId,
    completed_at: task.completedAt,
    created_by: task.createdBy,
    lead_id: task.leadId,
    opportunity_id: task.opportunityId,
    account_id: task.accountId,
    contact_id: task.contactId,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    deleted_at: task.deletedAt,
    version: task.version,
  };
}

export interface TaskFilter extends LinkFilter {
  readonly status?: TaskStatus;
  readonly assigneeId?: string;
  readonly dueBefore?: string;
  readonly deleted: DeletedFilter;
}

export async function listTasks(
  db: Kysely<Database>,
  tenantId: string,
  filter: TaskFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<Task>> {
  let query = db.selectFrom('tasks').selectAll().where('tenant_id', '=', tenantId);
  const visible = visibleCondition('tasks', visibility);
  if (visible) query = query.where(visible);
  const deleted = deletedCondition('tasks', filter.deleted);
  if (deleted) query = query.where(deleted);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assigneeId) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.dueBefore) query = query.where('due_at', '<', filter.dueBefore);
  if (filter.leadId) query = query.where('lead_id', '=', filter.leadId);
  if (filter.opportunityId) query = query.where('opportunity_id', '=', filter.opportunityId);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  const rows = await applyKeyset(query, 'tasks', page).execute();
  return toPage(rows, page, toTask);
}
