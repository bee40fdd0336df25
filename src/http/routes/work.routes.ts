import type { FastifyInstance } from 'fastify';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivitiesPage,
  restoreActivity,
  updateActivity,
} from '../../app/activities.service.js';
import type { AppContext } from '../../app/context.js';
import {
  createTask,
  deleteTask,
  getTask,
  listTasksPage,
  restoreTask,
  updateTask,
} from '../../app/tasks.service.js';
import { registerCrud } from '../crud.js';
import { pageOf } from '../schemas/common.js';
import {
  Activity,
  ActivityCreate,
  ActivityListQuery,
  ActivityPatch,
  Task,
  TaskCreate,
  TaskListQuery,
  TaskPatch,
} from '../schemas/work.schema.js';

export function workRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  registerCrud(fastify, ctx, {
    path: '/activities',
    tag: 'Activities',
    names: { one: 'Activity', many: 'Activities' },
    item: Activity,
    page: pageOf(Activity, 'ActivityPage'),
    create: ActivityCreate,
    patch: ActivityPatch,
    listQuery: ActivityListQuery,
    softDelete: true,
    service: {
      create: createActivity,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listActivitiesPage(c, p, filter, { limit, cursor, sort }),
      get: getActivity,
      update: updateActivity,
      remove: deleteActivity,
      restore: restoreActivity,
    },
  });

  registerCrud(fastify, ctx, {
    path: '/tasks',
    tag: 'Tasks',
    names: { one: 'Task', many: 'Tasks' },
    item: Task,
    page: pageOf(Task, 'TaskPage'),
    create: TaskCreate,
    patch: TaskPatch,
    listQuery: TaskListQuery,
    softDelete: true,
    service: {
      create: createTask,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listTasksPage(c, p, filter, { limit, cursor, sort }),
      get: getTask,
      update: updateTask,
      remove: deleteTask,
      restore: restoreTask,
    },
  });
}
