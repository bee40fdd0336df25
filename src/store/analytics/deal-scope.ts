import { sql } from 'kysely';
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Visibility } from '../../domain/access/scope.js';
import { isPostgres } from '../migrations/columns.js';
import type { Database } from '../schema.js';
import { visibleCondition } from '../visibility.js';

/**
 * What every report is about: the live deals of one pipeline in one currency (amounts are
 * never added across currencies), optionally owned by given people, and only those the
 * reader may see. Reports attribute a deal to its current owner.
 */
export interface DealScope {
  readonly tenantId: string;
  readonly pipelineId: string;
  readonly currency: string;
  /** null: anyone's deals (within visibility). */
  readonly ownerIds: readonly string[] | null;
  readonly visibility: Visibility;
}

/**
 * The WHERE condition selecting in-scope deals. It names the `opportunities` table, so use
 * it in queries that select from (or join) `opportunities` without an alias.
 */
export function dealInScope(scope: DealScope): Expression<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`opportunities.tenant_id = ${scope.tenantId}`,
    sql<SqlBool>`opportunities.pipeline_id = ${scope.pipelineId}`,
    sql<SqlBool>`opportunities.deleted_at is null`,
    sql<SqlBool>`opportunities.currency = ${scope.currency}`,
  ];
  if (scope.ownerIds !== null)
    parts.push(
      scope.ownerIds.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`opportunities.owner_id in (${sql.join(scope.ownerIds)})`,
    );
  const visible = visibleCondition('opportunities', scope.visibility);
  if (visible !== null) parts.push(sql<SqlBool>`${visible}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * Seconds from one instant column to another, as a number, the same on both databases:
 * SQLite's julianday() difference rounded to whole milliseconds (so 7 days never come out
 * as 6.9999999 days), PostgreSQL's epoch difference.
 */
export function secondsBetween(
  db: Kysely<Database>,
  from: RawBuilder<unknown>,
  to: RawBuilder<unknown>,
): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`floor(extract(epoch from (${to} - ${from})))::bigint`
    : sql<number>`(cast(round((julianday(${to}) - julianday(${from})) * 86400000) as integer) / 1000)`;
}

/** A numeric column as a JS number (pg returns bigint sums as strings). */
export const num = (value: unknown): number => (value === null ? 0 : Number(value));
