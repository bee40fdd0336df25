import { completedAtFor } from '../domain/activities/task.js';
import type { Task, TaskPriority, TaskStatus } from '../domain/activities/task.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Page } from '../store/pagination.js';
import { listTasks, toTask, toTaskRow } from '../store/tasks.repo.js';
import type { TaskFilter } from '../store/tasks.repo.js';
import { authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import {
  createEntity,
  getEntity,
  restoreEntity,
  softDeleteEntity,
  updateEntity,
} from './entity.js';
import { assertLinked, linkReferences, linksFrom } from './links.js';
import type { LinkInput } from './links.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor } from './transaction.js';

export interface TaskInput extends LinkInput {
  readonly title: string;
  readonly notes?: string | null;
  readonly dueAt?: string | null;
  readonly priority?: TaskPriority;
  readonly status?: TaskStatus;
  /** Defaults to the creator. */
  readonly assigneeId?: string;
}

export type TaskPatch = Partial<TaskInput> & { readonly version: number };

export const taskStore = tableStore('task', 'tasks', toTask, toTaskRow);

export const taskSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  dueAt: { key: 'dueAt', column: 'due_at', nullAs: '9999-12-31T23:59:59.999Z' },
} as const;

export async function createTask(
  ctx: AppContext,
  principal: Principal,
  input: TaskInput,
): Promise<Task> {
  authorize(principal, 'tasks.write');
  return createEntity(ctx, principal, taskStore, async (trx, { id, now }) => {
    const links = linksFrom(input);
    assertLinked(links);
    const assigneeId = input.assigneeId ?? principal.userId;
    if (!assigneeId) {
      throw new DomainError('validation_failed', {}, [
        { path: 'assigneeId', code: 'required', message: 'required' },
      ]);
    }
    await assertReferences(trx, principal, [
      ...linkReferences(links),
      { field: 'assigneeId', table: 'users', id: assigneeId },
    ]);
    const status = input.status ?? 'open';
    return {
      id,
      title: input.title,
      notes: input.notes ?? null,
      dueAt: input.dueAt ?? null,
      priority: input.priority ?? 'normal',
      status,
      assigneeId,
      completedAt: completedAtFor(status, null, now),
      createdBy: principal.userId,
      ...links,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      version: 1,
    };
  });
}

export async function updateTask(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: TaskPatch,
): Promise<Task> {
  authorize(principal, 'tasks.write');
  return updateEntity(ctx, principal, taskStore, id, version, async (trx, current, { now }) => {
    await assertReferences(trx, principal, [
      ...linkReferences(patch),
      { field: 'assigneeId', table: 'users', id: patch.assigneeId },
    ]);
    const next = applyPatch(current, patch);
    assertLinked(next);
    return { ...next, completedAt: completedAtFor(next.status, current, now) };
  });
}

export async function getTask(ctx: AppContext, principal: Principal, id: string): Promise<Task> {
  return getEntity(ctx, principal, taskStore, id);
}

export async function listTasksPage(
  ctx: AppContext,
  principal: Principal,
  filter: TaskFilter,
  list: ListInput<keyof typeof taskSorts>,
): Promise<Page<Task>> {
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'assigneeId', table: 'users', id: filter.assigneeId },
    { field: 'leadId', table: 'leads', id: filter.leadId },
    { field: 'opportunityId', table: 'opportunities', id: filter.opportunityId },
    { field: 'accountId', table: 'accounts', id: filter.accountId },
    { field: 'contactId', table: 'contacts', id: filter.contactId },
  ]);
  return listTasks(
    db,
    principal.tenantId,
    filter,
    pageQuery(list, taskSorts),
    await visibilityOf(db, principal),
  );
}

export async function deleteTask(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  authorize(principal, 'tasks.write');
  await softDeleteEntity(ctx, principal, taskStore, id);
}

export async function restoreTask(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Task> {
  authorize(principal, 'tasks.write');
  return restoreEntity(ctx, principal, taskStore, id);
}
