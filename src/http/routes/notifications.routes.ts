import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  myNotifications,
  myUnreadCount,
  readAllNotifications,
  readNotification,
} from '../../app/notifications.service.js';
import { renderNotification } from '../../i18n/notifications.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  NotificationListQuery,
  NotificationPage,
  ReadAllResult,
  UnreadCount,
} from '../schemas/notifications.schema.js';

/** The signed-in user's in-app notifications: missed deadlines, escalations, recycles. */
export function notificationRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'listNotifications',
        summary: 'Your notifications, newest first, with the unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...problems(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const page = await myNotifications(ctx, requirePrincipal(request), {
        unreadOnly: request.query.unread === 'true',
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor ?? null,
      });
      return {
        items: page.items.map((item) => {
          const { kind, ...facts } = item.facts;
          return {
            id: item.id,
            kind,
            subjectType: item.subjectType,
            subjectId: item.subjectId,
            message: renderNotification(item.facts, request.locale),
            facts,
            createdAt: item.createdAt,
            readAt: item.readAt,
          };
        }),
        nextCursor: page.nextCursor,
        unread: page.unread,
      };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'countUnreadNotifications',
        summary: 'How many of your notifications are unread (for the inbox badge)',
        response: { 200: UnreadCount, ...problems(401, 403) },
      },
    },
    async (request) => ({ unread: await myUnreadCount(ctx, requirePrincipal(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'readNotification',
        summary: 'Mark one of your notifications read (reading twice keeps the first time)',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await readNotification(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'readAllNotifications',
        summary: 'Mark all your notifications read',
        response: { 200: ReadAllResult, ...problems(401, 403) },
      },
    },
    async (request) => ({ marked: await readAllNotifications(ctx, requirePrincipal(request)) }),
  );
}
