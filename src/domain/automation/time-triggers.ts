import type { Trigger } from './rule.js';

/**
 * When the time sweep raises a time trigger, and under which dedupe key: one event per
 * (rule, record, period), so a sweep that runs again (or on two workers) fires nothing twice.
 */

const DAY_MS = 86_400_000;

/**
 * The period a scheduled trigger is due for at `now`, or null before its first moment:
 * daily → the day (`2026-11-24`) from `hourUtc`; weekly → the Monday of the week, from
 * `hourUtc` on `weekday`.
 */
export function scheduledPeriod(
  trigger: Extract<Trigger, { type: 'scheduled' }>,
  now: Date,
): string | null {
  const day = now.toISOString().slice(0, 10);
  if (trigger.every === 'daily') return now.getUTCHours() >= trigger.hourUtc ? day : null;
  const weekday = now.getUTCDay() === 0 ? 7 : now.getUTCDay();
  const wanted = trigger.weekday ?? 1;
  if (weekday < wanted || (weekday === wanted && now.getUTCHours() < trigger.hourUtc)) return null;
  const monday = new Date(Date.parse(`${day}T00:00:00.000Z`) - (weekday - 1) * DAY_MS);
  return `week-${monday.toISOString().slice(0, 10)}`;
}

/** The instant before which the last touch must lie for a deal to be inactive `days` days. */
export function inactiveBefore(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** The dedupe key of a time event: one per rule, record and period. */
export function timeEventKey(ruleId: string, recordId: string, period: string): string {
  return `rule:${ruleId}:${recordId}:${period}`;
}
