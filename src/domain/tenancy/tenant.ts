import type { CurrencyCode } from '../money.js';
import type { TenantSettings } from './settings.js';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export interface Tenant {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly locale: Locale;
  /** IANA zone used to bucket dates (months, quarters) for this tenant's reports. */
  readonly timeZone: string;
  readonly defaultCurrency: CurrencyCode;
  readonly settings: TenantSettings;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Slugs appear in URLs and CLI arguments, so keep them boring. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
