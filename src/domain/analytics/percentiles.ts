/**
 * Summaries of a list of durations (or day counts) the way every report states them:
 * count, total, mean, and percentiles by NEAREST RANK — the value at 1-based position
 * ceil(p·n) of the ascending values, computed as (p100·n + 99) / 100 in integer arithmetic
 * so the SQL version (`store/analytics/percentiles.sql.ts`, row_number() over a window)
 * picks exactly the same element. Nearest rank always answers with a value that occurred;
 * interpolation would invent values and differ between databases.
 */
export interface Summary {
  readonly n: number;
  readonly total: number;
  /** total / n rounded with Math.round (to `decimals` places); null when n = 0. */
  readonly mean: number | null;
  readonly median: number | null;
  readonly p75: number | null;
  readonly p90: number | null;
}

/** The percentiles every summary carries, in percent. */
export const PERCENTILES = [50, 75, 90] as const;

/** 1-based rank of the p100-th percentile among n ascending values (0 when n = 0). */
export function nearestRankPosition(p100: number, n: number): number {
  return Math.floor((p100 * n + 99) / 100);
}

/** The nearest-rank percentile of already ascending values; null when there are none. */
export function nearestRank(ascending: readonly number[], p100: number): number | null {
  if (ascending.length === 0) return null;
  return ascending[nearestRankPosition(p100, ascending.length) - 1] ?? null;
}

/**
 * The mean as every report rounds it: once, at the end, in JS, from the exact integer
 * total (never a database float average, which the two dialects round differently).
 */
export function meanOf(total: number, n: number, decimals = 0): number | null {
  if (n === 0) return null;
  const scale = 10 ** decimals;
  return Math.round((total * scale) / n) / scale;
}

/** A summary from the aggregates the SQL returns (n, total and the three percentiles). */
export function summaryFrom(
  n: number,
  total: number,
  percentiles: { p50: number | null; p75: number | null; p90: number | null },
  decimals = 0,
): Summary {
  return {
    n,
    total,
    mean: meanOf(total, n, decimals),
    median: n === 0 ? null : percentiles.p50,
    p75: n === 0 ? null : percentiles.p75,
    p90: n === 0 ? null : percentiles.p90,
  };
}

/** The reference: summarises integer values in memory. */
export function summarize(values: readonly number[], decimals = 0): Summary {
  const ascending = [...values].sort((a, b) => a - b);
  return summaryFrom(
    ascending.length,
    ascending.reduce((sum, value) => sum + value, 0),
    {
      p50: nearestRank(ascending, 50),
      p75: nearestRank(ascending, 75),
      p90: nearestRank(ascending, 90),
    },
    decimals,
  );
}

/** Whole seconds from one ISO instant to another, as `secondsBetween` gives them in SQL. */
export function secondsFromTo(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 1000);
}

/** Seconds as days with one decimal, a convenience for tables. */
export function secondsAsDays(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 8640) / 10;
}
