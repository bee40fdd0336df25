import { z } from 'zod';
import { extraChannels, notificationGroups } from '../../domain/notifications/preferences.js';
import { CLOCK_TIME } from '../../domain/notifications/quiet-hours.js';
import { isValidTimeZone } from '../../domain/tenancy/tenant.js';
import { Id } from './common.js';

const Channels = z
  .array(z.enum(extraChannels))
  .max(extraChannels.length)
  .refine((list) => new Set(list).size === list.length, { message: 'a channel is listed twice' })
  .describe('Channels besides in-app (always on); empty: in-app only');

const ClockTime = z.string().regex(CLOCK_TIME).describe('Local time HH:MM, 24-hour');

const QuietHours = z
  .strictObject({
    start: ClockTime.describe('When the quiet window opens (local time)'),
    end: ClockTime.describe('When it closes; earlier than start: it crosses midnight'),
    days: z
      .array(z.number().int().min(1).max(7))
      .max(7)
      .refine((list) => new Set(list).size === list.length, { message: 'a day is listed twice' })
      .default([])
      .describe('ISO weekdays (1 = Monday) on which the window opens; empty: every day'),
  })
  .refine((quiet) => quiet.start !== quiet.end, {
    message: 'start and end must differ',
    path: ['end'],
  })
  .meta({ id: 'QuietHours' });

const ChannelsByGroup = z.strictObject(
  Object.fromEntries(notificationGroups.map((group) => [group, Channels])) as Record<
    (typeof notificationGroups)[number],
    typeof Channels
  >,
);

export const NotificationPreferencesInput = z
  .strictObject({
    channels: ChannelsByGroup.partial().describe(
      'Per group: follow_up (reminders, overdue), escalation (your team slipped), ownership (assigned, recycled), approval, automation (rules and the rest); a group left out: in-app only',
    ),
    quietHours: QuietHours.nullable().describe(
      'E-mail waits until the window ends (in-app notices never wait); null: none',
    ),
    timeZone: z
      .string()
      .max(64)
      .refine(isValidTimeZone, { message: 'unknown IANA time zone' })
      .nullable()
      .optional()
      .describe('IANA zone quiet hours are read in; null or left out: the tenant’s'),
  })
  .meta({ id: 'NotificationPreferencesChange' });

export const NotificationPreferencesView = z
  .object({
    userId: Id,
    channels: ChannelsByGroup,
    quietHours: z
      .object({
        start: z.string(),
        end: z.string(),
        days: z.array(z.number().int()),
      })
      .nullable(),
    timeZone: z.string().nullable(),
    version: z.number().int().describe('0 until the user saves preferences (defaults shown)'),
  })
  .meta({ id: 'NotificationPreferences' });
