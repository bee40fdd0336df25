/**
 * Wall-clock readings of instants in IANA time zones, from the runtime's zone data (Intl):
 * what a clock on the wall in Shanghai or Berlin shows at a given instant, and the zone's
 * offset from UTC then. Quiet hours, report periods and imported local dates all build on it.
 */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building a formatter is costly (it loads zone data); one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of an instant (milliseconds since the epoch) in a time zone. */
export function wallAt(instantMs: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** A wall clock read as if it were UTC, in milliseconds: the arithmetic form of a wall time. */
export function wallMs(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds (east positive). */
export function offsetMsAt(instantMs: number, timeZone: string): number {
  return wallMs(wallAt(instantMs, timeZone)) - Math.floor(instantMs / 1000) * 1000;
}
