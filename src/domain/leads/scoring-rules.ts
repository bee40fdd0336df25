import type { CompanySize } from '../accounts/account.js';
import type { LeadSource } from './lead.js';

/**
 * A tenant's lead-scoring rules, as plain data an admin edits. Each rule that matches a
 * lead adds its points (negative points are allowed, e.g. for a source that rarely buys);
 * the score is the sum, kept within 0–100 so scores read the same across tenants.
 */
export const icpFields = ['industry', 'region', 'size'] as const;
export type IcpField = (typeof icpFields)[number];

export const bantAnswers = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantAnswer = (typeof bantAnswers)[number];

export type ScoringRule =
  /** Where the lead came from: points per source. */
  | { readonly kind: 'source'; readonly source: LeadSource; readonly points: number }
  /** Fit to the ideal customer profile: the lead's industry or region is one of `values`. */
  | {
      readonly kind: 'industry' | 'region';
      readonly values: readonly string[];
      readonly points: number;
    }
  | { readonly kind: 'size'; readonly values: readonly CompanySize[]; readonly points: number }
  /** A BANT answer is on record. */
  | { readonly kind: 'bant'; readonly answer: BantAnswer; readonly points: number }
  /** Engagement: points for each activity on the lead in the last `withinDays`, capped. */
  | {
      readonly kind: 'activity_count';
      readonly withinDays: number;
      readonly pointsEach: number;
      readonly maxPoints: number;
    }
  /** Recency: at least one activity on the lead in the last `withinDays`. */
  | { readonly kind: 'recent_activity'; readonly withinDays: number; readonly points: number };

export type ScoringRuleKind = ScoringRule['kind'];
export const scoringRuleKinds = [
  'source',
  'industry',
  'region',
  'size',
  'bant',
  'activity_count',
  'recent_activity',
] as const satisfies readonly ScoringRuleKind[];

export const MIN_SCORE = 0;
export const MAX_SCORE = 100;

/**
 * What a tenant starts with: referrals and partners buy most often, every BANT answer is
 * worth the same, and a lead someone is actually talking to ranks above one nobody is.
 * No ICP lists: which industries and regions fit is each tenant's own knowledge (size
 * gets a start, since mid-sized and larger companies fit most B2B offers).
 */
export const defaultScoringRules: readonly ScoringRule[] = [
  { kind: 'source', source: 'referral', points: 20 },
  { kind: 'source', source: 'partner', points: 15 },
  { kind: 'source', source: 'event', points: 10 },
  { kind: 'source', source: 'website', points: 10 },
  { kind: 'source', source: 'advertising', points: 5 },
  { kind: 'source', source: 'social', points: 5 },
  { kind: 'size', values: ['medium', 'large', 'enterprise'], points: 10 },
  { kind: 'bant', answer: 'budget', points: 10 },
  { kind: 'bant', answer: 'authority', points: 10 },
  { kind: 'bant', answer: 'need', points: 10 },
  { kind: 'bant', answer: 'timeline', points: 10 },
  { kind: 'activity_count', withinDays: 30, pointsEach: 5, maxPoints: 15 },
  { kind: 'recent_activity', withinDays: 7, points: 5 },
];
