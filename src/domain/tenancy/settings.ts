import type { Strategy } from '../pools/assignment.js';
import { defaultDeadlineRules } from '../pools/deadlines.js';
import type { DeadlineRules } from '../pools/deadlines.js';
import { DEFAULT_RENEWAL_LEAD_DAYS } from '../lifecycle/renewal.js';

/** Tenant-wide rules of the lead-to-customer process, edited by admins. */
export interface TenantSettings {
  readonly deadlines: DeadlineRules;
  /** Contact-frequency cap: at most `max` outreach activities per contact per `perDays`. */
  readonly contactCap: { readonly max: number; readonly perDays: number } | null;
  /** How new leads are assigned when no routing rule matches. */
  readonly assignmentStrategy: Strategy;
  /** Default length of a silence period (静默期) in days. */
  readonly silenceDays: number;
  /** Days before a contract ends that its renewal deal opens; 0: no renewal deals. */
  readonly renewalLeadDays: number;
}

export const defaultTenantSettings: TenantSettings = {
  deadlines: defaultDeadlineRules,
  contactCap: { max: 4, perDays: 30 },
  assignmentStrategy: 'round_robin',
  silenceDays: 90,
  renewalLeadDays: DEFAULT_RENEWAL_LEAD_DAYS,
};

/** Stored settings may predate a field: fill what is missing from the defaults. */
export function withDefaults(stored: Partial<TenantSettings> | null | undefined): TenantSettings {
  return {
    ...defaultTenantSettings,
    ...stored,
    deadlines: { ...defaultDeadlineRules, ...stored?.deadlines },
  };
}
