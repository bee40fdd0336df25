/**
 * Splits `total` minor units across parts in proportion to their weights so that the shares
 * sum to `total` exactly (largest remainder, Hamilton's method): every part gets the floor of
 * its exact share, then the units left over go to the largest fractional remainders.
 *
 * Ties are broken by the weight (larger first) and then by `tieBreak` (a caller-supplied key,
 * larger first) and only last by position, so that the result — and everything computed from
 * it — does not depend on the order the parts were listed in when they differ at all.
 * Works in BigInt: weight × total can exceed 2^53.
 */
export function allocateLargestRemainder(
  total: number,
  weights: readonly number[],
  tieBreak: readonly number[] = [],
): number[] {
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n);
  if (total === 0 || sum === 0n) return weights.map(() => 0);
  const big = BigInt(total);
  const shares = weights.map((weight) => (big * BigInt(weight)) / sum);
  const remainders = weights.map((weight) => (big * BigInt(weight)) % sum);
  let left = big - shares.reduce((acc, share) => acc + share, 0n);
  const order = weights
    .map((_, index) => index)
    .sort((a, b) => {
      const byRemainder = compareBig(remainders[b] ?? 0n, remainders[a] ?? 0n);
      if (byRemainder !== 0) return byRemainder;
      const byWeight = (weights[b] ?? 0) - (weights[a] ?? 0);
      if (byWeight !== 0) return byWeight;
      const byKey = (tieBreak[b] ?? 0) - (tieBreak[a] ?? 0);
      return byKey !== 0 ? byKey : a - b;
    });
  for (const index of order) {
    if (left <= 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

function compareBig(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
