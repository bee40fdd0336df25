import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { WinFeatureRow } from '../../domain/analytics/win-model/features.js';
import type { Database } from '../schema.js';

/**
 * The learned win probability's input: one row per deal of a pipeline with everything
 * `domain/analytics/win-model/features.ts` turns into feature values, read a page at a time
 * in id order (keyset, so a page costs the same at the millionth deal as at the first).
 * Each page is one query: the account is a join, the last open stage, the main product and
 * the activity count are correlated subqueries on the (tenant_id, opportunity_id, …)
 * indexes of stage_history, opportunity_products and activities. Plain SQL both dialects
 * run alike; timestamps come back as ISO-8601 text from both.
 *
 * The model is the company's, so these reads are tenant-wide, not limited to what one
 * reader may see; what a reader sees of the predictions is limited where they are shown.
 */
export type DealSet = 'closed' | 'open';

interface Raw {
  id: string;
  status: string;
  stage_id: string | null;
  stage_probability: number | null;
  source: string | null;
  industry: string | null;
  size: string | null;
  product_type: string | null;
  owner_id: string;
  stage_since: string | null;
  stage_until: string | null;
  activity_count: unknown;
}

const asStatus = (status: string): WinFeatureRow['status'] =>
  status === 'won' || status === 'lost' ? status : 'open';

export async function winFeaturePage(
  db: Kysely<Database>,
  where: { readonly tenantId: string; readonly pipelineId: string; readonly set: DealSet },
  after: string | null,
  limit: number,
): Promise<WinFeatureRow[]> {
  const { tenantId, pipelineId, set } = where;
  // A closed deal is described in the last open stage of this pipeline it was in (ties on
  // entered_at broken by id, so both databases pick the same visit); an open deal in its own.
  const visit =
    set === 'closed'
      ? sql`left join stage_history lv on lv.tenant_id = o.tenant_id and lv.id = (
          select sh.id from stage_history sh
          join stages s on s.tenant_id = sh.tenant_id and s.id = sh.stage_id
          where sh.tenant_id = o.tenant_id and sh.opportunity_id = o.id
            and s.pipeline_id = o.pipeline_id and s.kind = 'open'
          order by sh.entered_at desc, sh.id desc limit 1)`
      : sql``;
  const stageId = set === 'closed' ? sql`lv.stage_id` : sql`o.stage_id`;
  const since = set === 'closed' ? sql`lv.entered_at` : sql`o.stage_entered_at`;
  const until = set === 'closed' ? sql`coalesce(lv.left_at, o.closed_at)` : sql`null`;
  const statuses = set === 'closed' ? sql`('won', 'lost')` : sql`('open')`;
  const rows = await sql<Raw>`
    select o.id, o.status, ${stageId} as stage_id, st.probability as stage_probability,
      o.source, a.industry, a.size, o.owner_id,
      ${since} as stage_since, ${until} as stage_until,
      (select p.product_type from opportunity_products p
        where p.tenant_id = o.tenant_id and p.opportunity_id = o.id
        order by p.amount_minor desc, p.position asc, p.id asc limit 1) as product_type,
      (select count(*) from activities ac
        where ac.tenant_id = o.tenant_id and ac.opportunity_id = o.id
          and ac.deleted_at is null
          and (o.closed_at is null or ac.occurred_at <= o.closed_at)) as activity_count
    from opportunities o
    left join accounts a on a.tenant_id = o.tenant_id and a.id = o.account_id
    ${visit}
    left join stages st on st.tenant_id = o.tenant_id and st.id = ${stageId}
    where o.tenant_id = ${tenantId} and o.pipeline_id = ${pipelineId}
      and o.deleted_at is null and o.status in ${statuses}
      ${after === null ? sql`` : sql`and o.id > ${after}`}
    order by o.id
    limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({
    id: row.id,
    status: asStatus(row.status),
    stageId: row.stage_id,
    stageProbability: row.stage_probability === null ? null : Number(row.stage_probability),
    source: row.source,
    industry: row.industry,
    size: row.size,
    productType: row.product_type,
    ownerId: row.owner_id,
    stageSince: row.stage_since,
    stageUntil: row.stage_until,
    activityCount: Number(row.activity_count),
  }));
}
