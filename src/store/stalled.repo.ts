import { sql } from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { CurrencyCode, Money } from '../domain/money.js';
import type { OpportunityStatus } from '../domain/opportunities/opportunity.js';
import type { StallWindow } from '../domain/pipeline/stalled.js';
import { applyKeyset } from './pagination.js';
import type { PageQuery } from './pagination.js';
import type { Database } from './schema.js';
import { visibleCondition } from './visibility.js';

/** An open deal that may be stalled, with the facts `detectStall` needs. */
export interface StallCandidate {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly status: OpportunityStatus;
  readonly amount: Money;
  readonly createdAt: string;
  readonly stageEnteredAt: string;
  readonly nextStepDate: string | null;
  readonly lastActivityAt: string | null;
  readonly doneActions: ReadonlySet<string>;
}

export interface StallCandidateFilter {
  readonly pipelineId?: string;
  /** Only deals owned by one of these people (an owner, or a team's members). */
  readonly ownerIds?: readonly string[];
  /** One window per stage that can flag anything; deals in other stages are skipped. */
  readonly windows: readonly StallWindow[];
}

/** Longest in their stage first: the oldest `stage_entered_at`, ties by id. */
export const stalledOrder = { key: 'stageEnteredAt', column: 'stage_entered_at' } as const;

const opp = (column: string) => sql.ref(`opportunities.${column}`);

/** A live activity on the deal after `instant` (walks the (tenant, opportunity, occurred_at) index). */
const activityAfter = (instant: string) => sql<SqlBool>`exists (
  select 1 from activities a where a.tenant_id = ${opp('tenant_id')} and a.opportunity_id = ${opp('id')}
  and a.deleted_at is null and a.occurred_at > ${instant})`;

/** The deal is inside its stage's window (see `StallWindow`): plain comparisons of instants. */
function insideWindow(window: StallWindow): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (window.enteredBy !== null)
    parts.push(sql<SqlBool>`${opp('stage_entered_at')} <= ${window.enteredBy}`);
  if (window.quietSince !== null)
    parts.push(sql<SqlBool>`(${opp('created_at')} <= ${window.quietSince}
      and (${opp('next_step_date')} is null or ${opp('next_step_date')} < ${window.today})
      and not ${activityAfter(window.quietSince)})`);
  return sql<SqlBool>`(${opp('stage_id')} = ${window.stageId} and (${sql.join(parts, sql` or `)}))`;
}

/**
 * One page of candidates: open, live deals the principal can see, in a stage whose window
 * they are inside, longest in stage first (keyset on `stage_entered_at`, `id`). Returns up
 * to `page.limit + 1` rows, like every keyset list. Two statements however long the page:
 * the deals with their last activity, then the key actions done on all of them.
 */
export async function listStallCandidates(
  db: Kysely<Database>,
  tenantId: string,
  filter: StallCandidateFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<StallCandidate[]> {
  const windows = filter.windows.filter((w) => w.enteredBy !== null || w.quietSince !== null);
  if (windows.length === 0 || filter.ownerIds?.length === 0) return [];
  let query = db
    .selectFrom('opportunities')
    .select([
      'id',
      'name',
      'owner_id',
      'pipeline_id',
      'stage_id',
      'status',
      'amount_minor',
      'currency',
      'created_at',
      'stage_entered_at',
      'next_step_date',
    ])
    .select(
      sql<string | null>`(select max(a.occurred_at) from activities a
        where a.tenant_id = ${opp('tenant_id')} and a.opportunity_id = ${opp('id')}
        and a.deleted_at is null)`.as('last_activity_at'),
    )
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .where(sql<SqlBool>`(${sql.join(windows.map(insideWindow), sql` or `)})`);
  const visible = visibleCondition('opportunities', visibility);
  if (visible) query = query.where(visible);
  if (filter.pipelineId) query = query.where('pipeline_id', '=', filter.pipelineId);
  if (filter.ownerIds) query = query.where('owner_id', 'in', filter.ownerIds);
  const rows = await applyKeyset(query, 'opportunities', page).execute();
  const done = await doneActionsOf(
    db,
    tenantId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ownerId: row.owner_id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    status: row.status as OpportunityStatus,
    amount: { amountMinor: row.amount_minor, currency: row.currency as CurrencyCode },
    createdAt: row.created_at,
    stageEnteredAt: row.stage_entered_at,
    nextStepDate: row.next_step_date,
    lastActivityAt: row.last_activity_at,
    doneActions: done.get(row.id) ?? new Set(),
  }));
}

/** The key actions done on each deal (by key); deals with none are absent. */
export async function doneActionsOf(
  db: Kysely<Database>,
  tenantId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const byDeal = new Map<string, Set<string>>();
  if (opportunityIds.length === 0) return byDeal;
  const rows = await db
    .selectFrom('opportunity_actions')
    .select(['opportunity_id', 'item_key'])
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', 'in', opportunityIds)
    .where('kind', '=', 'action')
    .execute();
  for (const row of rows) {
    const keys = byDeal.get(row.opportunity_id) ?? new Set<string>();
    keys.add(row.item_key);
    byDeal.set(row.opportunity_id, keys);
  }
  return byDeal;
}
