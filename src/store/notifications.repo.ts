import type { Kysely } from 'kysely';
import type { Notification, NotifiedEntity } from '../domain/notifications/notification.js';
import { factsFrom } from '../domain/notifications/notification.js';
import type { NotificationFacts } from '../domain/notifications/notification.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type { Database } from './schema.js';

export interface NewNotification {
  readonly id: string;
  readonly userId: string;
  readonly subjectType: NotifiedEntity;
  readonly subjectId: string;
  readonly facts: NotificationFacts;
  /** The same key twice is one notification: a sweep that runs again tells no one twice. */
  readonly dedupeKey: string;
  readonly createdAt: string;
}

/** Stores a notification unless one with the same key exists; true when it was new. */
export async function insertNotification(
  db: Kysely<Database>,
  tenantId: string,
  notification: NewNotification,
): Promise<boolean> {
  const { kind, ...payload } = notification.facts;
  const result = await db
    .insertInto('notifications')
    .values({
      tenant_id: tenantId,
      id: notification.id,
      user_id: notification.userId,
      kind,
      subject_type: notification.subjectType,
      subject_id: notification.subjectId,
      payload: toJsonColumn(payload),
      dedupe_key: notification.dedupeKey,
      created_at: notification.createdAt,
      read_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

const byCreation: SortColumn = { key: 'createdAt', column: 'created_at' };

/** One user's notifications, newest first. */
export async function listNotifications(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  options: { unreadOnly: boolean; limit: number; cursor: string | null },
): Promise<Page<Notification>> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const page: PageQuery = {
    limit: options.limit,
    cursor: options.cursor,
    sort: byCreation,
    direction: 'desc',
  };
  const rows = await applyKeyset(query, 'notifications', page).execute();
  const result = toPage(rows, page, (row): Notification | null => {
    const facts = factsFrom(row.kind, fromJsonColumn(row.payload));
    return facts
      ? {
          id: row.id,
          userId: row.user_id,
          subjectType: row.subject_type as NotifiedEntity,
          subjectId: row.subject_id,
          facts,
          createdAt: row.created_at,
          readAt: row.read_at,
        }
      : null;
  });
  return {
    items: result.items.filter((item): item is Notification => item !== null),
    nextCursor: result.nextCursor,
  };
}

export async function unreadCount(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks one of the user's notifications read: `missing` when it is not theirs (or unknown),
 * `already` when it was read before (the first reading time is kept).
 */
export async function markNotificationRead(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  id: string,
  at: string,
): Promise<'read' | 'already' | 'missing'> {
  const mine = await db
    .selectFrom('notifications')
    .select('read_at')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!mine) return 'missing';
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? 'read' : 'already';
}

export async function markAllNotificationsRead(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
