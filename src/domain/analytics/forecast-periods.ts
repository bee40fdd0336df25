import { addDays } from './period.js';

/**
 * The past periods a forecast is checked against: `count` periods "of the same length"
 * ending the day before `from`, most recent first. A period made of whole calendar months
 * (a month, a quarter, a year) steps back by that many months, so Q2 is compared with Q1
 * and Q4, not with 91-day windows that straddle quarters; any other period steps back by
 * its length in days.
 */
export interface LocalPeriod {
  readonly from: string;
  readonly to: string;
}

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

function monthStart(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
}

/** Whole months covered by [from, to], or null when the period is not month-aligned. */
export function wholeMonths(period: LocalPeriod): number | null {
  const [fy, fm, fd] = parts(period.from);
  const [ty, tm] = parts(period.to);
  if (fd !== 1) return null;
  if (addDays(period.to, 1) !== monthStart(ty, tm)) return null;
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  return months > 0 ? months : null;
}

export function pastPeriods(period: LocalPeriod, count: number): LocalPeriod[] {
  const result: LocalPeriod[] = [];
  const months = wholeMonths(period);
  const [fy, fm] = parts(period.from);
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
  for (let k = 1; k <= count; k++) {
    if (months !== null) {
      const from = monthStart(fy, fm - 1 - k * months);
      const to = addDays(monthStart(fy, fm - 1 - (k - 1) * months), -1);
      result.push({ from, to });
    } else {
      result.push({
        from: addDays(period.from, -k * days),
        to: addDays(period.from, -(k - 1) * days - 1),
      });
    }
  }
  return result;
}
