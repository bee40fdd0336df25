import type { BenchConfig } from './config.js';
import type { MachineInfo } from './machine.js';
import type { Measurement } from './stats.js';

/** One case on one dialect: the API and its floor, run the same number of times. */
export interface CaseResult {
  readonly title: string;
  /** What one operation is, e.g. `POST /api/v1/opportunities`. */
  readonly operation: string;
  readonly concurrency: number;
  readonly api: Measurement;
  readonly floor: Measurement;
  /** In-flight operations the floor ran with (1 where the driver is synchronous). */
  readonly floorConcurrency: number;
  /** API wall time per operation ÷ floor wall time per operation. */
  readonly ratio: number;
  /** Anything a reader must know to trust the row (truncation, sizes). */
  readonly notes: readonly string[];
}

export interface SeedingResult {
  readonly opportunities: number;
  /** Every row the generator wrote: accounts, contacts, leads, deals, history, … */
  readonly rows: number;
  readonly seconds: number;
  /** Seconds per successive `SEGMENT` deals: whether the rate holds as the tables grow. */
  readonly segments: readonly number[];
  readonly counts: Readonly<Record<string, number>>;
}

export interface QueryPlan {
  readonly query: string;
  readonly plan: string;
}

export interface DialectResult {
  readonly dialect: 'sqlite' | 'postgres';
  readonly version: string;
  /** Where the database lives and how durable its commits are. */
  readonly description: string;
  readonly settings: string;
  readonly cases: readonly CaseResult[];
  readonly seeding: SeedingResult | null;
  /** The list case's stage and how many live deals it holds. */
  readonly listStage: { readonly name: string; readonly opportunities: number } | null;
  readonly plans: readonly QueryPlan[];
}

export interface BenchReport {
  readonly machine: MachineInfo;
  /** The commit measured (see `describeRevision`). */
  readonly revision: string;
  readonly config: BenchConfig;
  readonly dialects: readonly DialectResult[];
  readonly seconds: number;
  /** Load averages when the run ended (the machine's are at its start). */
  readonly loadAtEnd: readonly [number, number, number];
}
