import type { Runtime } from '../../src/runtime.js';
import type { BenchConfig } from '../config.js';
import type { BenchTarget } from '../targets.js';

/** What every case gets: the run's database, the app on it, and the server in front. */
export interface CaseEnvironment {
  readonly config: BenchConfig;
  readonly target: BenchTarget;
  readonly runtime: Runtime;
  /** Base URL of the in-process server (loopback). */
  readonly url: string;
}

/**
 * The floor's concurrency: better-sqlite3 is synchronous, so more than one in flight would
 * only queue; a PostgreSQL pool gets the same concurrency as the API load.
 */
export function floorConcurrency(env: CaseEnvironment, apiConcurrency: number): number {
  return env.target.dialect === 'sqlite' ? 1 : apiConcurrency;
}
