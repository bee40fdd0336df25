import { wallAt, wallMs } from '../wall-clock.js';

/**
 * Quiet hours: a daily window of local time (e.g. 21:00–08:00) in which a user wants no
 * e-mail. Deliveries created inside the window wait for its end; in-app notices never wait.
 * Pure: takes the instant and the zone, and works in the zone's wall-clock time, so a
 * window keeps its local hours across a daylight-saving change.
 */
export interface QuietHours {
  /** Local wall-clock time `HH:MM` (24-hour) the window opens. */
  readonly start: string;
  /** Local time it closes; earlier than `start` means the window crosses midnight. */
  readonly end: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which a window OPENS; empty: every day. */
  readonly days: readonly number[];
}

export const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

interface LocalTime {
  /** Days since 1970-01-01 of the local calendar date (a plain day number, no zone). */
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minute: number;
}

function localTime(instant: number, timeZone: string): LocalTime {
  const wall = wallAt(instant, timeZone);
  return {
    day: Math.floor(wallMs({ ...wall, hour: 0, minute: 0, second: 0 }) / (DAY_MINUTES * MINUTE_MS)),
    minute: wall.hour * 60 + wall.minute,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localTime(instant, timeZone);
  const wall = (local.day * DAY_MINUTES + local.minute) * MINUTE_MS;
  return wall - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

/**
 * The instant a local wall-clock time happens. Two passes settle the offset on either side
 * of a daylight-saving change; a time the change skips (02:30 on a spring-forward night)
 * comes out an hour later, which is when such a window really ends.
 */
function instantOf(day: number, minute: number, timeZone: string): number {
  const wall = (day * DAY_MINUTES + minute) * MINUTE_MS;
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** ISO weekday (1 = Monday) of a day number (day 0, 1970-01-01, was a Thursday). */
function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * When the quiet window containing `now` ends, or null when `now` is not in one. A window
 * crossing midnight belongs to the day it opened (Friday 22:00–07:00 is quiet on Saturday
 * morning too, when Friday is one of its days).
 */
export function quietUntil(now: Date, quiet: QuietHours, timeZone: string): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const local = localTime(now.getTime(), timeZone);
  const opensOn = (day: number) => quiet.days.length === 0 || quiet.days.includes(weekday(day));
  let endsOn: number | null = null;
  if (start < end) {
    if (local.minute >= start && local.minute < end && opensOn(local.day)) endsOn = local.day;
  } else if (local.minute >= start && opensOn(local.day)) {
    endsOn = local.day + 1;
  } else if (local.minute < end && opensOn(local.day - 1)) {
    endsOn = local.day;
  }
  if (endsOn === null) return null;
  const until = instantOf(endsOn, end, timeZone);
  // A window ending in a skipped hour can resolve to a moment already past: send now then.
  return until > now.getTime() ? new Date(until) : null;
}
