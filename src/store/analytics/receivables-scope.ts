import { sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Visibility } from '../../domain/access/scope.js';
import type { Database } from '../schema.js';
import { visibleCondition } from '../visibility.js';

/**
 * The contracts a receivables report counts (docs/l2c/reports.md): not terminated, of a deal
 * the reader may see, owned (the contract's owner) by the given people, and — only when the
 * report names them — of one pipeline and one currency. Unlike deal reports, receivables
 * span every pipeline and currency by default: money owed is owed whatever pipeline sold
 * it, and the reports keep each currency apart instead of picking one.
 */
export interface ReceivablesScope {
  readonly tenantId: string;
  /** null: every currency, each reported apart. */
  readonly currency: string | null;
  /** null: every pipeline. */
  readonly pipelineId: string | null;
  /** null: anyone's contracts (within visibility). */
  readonly ownerIds: readonly string[] | null;
  readonly visibility: Visibility;
}

/**
 * Joins a contract (the table `contracts`, no alias) to its deal as `opportunities`, which
 * the visibility condition names.
 */
export const dealOfContract = sql`join opportunities on opportunities.tenant_id = contracts.tenant_id
  and opportunities.id = contracts.opportunity_id`;

/** The WHERE condition on `contracts` joined with `dealOfContract`. */
export function contractInScope(scope: ReceivablesScope): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`contracts.tenant_id = ${scope.tenantId}`,
    sql<SqlBool>`contracts.status <> 'terminated'`,
  ];
  if (scope.currency !== null) parts.push(sql<SqlBool>`contracts.currency = ${scope.currency}`);
  if (scope.pipelineId !== null)
    parts.push(sql<SqlBool>`opportunities.pipeline_id = ${scope.pipelineId}`);
  if (scope.ownerIds !== null)
    parts.push(
      scope.ownerIds.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`contracts.owner_id in (${sql.join(scope.ownerIds)})`,
    );
  const visible = visibleCondition('opportunities', scope.visibility);
  if (visible !== null) parts.push(sql<SqlBool>`${visible}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Allocations that count: not reversed, on a receipt that is not voided (alias a, r). */
export const activeAllocation = sql<SqlBool>`a.reversed_at is null and r.status <> 'voided'`;

/** Display names of users by id (owners in receivables reports). */
export async function userNames(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
