import { z } from 'zod';
import { Id, TimestampOut } from './common.js';

export const Notification = z
  .object({
    id: Id,
    kind: z
      .enum([
        'follow_up_reminder',
        'follow_up_due',
        'follow_up_escalated',
        'recycled',
        'assigned',
        'automation',
        'receivable_overdue',
      ])
      .describe(
        'follow_up_reminder: a follow-up of yours is due soon; follow_up_due: you missed a follow-up deadline; follow_up_escalated: someone you manage did; recycled: a record of yours went back to the public pool; assigned: someone gave you a record; automation: a rule told you (facts.ruleName, facts.message); receivable_overdue: an installment of your contract is overdue (facts.name is the contract number, the subject its deal)',
      ),
    subjectType: z.enum(['lead', 'account', 'opportunity']),
    subjectId: Id,
    message: z.string().describe('In the reader’s language (Accept-Language, else their profile)'),
    facts: z
      .record(z.string(), z.unknown())
      .describe(
        'What the message is made of (names copied at the time), for clients that word it themselves',
      ),
    createdAt: TimestampOut,
    readAt: TimestampOut.nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('true: only unread ones'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const NotificationPage = z
  .object({
    items: z.array(Notification),
    nextCursor: z.string().nullable(),
    unread: z.number().int().describe('How many of your notifications are unread in all'),
  })
  .meta({ id: 'NotificationPage' });

export const ReadAllResult = z
  .object({ marked: z.number().int().describe('How many were unread and are now read') })
  .meta({ id: 'NotificationsReadAll' });

export const UnreadCount = z
  .object({ unread: z.number().int().describe('How many of your notifications are unread') })
  .meta({ id: 'NotificationUnreadCount' });
