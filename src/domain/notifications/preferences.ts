import type { QuietHours } from './quiet-hours.js';

/**
 * What each user wants to hear about, and where. Every notice always lands in the in-app
 * inbox; preferences add channels on top of it, per group of notification kinds, and quiet
 * hours that hold those extra channels back. A personal bot webhook is not offered: bots
 * are group endpoints an admin configures (docs/deliveries.md), not per-person addresses.
 */
export const notificationGroups = [
  /** Follow-up reminders: due soon, and overdue. */
  'follow_up',
  /** A manager hears that someone in the team let a deadline slip. */
  'escalation',
  /** Records given to you or taken back to the public pool. */
  'ownership',
  /** Approval requests and their decisions. */
  'approval',
  /** Notices sent by automation rules, and anything else. */
  'automation',
] as const;
export type NotificationGroup = (typeof notificationGroups)[number];

/** Channels a user may add besides in-app (which is always on). */
export const extraChannels = ['email'] as const;
export type ExtraChannel = (typeof extraChannels)[number];

export interface NotificationPreferences {
  readonly channels: Readonly<Record<NotificationGroup, readonly ExtraChannel[]>>;
  /** Null: no quiet hours. */
  readonly quietHours: QuietHours | null;
  /** The zone quiet hours are read in; null: the tenant's. */
  readonly timeZone: string | null;
}

/**
 * Until a user says otherwise: in-app only. E-mail is opt-in because a tenant without an
 * SMTP server would otherwise collect a dead letter for every notice.
 */
export const defaultPreferences: NotificationPreferences = {
  channels: { follow_up: [], escalation: [], ownership: [], approval: [], automation: [] },
  quietHours: null,
  timeZone: null,
};

const groupOfKind: Readonly<Record<string, NotificationGroup>> = {
  follow_up_reminder: 'follow_up',
  follow_up_due: 'follow_up',
  follow_up_escalated: 'escalation',
  recycled: 'ownership',
  assigned: 'ownership',
};

/**
 * The group of a notification kind. Kinds are matched by name so that kinds added by other
 * features fall somewhere sensible: `approval…` kinds are approvals, the rest automation.
 */
export function groupOf(kind: string): NotificationGroup {
  const known = groupOfKind[kind];
  if (known) return known;
  return kind.startsWith('approval') ? 'approval' : 'automation';
}

/** The channels besides in-app a notice of this kind goes to for this user. */
export function channelsFor(
  preferences: NotificationPreferences,
  kind: string,
): readonly ExtraChannel[] {
  return preferences.channels[groupOf(kind)];
}

/** Stored preferences may predate a group: fill what is missing from the defaults. */
export function preferencesWithDefaults(
  stored: Partial<NotificationPreferences> | null | undefined,
): NotificationPreferences {
  return {
    channels: { ...defaultPreferences.channels, ...stored?.channels },
    quietHours: stored?.quietHours ?? null,
    timeZone: stored?.timeZone ?? null,
  };
}
