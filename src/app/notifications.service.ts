import type { Kysely } from 'kysely';
import { notFound } from '../domain/errors.js';
import type {
  Notification,
  NotificationFacts,
  NotifiedEntity,
} from '../domain/notifications/notification.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  insertNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
} from '../store/notifications.repo.js';
import type { Page } from '../store/pagination.js';
import type { Database } from '../store/schema.js';
import { actingUser } from './access.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { recordAudit } from './audit.service.js';
import { routeNotice } from './notification-routing.js';
import { dbFor, inTransaction } from './transaction.js';

/**
 * Tells one user something, inside the caller's transaction (so the notice exists exactly
 * when the change it reports does). The dedupe key makes a repeated sweep or retried
 * request tell no one twice. A new notice is also routed to the channels the user chose
 * (e-mail), held back during their quiet hours (notification-routing.ts).
 */
export async function notify(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  notice: {
    userId: string;
    subject: { type: NotifiedEntity; id: string };
    facts: NotificationFacts;
    dedupeKey: string;
  },
): Promise<boolean> {
  const created = await insertNotification(trx, tenantId, {
    id: ctx.newId(),
    userId: notice.userId,
    subjectType: notice.subject.type,
    subjectId: notice.subject.id,
    facts: notice.facts,
    dedupeKey: notice.dedupeKey,
    createdAt: nowIso(ctx),
  });
  // Only a new notice goes on to e-mail: a repeated one was routed when it was new.
  if (created) await routeNotice(trx, ctx, tenantId, notice);
  return created;
}

/** The caller's own notifications, newest first, with how many are unread. */
export async function myNotifications(
  ctx: AppContext,
  principal: Principal,
  options: { unreadOnly: boolean; limit: number; cursor: string | null },
): Promise<Page<Notification> & { unread: number }> {
  const userId = actingUser(principal);
  const db = dbFor(ctx);
  const page = await listNotifications(db, principal.tenantId, userId, options);
  return { ...page, unread: await unreadCount(db, principal.tenantId, userId) };
}

/** How many of the caller's notifications are unread (the inbox badge). */
export async function myUnreadCount(ctx: AppContext, principal: Principal): Promise<number> {
  return unreadCount(dbFor(ctx), principal.tenantId, actingUser(principal));
}

/**
 * Marks one of the caller's notifications read; someone else's is 404, like an unknown id.
 * Audited like every mutation (reading it again changes nothing and records nothing).
 */
export async function readNotification(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  const userId = actingUser(principal);
  await inTransaction(ctx, async (trx) => {
    const at = nowIso(ctx);
    const outcome = await markNotificationRead(trx, principal.tenantId, userId, id, at);
    if (outcome === 'missing') throw notFound('notification');
    if (outcome === 'read') {
      await recordAudit(trx, ctx, principal, {
        entityType: 'notification',
        entityId: id,
        action: 'update',
        before: { readAt: null },
        after: { readAt: at },
      });
    }
  });
}

export async function readAllNotifications(ctx: AppContext, principal: Principal): Promise<number> {
  const userId = actingUser(principal);
  return inTransaction(ctx, async (trx) => {
    const marked = await markAllNotificationsRead(trx, principal.tenantId, userId, nowIso(ctx));
    await recordAudit(trx, ctx, principal, {
      entityType: 'notification',
      entityId: userId,
      action: 'update',
      before: { unread: marked },
      after: { unread: 0 },
    });
    return marked;
  });
}
