import { z } from 'zod';
import { activitySorts } from '../../app/activities.service.js';
import { sortValues } from '../../app/listing.js';
import { taskSorts } from '../../app/tasks.service.js';
import { activityTypes } from '../../domain/activities/activity.js';
import { taskPriorities, taskStatuses } from '../../domain/activities/task.js';
import {
  DeletedFilter,
  Id,
  ListQueryBase,
  LongText,
  Name,
  Timestamp,
  TimestampOut,
  Version,
} from './common.js';

const links = {
  leadId: Id.nullable().optional(),
  opportunityId: Id.nullable().optional(),
  accountId: Id.nullable().optional(),
  contactId: Id.nullable().optional(),
};

const linkOut = {
  leadId: Id.nullable(),
  opportunityId: Id.nullable(),
  accountId: Id.nullable(),
  contactId: Id.nullable(),
};

const audit = {
  createdAt: TimestampOut,
  updatedAt: TimestampOut,
  deletedAt: TimestampOut.nullable(),
  version: z.number().int(),
};

const activityFields = {
  type: z.enum(activityTypes),
  subject: Name,
  body: LongText.nullable().optional(),
  occurredAt: Timestamp.optional().describe('Defaults to now'),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable()
    .optional(),
  nextFollowUpAt: Timestamp.nullable().optional(),
  ...links,
};

export const ActivityCreate = z.strictObject(activityFields).meta({ id: 'ActivityCreate' });
export const ActivityPatch = z
  .strictObject({
    version: Version,
    ...activityFields,
    type: z.enum(activityTypes).optional(),
    subject: Name.optional(),
  })
  .meta({ id: 'ActivityPatch' });

export const Activity = z
  .object({
    id: Id,
    type: z.enum(activityTypes),
    subject: z.string(),
    body: z.string().nullable(),
    occurredAt: TimestampOut,
    durationMinutes: z.number().int().nullable(),
    nextFollowUpAt: TimestampOut.nullable(),
    ownerId: Id.nullable(),
    ...linkOut,
    ...audit,
  })
  .meta({ id: 'Activity' });

const linkFilters = {
  leadId: Id.optional(),
  opportunityId: Id.optional(),
  accountId: Id.optional(),
  contactId: Id.optional(),
};

export const ActivityListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(activitySorts)).optional(),
  type: z.enum(activityTypes).optional(),
  ownerId: Id.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  ...linkFilters,
  deleted: DeletedFilter,
});

const taskFields = {
  title: Name,
  notes: LongText.nullable().optional(),
  dueAt: Timestamp.nullable().optional(),
  priority: z.enum(taskPriorities).optional(),
  status: z.enum(taskStatuses).optional(),
  assigneeId: Id.optional().describe('Defaults to you'),
  ...links,
};

export const TaskCreate = z.strictObject(taskFields).meta({ id: 'TaskCreate' });
export const TaskPatch = z
  .strictObject({ version: Version, ...taskFields, title: Name.optional() })
  .meta({ id: 'TaskPatch' });

export const Task = z
  .object({
    id: Id,
    title: z.string(),
    notes: z.string().nullable(),
    dueAt: TimestampOut.nullable(),
    priority: z.enum(taskPriorities),
    status: z.enum(taskStatuses),
    assigneeId: Id,
    completedAt: TimestampOut.nullable(),
    createdBy: Id.nullable(),
    ...linkOut,
    ...audit,
  })
  .meta({ id: 'Task' });

export const TaskListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(taskSorts)).optional(),
  status: z.enum(taskStatuses).optional(),
  assigneeId: Id.optional(),
  dueBefore: Timestamp.optional(),
  ...linkFilters,
  deleted: DeletedFilter,
});
