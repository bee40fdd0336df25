import type { ForecastCategory } from '../pipeline/pipeline.js';

/**
 * Exact arithmetic for the forecast models. Weighted sums can pass 2^53 at a million deals
 * (amount × basis points), so the SQL returns them as decimal text and both the SQL side and
 * the reference divide once, at the end, in BigInt — and therefore agree to the minor unit.
 */

function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const exact = quotient * denominator === numerator;
  return !exact && numerator < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/** numerator ÷ denominator rounded like Math.round (half up), as a number. */
export function roundRatio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) return 0;
  return Number(floorDiv(2n * numerator + denominator, 2n * denominator));
}

/** A decimal text or number from SQL (or a sum in the reference) as a BigInt; null → 0. */
export function bigOf(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value !== 'string') throw new TypeError('a sum must be a number or decimal text');
  const text = value;
  // pg may print numeric sums with a fractional part of zeros.
  return BigInt(text.includes('.') ? text.slice(0, text.indexOf('.')) : text);
}

/**
 * The category an OPEN deal is forecast in: the rep's call, else the stage's. A stage
 * configured as `closed` while still open counts as commit: the deal is not won yet, and
 * "closed" in the forecast means won in the period.
 */
export function openCategory(
  repCall: string | null,
  stageCategory: ForecastCategory,
): 'commit' | 'best_case' | 'pipeline' | 'omitted' {
  const category = repCall ?? stageCategory;
  switch (category) {
    case 'commit':
    case 'closed':
      return 'commit';
    case 'best_case':
      return 'best_case';
    case 'omitted':
      return 'omitted';
    default:
      return 'pipeline';
  }
}

/** Per-category amounts rolled up as Salesforce does: best case includes commit, pipeline both. */
export interface CategoryTotals {
  readonly commitMinor: number;
  readonly bestCaseMinor: number;
  readonly pipelineMinor: number;
  readonly omittedMinor: number;
}

export function rollUp(amounts: {
  commit: number;
  best_case: number;
  pipeline: number;
  omitted: number;
}): CategoryTotals {
  return {
    commitMinor: amounts.commit,
    bestCaseMinor: amounts.commit + amounts.best_case,
    pipelineMinor: amounts.commit + amounts.best_case + amounts.pipeline,
    omittedMinor: amounts.omitted,
  };
}

/**
 * P(won | stage) as used by the historical model: the empirical share when at least
 * `minSample` closed deals ever visited the stage, else the stage's configured probability.
 */
export interface StageRate {
  /** Closed deals (won + lost) that ever visited the stage. */
  readonly sampleSize: number;
  readonly won: number;
  /** won ÷ sampleSize, null when no sample. */
  readonly rate: number | null;
  /** True when the sample was too small and the stage probability was used instead. */
  readonly fallback: boolean;
}

export function stageRate(sampleSize: number, won: number, minSample: number): StageRate {
  return {
    sampleSize,
    won,
    rate: sampleSize === 0 ? null : won / sampleSize,
    fallback: sampleSize < minSample,
  };
}

/** Σ amount × P(won | stage) for one stage, rounded once. */
export function historicalWeighted(amountMinor: number, rate: StageRate, probability: number) {
  return rate.fallback
    ? roundRatio(BigInt(amountMinor) * BigInt(probability), 100n)
    : roundRatio(BigInt(amountMinor) * BigInt(rate.won), BigInt(rate.sampleSize));
}
