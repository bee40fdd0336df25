import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable } from './columns.js';

/**
 * The transactional outbox (docs/adr/0020-transactional-outbox.md):
 * - `deliveries`: one row per message to one place, written in the transaction of the change
 *   that causes it; the dispatcher claims due rows (`deliveries_due_idx`), sends them and marks
 *   them sent, or schedules a retry, or gives up (`dead`). `idempotency_key` is unique per
 *   tenant (enqueueing the same key twice is one delivery) and travels with every attempt.
 *   A claim pushes `next_attempt_at` to the end of the worker's lease, so a crashed worker's
 *   rows come due again by themselves.
 * - `delivery_endpoints`: a tenant's signed webhooks and group bots (WeCom, DingTalk,
 *   Feishu), unique by name; the secret is needed to sign, so it is kept (never shown again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await ref(
    tenantTable(db, 'delivery_endpoints')
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('url', 'text', (col) => col.notNull())
      .addColumn('secret', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (col) => col.notNull())
      .addUniqueConstraint('delivery_endpoints_name_key', ['tenant_id', 'name']),
    'created_by',
    'users',
  ).execute();

  await tenantTable(db, 'deliveries')
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('payload', t.json, (col) => col.notNull())
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.timestamp, (col) => col.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('updated_at', t.timestamp, (col) => col.notNull())
    .addColumn('sent_at', t.timestamp)
    .addUniqueConstraint('deliveries_idempotency_key', ['tenant_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('deliveries_due_idx')
    .on('deliveries')
    .columns(['tenant_id', 'status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('delivery_endpoints').execute();
}
