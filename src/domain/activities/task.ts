import type { RecordLinks } from './activity.js';

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskPriorities = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof taskPriorities)[number];

export interface Task extends RecordLinks {
  readonly id: string;
  readonly title: string;
  readonly notes: string | null;
  readonly dueAt: string | null;
  readonly priority: TaskPriority;
  readonly status: TaskStatus;
  readonly assigneeId: string;
  readonly completedAt: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}

/** completedAt follows status: set when a task becomes done, cleared when it is reopened. */
export function completedAtFor(
  status: TaskStatus,
  previous: { status: TaskStatus; completedAt: string | null } | null,
  now: string,
): string | null {
  if (status !== 'done') return null;
  if (previous?.status === 'done') return previous.completedAt;
  return now;
}
