import type { CompanySize } from '../accounts/account.js';
import type { DeadlineLevel } from '../pools/deadlines.js';
import type { Lifecycle } from '../pools/pool-rules.js';
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
  /** The language the lead prefers (BCP 47, e.g. zh, en): routes to reps who speak it. */
  readonly language: string | null;
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
  readonly lifecycle: Lifecycle;
  readonly ownedSince: string | null;
  readonly deadlineAt: string | null;
  readonly deadlineLevel: DeadlineLevel;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}

/**
 * A lead as stored, with the score the tenant's rules gave it when it last changed (see
 * `scoring.ts`). Bulk writers (imports, demo data) store plain leads, left at 0 until the
 * lead is next edited or `pipewright lead score --all` runs.
 */
export interface ScoredLead extends Lead {
  /** 0–100. */
  readonly score: number;
}
