import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The dispatcher's claim asks for a tenant's due deliveries — `status in ('pending',
 * 'failed') and next_attempt_at <= now order by next_attempt_at, id` — which
 * `deliveries_due_idx (tenant_id, status, next_attempt_at)` cannot return in order: two
 * statuses are two ranges, so every claim read and sorted every due row, and draining a
 * backlog of n rows cost n²/batch. A partial index over exactly the claimable rows, in
 * claim order, answers it by reading the first `limit` entries; sent and dead rows (the
 * bulk of the table after a while) are not in it at all.
 *
 * The status listings (the dead-letter list, newest first) get `(tenant_id, status, id)`,
 * which is what they filter and page by, in place of the old index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deliveries_due_idx').execute();
  await db.schema
    .createIndex('deliveries_queue_idx')
    .on('deliveries')
    .columns(['tenant_id', 'next_attempt_at', 'id'])
    .where(sql<boolean>`status in ('pending', 'failed')`)
    .execute();
  await db.schema
    .createIndex('deliveries_status_idx')
    .on('deliveries')
    .columns(['tenant_id', 'status', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deliveries_status_idx').execute();
  await db.schema.dropIndex('deliveries_queue_idx').execute();
  await db.schema
    .createIndex('deliveries_due_idx')
    .on('deliveries')
    .columns(['tenant_id', 'status', 'next_attempt_at'])
    .execute();
}
