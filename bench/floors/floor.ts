import type { RawStatement } from '../raw-driver.js';

/**
 * The floor of each analytics report: the best single SQL statement I would write by hand
 * for the same figures, run through the raw driver in the same run. Where the figures can
 * be compared, `check` compares them with the report's JSON, so a fast floor that answers
 * a different question is caught. Reports without an entry are measured without a floor.
 */
export interface FloorQuestion {
  /** Where the statement runs: date arithmetic is spelled differently on each. */
  readonly dialect: 'sqlite' | 'postgres';
  readonly tenantId: string;
  readonly pipelineId: string;
  readonly currency: string;
  /** The report period as the tenant's local dates, both inclusive, and its time zone. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  /** The report period as UTC instants, [start, end). */
  readonly start: string;
  readonly end: string;
  /** "Now" for the standing figures: the end of today in the tenant's zone. */
  readonly at: string;
}

export type FloorRow = Record<string, unknown>;

export interface Floor {
  /** What the statement computes, for the notes. */
  readonly describes: string;
  statement(question: FloorQuestion): RawStatement;
  /** Differences between the floor's rows and the report's JSON (empty: the same figures). */
  check?(rows: readonly FloorRow[], json: unknown): string[];
}

/** A figure from a raw row (pg returns bigint sums as strings). */
export const n = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);

/** The deals every report counts: live, in the pipeline and currency (an admin sees all). */
export const SCOPE = `o.tenant_id = ? and o.pipeline_id = ? and o.deleted_at is null and o.currency = ?`;
export const scope = (q: FloorQuestion) => [q.tenantId, q.pipelineId, q.currency];

/** Whole seconds from one instant column to another, as the reports count them. */
export const seconds = (q: FloorQuestion, from: string, to: string): string =>
  q.dialect === 'postgres'
    ? `floor(extract(epoch from (${to} - ${from})))::bigint`
    : `(cast(round((julianday(${to}) - julianday(${from})) * 86400000) as integer) / 1000)`;

/**
 * Nearest-rank percentile columns over a window-ranked subquery with `rn` (1-based rank in
 * the group) and `cnt` (the group's size): the value at position (p·n + 99) div 100.
 */
export const ranks = (value: string): string =>
  [50, 75, 90]
    .map((p) => `max(case when rn = (cnt * ${p} + 99) / 100 then ${value} end) as p${p}`)
    .join(', ');

/** One figure of the floor against the report's: a difference is noted in `wrong`. */
export function same(wrong: string[], what: string, floor: unknown, report: number | null): void {
  const value = floor === null || floor === undefined ? null : Number(floor);
  if (value !== report) wrong.push(`${what}: floor ${value}, report ${report}`);
}
