import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/project-root.js';

/**
 * Every knob of `npm run bench`, read from the environment once (see bench/README.md).
 * Each is a bounded integer so that no setting can make a loop run away.
 */
export interface BenchConfig {
  /** PostgreSQL URL to benchmark as well as SQLite, or null for SQLite only. */
  readonly pgUrl: string | null;
  /**
   * Keep each run's database instead of dropping it (`BENCH_KEEP_DB=1`), e.g. to re-measure
   * reports on a million generated deals with `bench/analytics-kept.ts`.
   */
  readonly keepDatabase: boolean;
  readonly create: {
    /** Opportunities created over HTTP (and inserted again by the floor). */
    readonly count: number;
    readonly concurrency: number;
  };
  readonly list: {
    /** Opportunities in the seeded demo tenant. */
    readonly opportunities: number;
    /** First-page requests per variant (and floor selects). */
    readonly requests: number;
    readonly concurrency: number;
    readonly limit: number;
  };
  readonly move: {
    /** Deals in the gated pipeline; each is moved forward three stages (and patched three times). */
    readonly deals: number;
    readonly concurrency: number;
  };
  readonly import: {
    /** Rows of the lead file uploaded once (and inserted again by the floor). */
    readonly rows: number;
  };
  readonly recycle: {
    /** Owned leads in the swept tenant. */
    readonly leads: number;
    /** Of those, leads past their deadline far enough to be recycled (≤ leads). */
    readonly due: number;
    /** Due leads per transaction, on both sides (the sweep's default is 200). */
    readonly batch: number;
  };
  readonly outbox: {
    /** In-app deliveries enqueued and dispatched, on each side. */
    readonly deliveries: number;
    /** Deliveries enqueued per transaction, on both sides. */
    readonly enqueueBatch: number;
    /** Deliveries per dispatch claim, on both sides (the dispatcher's default is 10). */
    readonly batch: number;
  };
  readonly automation: {
    /** Pending `created` events (one per deal) the rules engine processes, on each side. */
    readonly events: number;
    /** Enabled rules every event matches (each notifies the owner). */
    readonly rules: number;
  };
  readonly analytics: {
    /** Opportunities generated for the report benchmark (about 5 stage intervals each). */
    readonly deals: number;
    /** Measured runs of each report and of its floor, after one warm-up run of each. */
    readonly runs: number;
    /** Only these reports (`BENCH_ANALYTICS_REPORTS`, comma-separated); null for all. */
    readonly reports: readonly string[] | null;
  };
  /** The cases to run (`BENCH_CASES`, comma-separated); by default all but `analytics`. */
  readonly cases: ReadonlySet<BenchCase>;
  /** Unmeasured operations before each measured phase (JIT, statement caches, sockets). */
  readonly warmup: number;
  /** Demo generator seed: the same seed seeds the same data. */
  readonly seed: number;
  /** A measured phase stops issuing operations after this long (and says so). */
  readonly phaseSeconds: number;
  /** Where the generated block is written, or null to only print. */
  readonly docsPath: string | null;
}

export const BENCH_CASES = [
  'create',
  'list',
  'move',
  'import',
  'recycle',
  'duplicates',
  'analytics',
  'outbox',
  'automation',
] as const;
export type BenchCase = (typeof BENCH_CASES)[number];
/**
 * What runs without BENCH_CASES. `analytics` is left out: at its 1M-deal default it adds
 * tens of minutes per dialect (mostly generating the data), so it runs when asked for.
 * `outbox` and `automation` too: their figures are recorded by hand, outside the generated block.
 */
export const DEFAULT_CASES: readonly BenchCase[] = BENCH_CASES.filter(
  (name) => name !== 'analytics' && name !== 'outbox' && name !== 'automation',
);

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be an integer in [${min}, ${max}], got ${text}`);
    }
    return value;
  };
  return {
    pgUrl: pgUrl(env.PIPEWRIGHT_BENCH_PG ?? env.PIPEWRIGHT_TEST_PG),
    keepDatabase: int('BENCH_KEEP_DB', 0, 0, 1) === 1,
    create: {
      count: int('BENCH_CREATE_N', 2000, 1, 1_000_000),
      concurrency: int('BENCH_CREATE_CONCURRENCY', 8, 1, 256),
    },
    list: {
      opportunities: int('BENCH_LIST_N', 100_000, 1, 2_000_000),
      requests: int('BENCH_LIST_REQUESTS', 300, 1, 1_000_000),
      concurrency: int('BENCH_LIST_CONCURRENCY', 4, 1, 256),
      limit: int('BENCH_LIST_LIMIT', 50, 1, 200),
    },
    move: {
      deals: int('BENCH_MOVE_DEALS', 300, 1, 100_000),
      concurrency: int('BENCH_MOVE_CONCURRENCY', 8, 1, 256),
    },
    import: { rows: int('BENCH_IMPORT_N', 20_000, 1, 1_000_000) },
    recycle: recycleConfig(int),
    outbox: {
      deliveries: int('BENCH_OUTBOX_N', 20_000, 1, 1_000_000),
      enqueueBatch: int('BENCH_OUTBOX_TX_BATCH', 200, 1, 5000),
      batch: int('BENCH_OUTBOX_BATCH', 10, 1, 1000),
    },
    automation: {
      events: int('BENCH_AUTOMATION_N', 1000, 1, 100_000),
      rules: int('BENCH_AUTOMATION_RULES', 5, 1, 100),
    },
    analytics: {
      deals: int('BENCH_ANALYTICS_DEALS', 1_000_000, 100, 5_000_000),
      runs: int('BENCH_ANALYTICS_RUNS', 5, 1, 1000),
      reports: env.BENCH_ANALYTICS_REPORTS
        ? env.BENCH_ANALYTICS_REPORTS.split(',').map((name) => name.trim())
        : null,
    },
    cases: selectedCases(env.BENCH_CASES),
    warmup: int('BENCH_WARMUP', 30, 0, 10_000),
    seed: int('BENCH_SEED', 20_261_123, 0, 2 ** 31 - 1),
    phaseSeconds: int('BENCH_PHASE_SECONDS', 120, 1, 3600),
    docsPath: docsPath(env.BENCH_DOCS),
  };
}

function pgUrl(setting: string | undefined): string | null {
  if (!setting || setting === '0' || setting === 'false') return null;
  return setting === '1' || setting === 'true' ? DEFAULT_PG_URL : setting;
}

function docsPath(setting: string | undefined): string | null {
  if (setting === '0' || setting === 'false') return null;
  return setting || join(PROJECT_ROOT, 'docs', 'benchmarks.md');
}

function selectedCases(setting: string | undefined): ReadonlySet<BenchCase> {
  if (!setting) return new Set(DEFAULT_CASES);
  const names = setting.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCH_CASES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`BENCH_CASES takes some of ${BENCH_CASES.join(', ')}; got ${setting}`);
  }
  return new Set(names as BenchCase[]);
}

function recycleConfig(
  int: (name: string, fallback: number, min: number, max: number) => number,
): BenchConfig['recycle'] {
  const leads = int('BENCH_RECYCLE_N', 1_000_000, 1, 5_000_000);
  return {
    leads,
    due: int('BENCH_RECYCLE_DUE', Math.min(leads, 100_000), 1, leads),
    batch: int('BENCH_RECYCLE_BATCH', 200, 1, 5000),
  };
}
