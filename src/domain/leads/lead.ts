import type { CompanySize } from '../accounts/account.js';
import type { Money } from '../money.js';

/** new → contacted → MQL → SQL → converted, or disqualified (with a reason) at any point. */
export const leadStatuses = [
  'new',
  'contacted',
  'mql',
  'sql',
  'converted',
  'disqualified',
] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const leadSources = [
  'website',
  'advertising',
  'event',
  'referral',
  'cold_outreach',
  'partner',
  'social',
  'import',
  'other',
] as const;
export type LeadSource = (typeof leadSources)[number];

export interface Lead {
  readonly id: string;
  /** The person we talk to. */
  readonly name: string;
  readonly company: string | null;
  readonly title: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly industry: string | null;
  readonly region: string | null;
  readonly size: CompanySize | null;
  readonly source: LeadSource;
  readonly campaign: string | null;
  readonly status: LeadStatus;
  readonly disqualifyReason: string | null;
  /** BANT: budget, authority (who decides), need, timeline (when they will buy). */
  readonly bantBudget: Money | null;
  readonly bantAuthority: string | null;
  readonly bantNeed: string | null;
  readonly bantTimeline: string | null;
  /** Exactly one of owner (private pool) or pool (public pool) is set. */
  readonly ownerId: string | null;
  readonly poolId: string | null;
  readonly convertedOpportunityId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}
