import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  myNotifications,
  myUnreadCount,
  readAllNotifications,
  readNotification,
} from '../../app/notifications.service.js';
import {
  myNotificationPreferences,
  setMyNotificationPreferences,
  userNotificationPreferences,
} from '../../app/notification-preferences.service.js';
import type { PreferencesView } from '../../app/notification-preferences.service.js';
import { defaultPreferences } from '../../domain/notifications/preferences.js';
import { renderNotification } from '../../i18n/notifications.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  NotificationPreferencesInput,
  NotificationPreferencesView,
} from '../schemas/notification-preferences.schema.js';
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

  app.get(
    '/notification-preferences',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'getNotificationPreferences',
        summary: 'Your notification channels per kind and quiet hours (defaults until saved)',
        response: { 200: NotificationPreferencesView, ...problems(401, 403) },
      },
    },
    async (request) => view(await myNotificationPreferences(ctx, requirePrincipal(request))),
  );

  app.put(
    '/notification-preferences',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'setNotificationPreferences',
        summary: 'Replace your notification channels and quiet hours',
        body: NotificationPreferencesInput,
        response: { 200: NotificationPreferencesView, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const body = request.body;
      return view(
        await setMyNotificationPreferences(ctx, requirePrincipal(request), {
          channels: { ...defaultPreferences.channels, ...body.channels },
          quietHours: body.quietHours,
          timeZone: body.timeZone ?? null,
        }),
      );
    },
  );

  app.get(
    '/users/:id/notification-preferences',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'getUserNotificationPreferences',
        summary: "A user's notification preferences (your own, or anyone's for an admin)",
        params: IdParams,
        response: { 200: NotificationPreferencesView, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      view(await userNotificationPreferences(ctx, requirePrincipal(request), request.params.id)),
  );
}

function view({ userId, preferences, version }: PreferencesView) {
  return {
    userId,
    channels: Object.fromEntries(
      Object.entries(preferences.channels).map(([group, channels]) => [group, [...channels]]),
    ) as { [G in keyof typeof preferences.channels]: 'email'[] },
    quietHours: preferences.quietHours
      ? { ...preferences.quietHours, days: [...preferences.quietHours.days] }
      : null,
    timeZone: preferences.timeZone,
    version,
  };
}
