/**
 * Latency and throughput summaries. Percentiles are nearest-rank over every recorded
 * operation (no sampling, no interpolation), so p99 of 300 requests is the 297th slowest.
 */
export interface LatencySummary {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** One measured phase: `ops` operations in `seconds` of wall-clock time. */
export interface Measurement {
  readonly ops: number;
  readonly seconds: number;
  readonly opsPerSecond: number;
  /** Wall time per operation (1 / throughput), in milliseconds. */
  readonly msPerOp: number;
  /** Per-operation latencies in milliseconds. */
  readonly latency: LatencySummary;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarise(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function measurement(latenciesMs: readonly number[], seconds: number): Measurement {
  const ops = latenciesMs.length;
  return {
    ops,
    seconds,
    opsPerSecond: ops / seconds,
    msPerOp: (seconds * 1000) / ops,
    latency: summarise(latenciesMs),
  };
}

/** How many times the floor's wall time per operation the API needs (≥ 1 is expected). */
export function slowdown(api: Measurement, floor: Measurement): number {
  return api.msPerOp / floor.msPerOp;
}
