import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { summaryFrom } from '../../domain/analytics/percentiles.js';
import type { Summary } from '../../domain/analytics/percentiles.js';
import { num } from './deal-scope.js';

/**
 * Nearest-rank percentiles in SQL, the same on SQLite and PostgreSQL (both have
 * row_number() and count(*) over a window): the p-th percentile of a group is the value at
 * 1-based position (p·n + 99) / 100 — integer division on both — of its ascending values,
 * exactly as `domain/analytics/percentiles.ts` picks it.
 *
 * `values` is a query whose columns are the grouping `keys` plus an integer `value`; the
 * result has the keys plus `n`, `total`, `p50`, `p75` and `p90`, one row per group. Use it
 * as a subquery: `select … from (${nearestRankSummaries(values, ['stage_id'])}) s`.
 */
export function nearestRankSummaries(
  values: RawBuilder<unknown>,
  keys: readonly string[],
): RawBuilder<unknown> {
  const ids = keys.map((key) => sql.ref(`v.${key}`));
  const rankedIds = keys.map((key) => sql.ref(`r.${key}`));
  const partition = keys.length === 0 ? sql`` : sql`partition by ${sql.join(ids)}`;
  const at = (p100: number) =>
    sql`max(case when r.rn = (r.cnt * ${sql.lit(p100)} + 99) / 100 then r.value end)`;
  const groupBy = keys.length === 0 ? sql`` : sql`group by ${sql.join(rankedIds)}`;
  const selectKeys = keys.length === 0 ? sql`` : sql`${sql.join(rankedIds)}, `;
  return sql`
    select ${selectKeys}count(*) as n, sum(r.value) as total,
      ${at(50)} as p50, ${at(75)} as p75, ${at(90)} as p90
    from (
      select ${keys.length === 0 ? sql`` : sql`${sql.join(ids)}, `}v.value,
        row_number() over (${partition} order by v.value) as rn,
        count(*) over (${partition}) as cnt
      from (${values}) v
    ) r
    ${groupBy}`;
}

/** The columns `nearestRankSummaries` returns for each group. */
export interface SummaryRow {
  readonly n: unknown;
  readonly total: unknown;
  readonly p50: unknown;
  readonly p75: unknown;
  readonly p90: unknown;
}

const orNull = (value: unknown): number | null => (value === null ? null : Number(value));

/** A row of `nearestRankSummaries` as a domain Summary (pg bigints to numbers). */
export function summaryOfRow(row: SummaryRow | undefined, decimals = 0): Summary {
  if (!row) return summaryFrom(0, 0, { p50: null, p75: null, p90: null }, decimals);
  return summaryFrom(
    num(row.n),
    num(row.total),
    { p50: orNull(row.p50), p75: orNull(row.p75), p90: orNull(row.p90) },
    decimals,
  );
}
