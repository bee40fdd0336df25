import { DomainError } from './errors.js';

/**
 * Money is an integer count of the currency's minor unit (fen, cent, yen) plus an ISO 4217
 * code. Never a float: sums over a million deals must come out to the fen.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

/** Minor-unit exponent per supported currency (ISO 4217). */
const minorUnitDigits = {
  CNY: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  TWD: 2,
  SGD: 2,
  AUD: 2,
  CAD: 2,
  CHF: 2,
  JPY: 0,
  KRW: 0,
} as const;

export type CurrencyCode = keyof typeof minorUnitDigits;

export const currencyCodes = Object.keys(minorUnitDigits) as [CurrencyCode, ...CurrencyCode[]];

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(minorUnitDigits, value);
}

export function minorDigits(currency: CurrencyCode): number {
  return minorUnitDigits[currency];
}

/** Largest amount we accept: comfortably inside Number.MAX_SAFE_INTEGER even when summed. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000_000;

export function money(amountMinor: number, currency: CurrencyCode): Money {
  if (!Number.isSafeInteger(amountMinor) || Math.abs(amountMinor) > MAX_AMOUNT_MINOR) {
    throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  }
  return { amountMinor, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new DomainError('currency_mismatch', { left: a.currency, right: b.currency });
  }
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/**
 * Parses a decimal string ("1,234.50", "-12", "3.1") into minor units without going
 * through floating point, rejecting more fraction digits than the currency has.
 */
export function parseDecimalToMinor(text: string, currency: CurrencyCode): number | undefined {
  const cleaned = text.trim().replace(/[,\s_]/g, '');
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = minorDigits(currency);
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > digits) return undefined;
  const minor =
    BigInt(whole) * 10n ** BigInt(digits) + BigInt(trimmedFraction.padEnd(digits, '0') || '0');
  const signed = sign === '-' ? -minor : minor;
  if (signed > BigInt(MAX_AMOUNT_MINOR) || signed < -BigInt(MAX_AMOUNT_MINOR)) return undefined;
  return Number(signed);
}

/** Formats minor units as a plain decimal string ("1234.50"), for exports and logs. */
export function formatMinor(amountMinor: number, currency: CurrencyCode): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}
