import { performance } from 'node:perf_hooks';
import { measurement } from './stats.js';
import type { Measurement } from './stats.js';

export interface LoadOptions {
  /** Operations to run: the loop never goes beyond this. */
  readonly count: number;
  /** Operations in flight at once. */
  readonly concurrency: number;
  /** No new operation starts after this many seconds (the phase is then reported short). */
  readonly maxSeconds: number;
}

export interface LoadResult {
  readonly measurement: Measurement;
  /** True when the time bound stopped the phase before `count` operations. */
  readonly truncated: boolean;
}

/**
 * Runs `task(0 … count-1)` with at most `concurrency` in flight, recording each one's
 * latency. The first failure stops every worker and is rethrown: a benchmark that counts
 * errors as fast answers would flatter the code under test.
 */
export async function runBounded(
  options: LoadOptions,
  task: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  let next = 0;
  const failures: unknown[] = [];
  let truncated = false;

  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < options.count) {
      if (performance.now() > deadline) {
        truncated = true;
        return;
      }
      const index = next++;
      const begin = performance.now();
      try {
        await task(index);
      } catch (error) {
        failures.push(error);
        return;
      }
      latencies.push(performance.now() - begin);
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency, options.count));
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (failures.length > 0) throw failures[0];
  return { measurement: measurement(latencies, seconds), truncated };
}

/**
 * Unmeasured operations before a measured phase, at the phase's concurrency so that every
 * socket and pooled connection the phase will use is already open.
 */
export async function warmUp(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  if (count > 0) await runBounded({ count, concurrency, maxSeconds: 60 }, task);
}
