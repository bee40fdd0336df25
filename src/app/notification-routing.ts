import type { Kysely } from 'kysely';
import type { NotificationFacts } from '../domain/notifications/notification.js';
import { channelsFor } from '../domain/notifications/preferences.js';
import { quietUntil } from '../domain/notifications/quiet-hours.js';
import { locales } from '../domain/tenancy/tenant.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import { notificationEmail } from '../i18n/notification-email.js';
import { findRecipient } from '../store/notification-preferences.repo.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';
import { enqueueDelivery } from './outbox/outbox.service.js';

/**
 * Sends a new in-app notice on to the other channels its recipient asked for, inside the
 * same transaction (the copies exist exactly when the notice does). Outside channels wait
 * out the recipient's quiet hours: the delivery's first attempt is set to the window's end.
 * No kind bypasses quiet hours — the user chose them, and nothing in a CRM is an emergency
 * the in-app inbox (never delayed) cannot carry. The idempotency key is derived from the
 * notice's dedupe key, so a retried caller enqueues each copy once.
 */
export async function routeNotice(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  notice: {
    readonly userId: string;
    readonly facts: NotificationFacts;
    readonly dedupeKey: string;
  },
): Promise<void> {
  const recipient = await findRecipient(trx, tenantId, notice.userId);
  if (!recipient || !recipient.active) return;
  const channels = channelsFor(recipient.preferences, notice.facts.kind);
  if (channels.length === 0) return;
  const { quietHours, timeZone } = recipient.preferences;
  const until = quietHours
    ? quietUntil(ctx.clock.now(), quietHours, timeZone ?? recipient.tenantTimeZone)
    : null;
  const locale: Locale = (locales as readonly string[]).includes(recipient.locale)
    ? (recipient.locale as Locale)
    : 'en';
  for (const channel of channels) {
    switch (channel) {
      case 'email':
        await enqueueDelivery(trx, ctx, tenantId, {
          channel: 'email',
          target: recipient.email,
          payload: notificationEmail(notice.facts, locale),
          idempotencyKey: `notice:${notice.dedupeKey}:${notice.userId}:email`,
          ...(until ? { notBefore: until.toISOString() } : {}),
        });
        break;
    }
  }
}
