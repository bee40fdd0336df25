export { addDays } from '../domain/analytics/period.js';

/** "Now" for the lead-to-cash demo data: the tenant's today and the instant it runs at. */
export interface L2cClock {
  /** YYYY-MM-DD in the tenant's calendar. */
  readonly today: string;
  readonly nowMs: number;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An instant on `date` at `hour` o'clock UTC, never later than now (a record of today). */
export function atOn(date: string, hour: number, clock: L2cClock): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  return new Date(Math.min(ms, clock.nowMs)).toISOString();
}

/** The earlier / later of two calendar dates. */
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
