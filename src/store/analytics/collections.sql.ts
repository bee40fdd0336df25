import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { CollectionCell } from '../../domain/analytics/collections.js';
import type { DateRange } from '../../domain/analytics/receivables.js';
import type { Database } from '../schema.js';
import { num } from './deal-scope.js';
import { activeAllocation, contractInScope, dealOfContract } from './receivables-scope.js';
import type { ReceivablesScope } from './receivables-scope.js';

/** The index of the bucket a date (already within the buckets) falls in. */
function bucketOf(date: RawBuilder<unknown>, buckets: readonly DateRange[]): RawBuilder<unknown> {
  if (buckets.length === 1) return sql`0`;
  const whens = buckets
    .slice(0, -1)
    .map((bucket, index) => sql`when ${date} <= ${bucket.to} then ${sql.lit(index)}`);
  return sql`case ${sql.join(whens, sql` `)} else ${sql.lit(buckets.length - 1)} end`;
}

/**
 * Collected vs planned (see `domain/analytics/collections.ts`) in one query: the
 * installments due in the buckets (planned) and the active allocations of receipts received
 * in them (collected), each tagged with its bucket, summed per currency, bucket and
 * contract owner. Due dates and receipt dates are local dates, compared as they are.
 */
export async function collectionCellsSql(
  db: Kysely<Database>,
  scope: ReceivablesScope,
  buckets: readonly DateRange[],
): Promise<CollectionCell[]> {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const { rows } = await sql<Record<string, unknown>>`
    select x.currency, x.bucket, x.owner_id,
      sum(x.planned) as planned, sum(x.collected) as collected
    from (
      select contracts.currency, contracts.owner_id, ${bucketOf(sql`i.due_date`, buckets)} as bucket,
        i.amount_minor as planned, 0 as collected
      from payment_installments i
      join contracts on contracts.tenant_id = i.tenant_id and contracts.id = i.contract_id
      ${dealOfContract}
      where i.tenant_id = ${scope.tenantId}
        and i.due_date >= ${first.from} and i.due_date <= ${last.to} and ${contractInScope(scope)}
      union all
      select contracts.currency, contracts.owner_id, ${bucketOf(sql`r.received_on`, buckets)} as bucket,
        0 as planned, a.amount_minor as collected
      from receipts r
      join receipt_allocations a on a.tenant_id = r.tenant_id and a.receipt_id = r.id
      join payment_installments i on i.tenant_id = a.tenant_id and i.id = a.installment_id
      join contracts on contracts.tenant_id = i.tenant_id and contracts.id = i.contract_id
      ${dealOfContract}
      where r.tenant_id = ${scope.tenantId} and ${activeAllocation}
        and r.received_on >= ${first.from} and r.received_on <= ${last.to} and ${contractInScope(scope)}
    ) x
    group by x.currency, x.bucket, x.owner_id`.execute(db);
  return rows.map((row) => ({
    currency: String(row.currency),
    bucket: num(row.bucket),
    ownerId: String(row.owner_id),
    plannedMinor: num(row.planned),
    collectedMinor: num(row.collected),
  }));
}
