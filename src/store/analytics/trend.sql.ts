import { sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Scope } from '../../domain/access/scope.js';
import type { Database } from '../schema.js';
import { num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * Snapshots are kept per owner, so the reader's visibility of deals becomes a set of owners:
 * a whole-tenant scope sees every owner's rows, a `people` scope those of its owners, none
 * nothing. A deal shared with the reader through the opportunity team (opportunity_members)
 * is visible in lists and in the history-based reports, but its snapshot row belongs to its
 * owner: trends do not reflect shared-deal visibility.
 */
function snapshotVisible(scope: DealScope): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`ps.tenant_id = ${scope.tenantId}`,
    sql<SqlBool>`ps.pipeline_id = ${scope.pipelineId}`,
    sql<SqlBool>`ps.currency = ${scope.currency}`,
  ];
  const owners = (ids: readonly string[]) =>
    ids.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`ps.owner_id in (${sql.join(ids)})`;
  if (scope.ownerIds !== null) parts.push(owners(scope.ownerIds));
  const seen: Scope = scope.visibility.opportunities;
  if (seen.kind === 'none') parts.push(sql<SqlBool>`1 = 0`);
  if (seen.kind === 'people') parts.push(owners(seen.ownerIds));
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The dates snapshots were taken on in [from, to], for any pipeline of the tenant. */
export async function snapshotDates(
  db: Kysely<Database>,
  tenantId: string,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('pipeline_snapshots')
    .select('snapshot_date')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('snapshot_date', '>=', from)
    .where('snapshot_date', '<=', to)
    .execute();
  return rows.map((row) => row.snapshot_date);
}

export interface SnapshotCell {
  readonly snapshotDate: string;
  readonly stageId: string;
  readonly forecastCategory: string;
  readonly count: number;
  readonly amountMinor: number;
  readonly weightedMinor: number;
}

/** The in-scope snapshot figures of the given days, per day × stage × forecast category. */
export async function snapshotCells(
  db: Kysely<Database>,
  scope: DealScope,
  dates: readonly string[],
): Promise<SnapshotCell[]> {
  if (dates.length === 0) return [];
  const result = await sql<{
    snapshot_date: string;
    stage_id: string;
    forecast_category: string;
    deals: unknown;
    amount: unknown;
    weighted: unknown;
  }>`
    select ps.snapshot_date, ps.stage_id, ps.forecast_category, sum(ps.deal_count) as deals,
      sum(ps.amount_minor) as amount, sum(ps.weighted_minor) as weighted
    from pipeline_snapshots ps
    where ${snapshotVisible(scope)} and ps.snapshot_date in (${sql.join([...dates])})
    group by ps.snapshot_date, ps.stage_id, ps.forecast_category`.execute(db);
  return result.rows.map((row) => ({
    snapshotDate: row.snapshot_date,
    stageId: row.stage_id,
    forecastCategory: row.forecast_category,
    count: num(row.deals),
    amountMinor: num(row.amount),
    weightedMinor: num(row.weighted),
  }));
}
