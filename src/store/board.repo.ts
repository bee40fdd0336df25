import { sql } from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { CurrencyCode } from '../domain/money.js';
import type { OpportunityStatus } from '../domain/opportunities/opportunity.js';
import { hasTag } from './opportunity-tags.repo.js';
import type { StageSummaryRow } from './opportunities.repo.js';
import type { Database } from './schema.js';
import { matchesText } from './search.js';
import { visibleCondition } from './visibility.js';

/** The deals one board shows, as the database narrows them (owners already resolved). */
export interface BoardScope {
  readonly pipelineId: string;
  /** Only these owners; undefined: anyone the principal can see. */
  readonly ownerIds?: readonly string[];
  readonly closeFrom?: string;
  readonly closeTo?: string;
  readonly amountMin?: number;
  readonly amountMax?: number;
  readonly currency?: string;
  readonly tag?: string;
  readonly q?: string;
  /** Also deals won or lost at or after this instant; null: open deals only. */
  readonly closedSince: string | null;
}

export const boardSorts = {
  amount: 'opportunities.amount_minor',
  expectedCloseDate: `coalesce(opportunities.expected_close_date, '9999-12-31')`,
  stageEnteredAt: 'opportunities.stage_entered_at',
  updatedAt: 'opportunities.updated_at',
  name: 'opportunities.name',
} as const;
export type BoardSortKey = keyof typeof boardSorts;

/** One card's row: the deal, its owner's and account's names and its latest activity. */
export interface BoardCardRow {
  readonly id: string;
  readonly name: string;
  readonly stageId: string;
  readonly status: OpportunityStatus;
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
  readonly expectedCloseDate: string | null;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly createdAt: string;
  readonly stageEnteredAt: string;
  readonly nextStepDate: string | null;
  readonly deadlineAt: string | null;
  readonly lastActivityAt: string | null;
  readonly version: number;
}

const col = (column: string) => sql.ref(`opportunities.${column}`);

/**
 * The board's WHERE clause over `opportunities` (by table name): live deals of the
 * pipeline the principal may see (the same visibility condition as every list), open or
 * closed since `closedSince`, and the filters. Plain comparisons on the deal's columns; the
 * tag is one probe of the tags' key per deal.
 */
function boardCondition(
  tenantId: string,
  scope: BoardScope,
  visibility: Visibility,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [
    sql<SqlBool>`${col('tenant_id')} = ${tenantId}`,
    sql<SqlBool>`${col('pipeline_id')} = ${scope.pipelineId}`,
    sql<SqlBool>`${col('deleted_at')} is null`,
    scope.closedSince === null
      ? sql<SqlBool>`${col('status')} = 'open'`
      : sql<SqlBool>`(${col('status')} = 'open' or ${col('closed_at')} >= ${scope.closedSince})`,
  ];
  const visible = visibleCondition('opportunities', visibility);
  if (visible) parts.push(visible);
  if (scope.ownerIds)
    parts.push(
      scope.ownerIds.length === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`${col('owner_id')} in (${sql.join(scope.ownerIds)})`,
    );
  if (scope.closeFrom)
    parts.push(sql<SqlBool>`${col('expected_close_date')} >= ${scope.closeFrom}`);
  if (scope.closeTo) parts.push(sql<SqlBool>`${col('expected_close_date')} <= ${scope.closeTo}`);
  if (scope.currency) parts.push(sql<SqlBool>`${col('currency')} = ${scope.currency}`);
  if (scope.amountMin !== undefined)
    parts.push(sql<SqlBool>`${col('amount_minor')} >= ${scope.amountMin}`);
  if (scope.amountMax !== undefined)
    parts.push(sql<SqlBool>`${col('amount_minor')} <= ${scope.amountMax}`);
  if (scope.tag) parts.push(hasTag(scope.tag));
  if (scope.q) parts.push(matchesText('opportunities', ['name'], scope.q));
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * Up to `limit` cards in one statement: the deals with their owner and account joined by
 * primary key and the latest live activity by the (tenant, opportunity, occurred_at)
 * index, ordered by `sort` (ties by id) so a truncated board drops a stable tail.
 */
export async function boardCards(
  db: Kysely<Database>,
  tenantId: string,
  scope: BoardScope,
  visibility: Visibility,
  sort: { readonly key: BoardSortKey; readonly direction: 'asc' | 'desc' },
  limit: number,
): Promise<BoardCardRow[]> {
  const direction = sql.raw(sort.direction);
  const rows = await db
    .selectFrom('opportunities')
    .innerJoin('users as u', (join) =>
      join
        .onRef('u.tenant_id', '=', 'opportunities.tenant_id')
        .onRef('u.id', '=', 'opportunities.owner_id'),
    )
    .innerJoin('accounts as a', (join) =>
      join
        .onRef('a.tenant_id', '=', 'opportunities.tenant_id')
        .onRef('a.id', '=', 'opportunities.account_id'),
    )
    .select([
      'opportunities.id',
      'opportunities.name',
      'opportunities.stage_id',
      'opportunities.status',
      'opportunities.amount_minor',
      'opportunities.currency',
      'opportunities.expected_close_date',
      'opportunities.owner_id',
      'u.name as owner_name',
      'opportunities.account_id',
      'a.name as account_name',
      'opportunities.created_at',
      'opportunities.stage_entered_at',
      'opportunities.next_step_date',
      'opportunities.deadline_at',
      'opportunities.version',
    ])
    .select(
      sql<string | null>`(select max(act.occurred_at) from activities act
        where act.tenant_id = opportunities.tenant_id and act.opportunity_id = opportunities.id
        and act.deleted_at is null)`.as('last_activity_at'),
    )
    .where(boardCondition(tenantId, scope, visibility))
    .orderBy(sql`${sql.raw(boardSorts[sort.key])} ${direction}`)
    .orderBy(sql`opportunities.id ${direction}`)
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    stageId: row.stage_id,
    status: row.status as OpportunityStatus,
    amountMinor: Number(row.amount_minor),
    currency: row.currency as CurrencyCode,
    expectedCloseDate: row.expected_close_date,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    accountId: row.account_id,
    accountName: row.account_name,
    createdAt: row.created_at,
    stageEnteredAt: row.stage_entered_at,
    nextStepDate: row.next_step_date,
    deadlineAt: row.deadline_at,
    lastActivityAt: row.last_activity_at,
    version: row.version,
  }));
}

/** Every matching deal counted per stage and currency (the cap does not apply). */
export async function boardColumns(
  db: Kysely<Database>,
  tenantId: string,
  scope: BoardScope,
  visibility: Visibility,
): Promise<StageSummaryRow[]> {
  const rows = await db
    .selectFrom('opportunities')
    .select((eb) => [
      'stage_id',
      'currency',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('amount_minor').as('amount'),
    ])
    .where(boardCondition(tenantId, scope, visibility))
    .groupBy(['stage_id', 'currency'])
    .execute();
  return rows.map((row) => ({
    stageId: row.stage_id,
    currency: row.currency,
    count: Number(row.count),
    amountMinor: Number(row.amount),
  }));
}
