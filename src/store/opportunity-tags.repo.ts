import { sql } from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { sortTags, tagKey } from '../domain/opportunities/tags.js';
import type { Database } from './schema.js';

/**
 * A deal's tags, one row each. Like product lines they belong to their deal and are
 * written with it (an update replaces the whole set) in the deal's transaction.
 */
export async function insertTags(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  tags: readonly string[],
): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('opportunity_tags')
    .values(
      tags.map((tag) => ({
        tenant_id: tenantId,
        opportunity_id: opportunityId,
        tag,
        tag_key: tagKey(tag),
      })),
    )
    .execute();
}

export async function replaceTags(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  tags: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('opportunity_tags')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .execute();
  await insertTags(db, tenantId, opportunityId, tags);
}

/** The tags of each deal, in stored order (by key); deals without tags are absent. */
export async function tagsFor(
  db: Kysely<Database>,
  tenantId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byDeal = new Map<string, string[]>();
  if (opportunityIds.length === 0) return byDeal;
  const rows = await db
    .selectFrom('opportunity_tags')
    .select(['opportunity_id', 'tag'])
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', 'in', opportunityIds)
    .execute();
  for (const row of rows) {
    const list = byDeal.get(row.opportunity_id) ?? [];
    list.push(row.tag);
    byDeal.set(row.opportunity_id, list);
  }
  for (const [id, tags] of byDeal) byDeal.set(id, sortTags(tags));
  return byDeal;
}

/**
 * The deal (a row of `opportunities`, referred to by that table name) carries the tag,
 * compared by key: one probe of the tags' primary key per deal.
 */
export function hasTag(tag: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from opportunity_tags ot
    where ot.tenant_id = opportunities.tenant_id and ot.opportunity_id = opportunities.id
    and ot.tag_key = ${tagKey(tag)})`;
}
