import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReviewCells } from '../../domain/analytics/loss-analysis.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { leftJoinJsonArrayElements } from './json-array.js';

/**
 * The review cells (see `domain/analytics/loss-analysis.ts`) of the deals closed with
 * `outcome` in the period, in one statement over shared CTEs: the closed
 * deals, their latest matching review (row_number over created_at, id), and its reasons
 * unnested and de-duplicated per deal.
 */
export async function reviewCells(
  db: Kysely<Database>,
  scope: DealScope,
  question: { readonly start: string; readonly end: string },
  outcome: 'won' | 'lost',
): Promise<ReviewCells> {
  const closed = sql`
    closed as materialized (
      select opportunities.tenant_id, opportunities.id, opportunities.amount_minor as amount
      from opportunities
      where ${dealInScope(scope)} and opportunities.status = ${outcome}
        and opportunities.closed_at >= ${question.start} and opportunities.closed_at < ${question.end}
    ),
    ranked as (
      select r.opportunity_id, r.stage_id, r.competitor, r.reasons, closed.amount,
        row_number() over (partition by r.opportunity_id order by r.created_at desc, r.id desc) as rn
      from opportunity_reviews r
      join closed on closed.tenant_id = r.tenant_id and closed.id = r.opportunity_id
      where r.tenant_id = ${scope.tenantId} and r.outcome = ${outcome}
    ),
    latest as materialized (select * from ranked where rn = 1)`;

  // One statement, three parts told apart by `part`: the closed deals' total, the cells by
  // stage lost and competitor, and the cells by reason — so the latest reviews are ranked
  // once, not once per part.
  const { rows } = await sql<{
    part: 'total' | 'deal' | 'reason';
    reason: string | null;
    stage_id: string | null;
    competitor: string | null;
    deals: unknown;
    amount: unknown;
  }>`
    with ${closed},
    reasons as (
      select distinct latest.opportunity_id, latest.stage_id, latest.competitor, latest.amount,
        reason.value as reason
      from latest ${leftJoinJsonArrayElements(db, sql`latest.reasons`, 'reason')}
    )
    select 'total' as part, null as reason, null as stage_id, null as competitor,
      count(*) as deals, sum(amount) as amount
    from closed
    union all
    select 'deal', null, stage_id, competitor, count(*), sum(amount)
    from latest group by stage_id, competitor
    union all
    select 'reason', reason, stage_id, competitor, count(*), sum(amount)
    from reasons group by reason, stage_id, competitor`.execute(db);
  const total = rows.find((row) => row.part === 'total');
  const cells = (part: 'deal' | 'reason') =>
    rows.flatMap((row) =>
      row.part === part && row.stage_id !== null ? [{ ...row, stage_id: row.stage_id }] : [],
    );

  return {
    deals: num(total?.deals ?? 0),
    amountMinor: num(total?.amount ?? 0),
    dealCells: cells('deal').map((row) => ({
      stageId: row.stage_id,
      competitor: row.competitor,
      count: num(row.deals),
      amountMinor: num(row.amount),
    })),
    reasonCells: cells('reason').map((row) => ({
      reason: row.reason,
      stageId: row.stage_id,
      competitor: row.competitor,
      count: num(row.deals),
      amountMinor: num(row.amount),
    })),
  };
}

/** Reason labels of an outcome from the tenant's close_reasons (key → names). */
export async function closeReasonLabels(
  db: Kysely<Database>,
  tenantId: string,
  outcome: 'won' | 'lost',
): Promise<Map<string, { nameZh: string; nameEn: string }>> {
  const rows = await db
    .selectFrom('close_reasons')
    .select(['key', 'name_zh', 'name_en'])
    .where('tenant_id', '=', tenantId)
    .where('outcome', '=', outcome)
    .execute();
  return new Map(rows.map((row) => [row.key, { nameZh: row.name_zh, nameEn: row.name_en }]));
}
