import type { Locale } from './catalogue';

export interface MoneyValue {
  readonly amountMinor: number;
  readonly currency: string;
}

/** How many minor-unit digits a currency has (CNY 2, JPY 0): minor = major × 10^digits. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** A major-unit number typed by the user (12.5) as the API's minor units (1250). */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

/** The API's minor units as the number the user typed. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** Integer minor units to a localised amount; the currency's own decimals (JPY has none). */
export function formatMoney(locale: Locale, money: MoneyValue): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  return format.format(money.amountMinor / 10 ** currencyDigits(money.currency));
}

export type DateStyle = 'date' | 'dateTime' | 'time';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

/**
 * An instant (ISO-8601) in the tenant's time zone. A calendar date (YYYY-MM-DD) has no
 * zone: it is shown as that date wherever the viewer is.
 */
export function formatDate(
  locale: Locale,
  value: string,
  timeZone: string,
  style: DateStyle = 'date',
): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(locale, { ...OPTIONS.date, timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  return new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone }).format(new Date(value));
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}
