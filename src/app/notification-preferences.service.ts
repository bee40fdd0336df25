import { notFound } from '../domain/errors.js';
import type { NotificationPreferences } from '../domain/notifications/preferences.js';
import { defaultPreferences } from '../domain/notifications/preferences.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  findPreferences,
  findRecipient,
  savePreferences,
} from '../store/notification-preferences.repo.js';
import { actingUser, authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { dbFor, inTransaction } from './transaction.js';

/** A user's preferences as shown: the defaults until they save some (`version` 0). */
export interface PreferencesView {
  readonly userId: string;
  readonly preferences: NotificationPreferences;
  readonly version: number;
}

/** The caller's own notification preferences. */
export async function myNotificationPreferences(
  ctx: AppContext,
  principal: Principal,
): Promise<PreferencesView> {
  return preferencesOf(ctx, principal.tenantId, actingUser(principal));
}

/** Someone's preferences: one's own, or anyone's for an admin (to help them set it up). */
export async function userNotificationPreferences(
  ctx: AppContext,
  principal: Principal,
  userId: string,
): Promise<PreferencesView> {
  if (principal.userId !== userId) authorize(principal, 'users.manage');
  if (!(await findRecipient(dbFor(ctx), principal.tenantId, userId))) throw notFound('user');
  return preferencesOf(ctx, principal.tenantId, userId);
}

async function preferencesOf(
  ctx: AppContext,
  tenantId: string,
  userId: string,
): Promise<PreferencesView> {
  const stored = await findPreferences(dbFor(ctx), tenantId, userId);
  return {
    userId,
    preferences: stored?.preferences ?? defaultPreferences,
    version: stored?.version ?? 0,
  };
}

/** Replaces the caller's preferences whole (a PUT: what is sent is what holds). Audited. */
export async function setMyNotificationPreferences(
  ctx: AppContext,
  principal: Principal,
  preferences: NotificationPreferences,
): Promise<PreferencesView> {
  const userId = actingUser(principal);
  return inTransaction(ctx, async (trx) => {
    const before = await findPreferences(trx, principal.tenantId, userId);
    const version = await savePreferences(
      trx,
      principal.tenantId,
      userId,
      preferences,
      nowIso(ctx),
    );
    await recordAudit(trx, ctx, principal, {
      entityType: 'notification_preferences',
      entityId: userId,
      action: before ? 'update' : 'create',
      before: before?.preferences ?? null,
      after: preferences,
    });
    return { userId, preferences, version };
  });
}
