/**
 * Today's bounds in the tenant's time zone as UTC instants, for filters like "due today".
 * The zone's offset is read from Intl at the given moment (exact except across a DST
 * change within the day, where it is off by that hour at most).
 */
export function tenantDay(now: Date, timeZone: string): { start: Date; end: Date } {
  const { y, m, d, offsetMs } = wallClock(now, timeZone);
  return {
    start: new Date(Date.UTC(y, m, d) - offsetMs),
    end: new Date(Date.UTC(y, m, d + 1) - offsetMs),
  };
}

/**
 * A calendar date (YYYY-MM-DD) at an hour of the day in the tenant's time zone, as an
 * instant: a follow-up picked as "on the 3rd" is due at that hour there, wherever the user is.
 */
export function tenantDateAt(date: string, hour: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  // The zone's offset on that day (read at noon UTC, which every zone places near that day).
  const { offsetMs } = wallClock(new Date(Date.UTC(y, m - 1, d, 12)), timeZone);
  return new Date(Date.UTC(y, m - 1, d, hour) - offsetMs);
}

function wallClock(
  now: Date,
  timeZone: string,
): { y: number; m: number; d: number; offsetMs: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const y = part('year');
  const m = part('month') - 1;
  const d = part('day');
  const wall = Date.UTC(y, m, d, part('hour'), part('minute'), part('second'));
  const offsetMs = wall - Math.floor(now.getTime() / 1000) * 1000;
  return { y, m, d, offsetMs };
}
