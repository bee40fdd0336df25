/**
 * Day arithmetic for rules that speak in days ("14 days in stage"). Instants are UTC; a
 * day is 24 hours counted from the instant itself, so the count does not jump at a
 * midnight in some zone, and both databases and every server agree on it.
 */
export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`, rounded down; an instant in the future counts as 0. */
export function wholeDaysBetween(from: string, to: Date): number {
  const elapsed = to.getTime() - Date.parse(from);
  return elapsed <= 0 ? 0 : Math.floor(elapsed / DAY_MS);
}

/** The instant exactly `days` days before `now`. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/**
 * The latest instant that is more than `days` whole days before `now`: an instant `t`
 * has `wholeDaysBetween(t, now) > days` exactly when `t <= moreThanDaysBefore(now, days)`.
 * Lets SQL filter with a plain comparison that both dialects evaluate the same way.
 */
export function moreThanDaysBefore(now: Date, days: number): string {
  return daysBefore(now, days + 1);
}

/** The calendar date (YYYY-MM-DD) an instant falls on in an IANA time zone. */
export function calendarDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: 'year' | 'month' | 'day') =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
