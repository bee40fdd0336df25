import type { Period } from './period.js';

/**
 * Trends read the daily pipeline snapshots: each bucket (day, week or month of the tenant's
 * calendar) shows the LAST snapshot taken inside it — the pipeline as it stood at the
 * bucket's close — never a sum over days (a deal open all week is one deal, not seven).
 */
export const trendGrains = ['day', 'week', 'month'] as const;
export type TrendGrain = (typeof trendGrains)[number];

export const trendMetrics = ['count', 'amount', 'weighted'] as const;
export type TrendMetric = (typeof trendMetrics)[number];

/** Per bucket, the latest of `snapshotDates` inside it, or null when none was taken there. */
export function lastSnapshotPerBucket(
  buckets: readonly Period[],
  snapshotDates: readonly string[],
): { bucket: Period; snapshotDate: string | null }[] {
  const sorted = [...snapshotDates].sort();
  return buckets.map((bucket) => {
    let last: string | null = null;
    for (const date of sorted) if (date >= bucket.from && date <= bucket.to) last = date;
    return { bucket, snapshotDate: last };
  });
}

export interface TrendCell {
  readonly count: number;
  readonly amountMinor: number;
  readonly weightedMinor: number;
}

/** The figure a metric names, for tables and charts. */
export function metricOf(cell: TrendCell, metric: TrendMetric): number {
  switch (metric) {
    case 'count':
      return cell.count;
    case 'amount':
      return cell.amountMinor;
    case 'weighted':
      return cell.weightedMinor;
  }
}
