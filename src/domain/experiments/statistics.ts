/**
 * The significance tests of the experiment report, pure and dependency-free. Each says
 * "not enough data" (null) below a minimum sample rather than print a p-value nobody should
 * trust. Assumptions and sources: docs/experiments.md.
 */

/** Complementary error function (Numerical Recipes `erfcc`, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** 1.959964…: the 97.5 % quantile of the standard normal, for 95 % intervals. */
export const Z_95 = 1.959963984540054;

/** Below these a test answers "not enough data". */
export const MIN_PROPORTION_SAMPLE = 30;
export const MIN_EXPECTED_COUNT = 5;
export const MIN_RANK_SAMPLE = 10;

export interface ProportionTest {
  /** Treatment rate minus control rate. */
  readonly difference: number;
  readonly z: number;
  readonly pValue: number;
  /** 95 % Wald interval of the difference (unpooled standard error). */
  readonly ci95: readonly [number, number];
}

/**
 * Two-proportion z-test of `b` against the control `a` (pooled standard error under the
 * null of equal rates). Needs n ≥ 30 per group and at least 5 expected successes and
 * failures per group (the normal approximation's usual rule).
 */
export function twoProportionTest(
  a: { readonly successes: number; readonly n: number },
  b: { readonly successes: number; readonly n: number },
): ProportionTest | null {
  if (a.n < MIN_PROPORTION_SAMPLE || b.n < MIN_PROPORTION_SAMPLE) return null;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const smaller = Math.min(a.n, b.n);
  if (smaller * pooled < MIN_EXPECTED_COUNT || smaller * (1 - pooled) < MIN_EXPECTED_COUNT) {
    return null;
  }
  const pa = a.successes / a.n;
  const pb = b.successes / b.n;
  const difference = pb - pa;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const z = difference / se;
  const seDiff = Math.sqrt((pa * (1 - pa)) / a.n + (pb * (1 - pb)) / b.n);
  return {
    difference,
    z,
    pValue: twoSidedP(z),
    ci95: [difference - Z_95 * seDiff, difference + Z_95 * seDiff],
  };
}

export interface RankTest {
  /** U of the treatment sample `b` (the number of pairs where b's value is the larger). */
  readonly u: number;
  readonly z: number;
  readonly pValue: number;
}

/**
 * Mann–Whitney U test of `b` against `a`, two-sided, by the normal approximation with the
 * tie correction of the variance and a continuity correction of 0.5 (as scipy's
 * `mannwhitneyu(method="asymptotic")`). Needs 10 values per group.
 */
export function mannWhitneyTest(a: readonly number[], b: readonly number[]): RankTest | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 < MIN_RANK_SAMPLE || n2 < MIN_RANK_SAMPLE) return null;
  const all = [
    ...a.map((value) => ({ value, b: false })),
    ...b.map((value) => ({ value, b: true })),
  ];
  all.sort((x, y) => x.value - y.value);
  const n = n1 + n2;
  let rankSumB = 0;
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && all[j + 1]?.value === all[i]?.value) j += 1;
    const rank = (i + j + 2) / 2; // ranks are 1-based; ties share their mean rank
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    for (let k = i; k <= j; k += 1) if (all[k]?.b) rankSumB += rank;
    i = j + 1;
  }
  const u = rankSumB - (n2 * (n2 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, pValue: 1 }; // every value equal: no evidence at all
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(u - mean) * distance) / Math.sqrt(variance);
  return { u, z, pValue: twoSidedP(z) };
}

/**
 * Holm's step-down adjustment of p-values for comparing several variants with the control
 * (controls the family-wise error rate; uniformly more powerful than Bonferroni). Returns
 * the adjusted p-values in the input order; nulls (tests not run) stay null and do not count.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((x, y) => x.p - y.p);
  const m = present.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}
