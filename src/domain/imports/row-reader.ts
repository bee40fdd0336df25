import { isCurrencyCode, parseDecimalToMinor } from '../money.js';
import type { CurrencyCode } from '../money.js';
import { cellText, isEmptyCell } from './cells.js';
import type { CellValue } from './cells.js';
import { parseDateCell, toCalendarDate, toInstant } from './dates.js';
import type { DateFormat, ImportMapping } from './mapping.js';

/** What is wrong with one cell of one row; rendered in the user's language for reports. */
export interface RowIssue {
  readonly field: string | null;
  readonly code: string;
  /** The offending text as it was in the file, when there is one. */
  readonly value: string | null;
}

/** The mapping's value tables with case-insensitive lookups, prepared once per import. */
export interface PreparedMapping {
  readonly values: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly defaults: Readonly<Record<string, CellValue>>;
  readonly dateFormat: DateFormat | undefined;
}

export const fold = (text: string) => text.trim().toLowerCase();

export function prepareMapping(mapping: ImportMapping): PreparedMapping {
  const values = new Map<string, Map<string, string>>();
  for (const [field, table] of Object.entries(mapping.values ?? {})) {
    const folded = new Map<string, string>();
    for (const [from, to] of Object.entries(table)) folded.set(fold(from), to);
    values.set(field, folded);
  }
  return { values, defaults: mapping.defaults ?? {}, dateFormat: mapping.dateFormat };
}

export interface RowEnvironment {
  readonly mapping: PreparedMapping;
  /** XLSX numbers in date fields are Excel serials; in CSV a bare number is no date. */
  readonly excelSerials: boolean;
  readonly timeZone: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** Symbols and words a spreadsheet puts around an amount; the digits are what we parse. */
const MONEY_DECORATION = /^[¥￥$€£]|元$|[¥￥$€£]$/g;

export const isCreditCode = (text: string) => CREDIT_CODE.test(text);

/**
 * Reads the cells of one row field by field: applies defaults and value mapping, parses
 * and bounds each value, and collects every problem instead of stopping at the first, so
 * the error report tells the whole story of a row.
 */
export class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    private readonly cells: ReadonlyMap<string, CellValue>,
    private readonly env: RowEnvironment,
  ) {}

  fail(field: string | null, code: string, value: CellValue | string = null): null {
    const text = typeof value === 'string' ? value : cellText(value);
    this.issues.push({ field, code, value: text === '' ? null : text });
    return null;
  }

  /** The cell after defaults and value mapping; null when empty. */
  raw(field: string): CellValue {
    let value = this.cells.get(field) ?? null;
    if (isEmptyCell(value)) value = this.env.mapping.defaults[field] ?? null;
    if (isEmptyCell(value)) return null;
    const mapped = this.env.mapping.values.get(field)?.get(fold(cellText(value)));
    return mapped ?? value;
  }

  text(field: string, max = 200, required = false): string | null {
    const text = cellText(this.raw(field));
    if (text === '') return required ? this.fail(field, 'required') : null;
    if (text.length > max) return this.fail(field, 'too_long', text);
    return text;
  }

  email(field: string): string | null {
    const text = this.text(field, 254);
    if (text === null) return null;
    return EMAIL.test(text) ? text.toLowerCase() : this.fail(field, 'invalid_email', text);
  }

  creditCode(field: string): string | null {
    const text = this.text(field, 18);
    if (text === null) return null;
    const code = text.toUpperCase();
    return isCreditCode(code) ? code : this.fail(field, 'invalid_credit_code', text);
  }

  /** Our key, or the same words in any case with spaces or hyphens for underscores. */
  choice<T extends string>(field: string, allowed: readonly T[]): T | null {
    const text = cellText(this.raw(field));
    if (text === '') return null;
    const wanted = fold(text).replace(/[\s-]+/g, '_');
    return allowed.find((value) => value === wanted) ?? this.fail(field, 'invalid_value', text);
  }

  instant(field: string): string | null {
    const parsed = this.date(field);
    return parsed && toInstant(parsed, this.env.timeZone);
  }

  calendarDate(field: string): string | null {
    const parsed = this.date(field);
    return parsed && toCalendarDate(parsed, this.env.timeZone);
  }

  private date(field: string) {
    const value = this.raw(field);
    if (value === null) return null;
    const parsed = parseDateCell(value, {
      excelSerials: this.env.excelSerials,
      ...(this.env.mapping.dateFormat ? { dateFormat: this.env.mapping.dateFormat } : {}),
    });
    return parsed.ok ? parsed : this.fail(field, parsed.code, value);
  }

  currency(field: string, fallback: CurrencyCode): CurrencyCode {
    const text = cellText(this.raw(field)).toUpperCase();
    if (text === '') return fallback;
    if (isCurrencyCode(text)) return text;
    this.fail(field, 'invalid_currency', text);
    return fallback;
  }

  /** Decimal text in the currency, to the minor unit, never through a float. */
  amount(field: string, currency: CurrencyCode): number | null {
    const value = this.raw(field);
    if (value === null) return null;
    // A number cell holds a double; its shortest decimal form is the figure the sheet shows.
    const text =
      typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : cellText(value).replace(MONEY_DECORATION, '').trim();
    const minor = /e/i.test(text) ? undefined : parseDecimalToMinor(text, currency);
    return minor === undefined ? this.fail(field, 'invalid_amount', value) : minor;
  }

  /** A list in one cell, split on commas, semicolons, 、 or |. */
  list(field: string, maxItems = 20, maxLength = 200): string[] {
    const text = cellText(this.raw(field));
    if (text === '') return [];
    const items = text
      .split(/[,;，；、|]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length > maxItems || items.some((item) => item.length > maxLength)) {
      this.fail(field, 'too_long', text);
      return [];
    }
    return items;
  }

  reference(field: string): string | null {
    return this.text(field, 254);
  }
}
