import { wallAt, wallMs } from '../wall-clock.js';
import type { WallClock } from '../wall-clock.js';

import type { DateFormat } from './mapping.js';

export type ParsedDate =
  | { readonly ok: true; readonly kind: 'instant'; readonly iso: string }
  | { readonly ok: true; readonly kind: 'wall'; readonly wall: WallClock }
  | { readonly ok: false; readonly code: 'invalid_date' | 'ambiguous_date' };

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?`;
/** ISO-8601 with an offset names an instant; nothing else in a file does. */
const WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const CHINESE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?$/;
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})${TIME}$`);

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
function wall(parts: readonly (string | undefined)[], order: [number, number, number]): ParsedDate {
  const [y, m, d] = order.map((index) => Number(parts[index]));
  const value: WallClock = {
    year: y ?? 0,
    month: m ?? 0,
    day: d ?? 0,
    hour: Number(parts[4] ?? 0),
    minute: Number(parts[5] ?? 0),
    second: Number(parts[6] ?? 0),
  };
  return isValidWall(value)
    ? { ok: true, kind: 'wall', wall: value }
    : { ok: false, code: 'invalid_date' };
}

export function isValidWall(w: WallClock): boolean {
  if (w.year < 1900 || w.year > 9999 || w.month < 1 || w.month > 12 || w.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
  return w.day <= daysInMonth && w.hour < 24 && w.minute < 60 && w.second < 60;
}

/**
 * Reads a date cell. Accepted: ISO-8601 (with an offset it is an instant, without one a
 * wall-clock time), `YYYY/MM/DD` and `YYYY-M-D` (optionally with `HH:mm[:ss]`), Chinese
 * `2026年3月5日`, Excel serial numbers and date cells from XLSX files, and `DD/MM/YYYY` or
 * `MM/DD/YYYY` only when the mapping names that format: 05/03/2026 is not guessed.
 */
export function parseDateCell(
  value: string | number | boolean | Date,
  options: { readonly dateFormat?: DateFormat; readonly excelSerials: boolean },
): ParsedDate {
  if (value instanceof Date) {
    // A spreadsheet date has no zone: its reader puts the wall clock in UTC fields.
    if (Number.isNaN(value.getTime())) return { ok: false, code: 'invalid_date' };
    return wallFromUtcFields(value);
  }
  if (typeof value === 'number') {
    if (!options.excelSerials || !Number.isFinite(value) || value < 1 || value > 2_958_465)
      return { ok: false, code: 'invalid_date' };
    // Serials carry the time of day as a fraction; round to the second Excel displays.
    return wallFromUtcFields(new Date(EXCEL_EPOCH_MS + Math.round(value * 86_400) * 1000));
  }
  if (typeof value === 'boolean') return { ok: false, code: 'invalid_date' };
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    const local = YEAR_FIRST.exec(text.replace(/(?:Z|[+-]\d{2}:?\d{2})$/i, ''));
    if (Number.isNaN(ms) || !local || !wall(local, [1, 2, 3]).ok)
      return { ok: false, code: 'invalid_date' };
    return { ok: true, kind: 'instant', iso: new Date(ms).toISOString() };
  }
  const yearFirst = YEAR_FIRST.exec(text) ?? CHINESE.exec(text);
  if (yearFirst) return wall(yearFirst, [1, 2, 3]);
  const yearLast = YEAR_LAST.exec(text);
  if (yearLast) {
    if (!options.dateFormat) return { ok: false, code: 'ambiguous_date' };
    return wall(yearLast, options.dateFormat === 'DD/MM/YYYY' ? [3, 2, 1] : [3, 1, 2]);
  }
  return { ok: false, code: 'invalid_date' };
}

function wallFromUtcFields(date: Date): ParsedDate {
  const value: WallClock = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
  return isValidWall(value)
    ? { ok: true, kind: 'wall', wall: value }
    : { ok: false, code: 'invalid_date' };
}

/**
 * The instant a wall-clock time names in a time zone (the tenant's): a deal "closed on
 * 2026-03-05" in Shanghai closed at 2026-03-04T16:00Z. In a gap (daylight saving), the
 * offset before the gap applies.
 */
export function wallToInstant(w: WallClock, timeZone: string): string {
  const guess = wallMs(w);
  const first = guess - (wallMs(wallAt(guess, timeZone)) - guess);
  const offset = wallMs(wallAt(first, timeZone)) - first;
  return new Date(guess - offset).toISOString();
}

export function toInstant(parsed: ParsedDate & { ok: true }, timeZone: string): string {
  return parsed.kind === 'instant' ? parsed.iso : wallToInstant(parsed.wall, timeZone);
}

/** A calendar date (YYYY-MM-DD) as the tenant's calendar shows it. */
export function toCalendarDate(parsed: ParsedDate & { ok: true }, timeZone: string): string {
  const w = parsed.kind === 'wall' ? parsed.wall : wallAt(Date.parse(parsed.iso), timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
