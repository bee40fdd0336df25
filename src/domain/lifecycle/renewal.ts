import type { Locale } from '../tenancy/tenant.js';

/** Default lead time: a renewal deal opens this many days before its contract ends. */
export const DEFAULT_RENEWAL_LEAD_DAYS = 90;
/** The most a tenant may choose (ten years; longer than any contract term we have seen). */
export const MAX_RENEWAL_LEAD_DAYS = 3650;

/** The facts of a contract the renewal rule reads. */
export interface RenewalCandidate {
  readonly status: string;
  readonly endDate: string;
  readonly renewalOpportunityId: string | null;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days, in UTC so no zone shifts it. */
export function addCalendarDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The last end date that is due for renewal on `today`: a contract is due once
 * end_date − leadDays ≤ today, i.e. end_date ≤ today + leadDays. Null when renewals are off
 * (lead days 0). Lets SQL select due contracts with one comparison on the indexed end date.
 */
export function renewalHorizon(today: string, leadDays: number): string | null {
  return leadDays <= 0 ? null : addCalendarDays(today, leadDays);
}

/**
 * Whether the sweep opens a renewal for the contract today: active, not renewed yet, and
 * within the lead time of its end (an end already passed still counts — the sweep may have
 * been off, and a lapsed customer is the one most worth a call).
 */
export function isRenewalDue(contract: RenewalCandidate, today: string, leadDays: number): boolean {
  const horizon = renewalHorizon(today, leadDays);
  return (
    horizon !== null &&
    contract.status === 'active' &&
    contract.renewalOpportunityId === null &&
    contract.endDate <= horizon
  );
}

/** The renewal deal's name, in the tenant's language: "C-000042 renewal" / "C-000042 续约". */
export function renewalName(contractNumber: string, locale: Locale): string {
  return locale === 'zh-CN' ? `${contractNumber} 续约` : `${contractNumber} renewal`;
}
