import { DAY_MS } from '../../days.js';

/**
 * What the learned win probability looks at. A deal becomes eight categorical values, the
 * same way whether it is closed (a training example) or open (to be scored): a closed deal
 * is described as it stood in the last open stage before it closed, so the model learns
 * from deals in the situation open deals are in now.
 */
export const winFeatures = [
  'stage',
  'source',
  'industry',
  'size',
  'product',
  'owner',
  'age_in_stage',
  'activities',
] as const;
export type WinFeature = (typeof winFeatures)[number];

/** A feature value per feature; a missing value is a value of its own (`NONE`). */
export type FeatureValues = Readonly<Record<WinFeature, string>>;

/** The value of a feature the deal does not have (no source, no industry, no product). */
export const NONE = '-';

/** One deal as the feature query reads it (`store/analytics/win-features.sql.ts`). */
export interface WinFeatureRow {
  readonly id: string;
  readonly status: 'open' | 'won' | 'lost';
  /** Open deal: its stage; closed deal: the last open stage it was in (null: never was). */
  readonly stageId: string | null;
  /** That stage's own win probability, percent (the baseline the model is compared with). */
  readonly stageProbability: number | null;
  readonly source: string | null;
  readonly industry: string | null;
  readonly size: string | null;
  /** Product type of the deal's largest product line. */
  readonly productType: string | null;
  readonly ownerId: string;
  /** When the deal entered that stage. */
  readonly stageSince: string | null;
  /** When it left it (closed deals); null for an open deal, which is still there at `now`. */
  readonly stageUntil: string | null;
  /** Activities logged on the deal (before it closed, for a closed deal). */
  readonly activityCount: number;
}

/** Upper bounds (inclusive, whole days) of the age-in-stage buckets; beyond the last: `90+`. */
const AGE_BOUNDS = [7, 30, 90] as const;
/** Upper bounds (inclusive) of the activity-count buckets; beyond the last: `11+`. */
const ACTIVITY_BOUNDS = [0, 2, 5, 10] as const;

/**
 * Continuous measures become a few buckets: naive Bayes counts values, and a bucket keeps
 * enough deals in each cell to count on. Labels read as ranges: `0-7`, `8-30`, `90+`.
 */
function bucket(value: number, bounds: readonly number[]): string {
  let low = 0;
  for (const high of bounds) {
    if (value <= high) return low === high ? String(high) : `${low}-${high}`;
    low = high + 1;
  }
  return `${low}+`;
}

export function ageBucket(days: number): string {
  return bucket(Math.max(0, days), AGE_BOUNDS);
}

export function activityBucket(count: number): string {
  return bucket(Math.max(0, count), ACTIVITY_BOUNDS);
}

/** Whole days between two instants (ISO-8601), rounded down; 0 when either is unknown. */
export function wholeDays(since: string | null, until: string): number {
  if (since === null) return 0;
  return Math.max(0, Math.floor((Date.parse(until) - Date.parse(since)) / DAY_MS));
}

/** A deal's feature values; `now` ages an open deal that is still in its stage. */
export function featuresOf(row: WinFeatureRow, now: string): FeatureValues {
  const text = (value: string | null) => (value === null || value === '' ? NONE : value);
  return {
    stage: text(row.stageId),
    source: text(row.source),
    industry: text(row.industry),
    size: text(row.size),
    product: text(row.productType),
    owner: row.ownerId,
    age_in_stage: ageBucket(wholeDays(row.stageSince, row.stageUntil ?? now)),
    activities: activityBucket(row.activityCount),
  };
}
