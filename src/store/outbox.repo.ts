import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type {
  Delivery,
  DeliveryChannel,
  DeliveryEndpoint,
  DeliveryPayload,
  DeliveryStatus,
  EndpointChannel,
} from '../domain/outbox/delivery.js';
import type { DialectName } from './db.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type { Database, DeliveriesTable, DeliveryEndpointsTable } from './schema.js';

/** The outbox tables: deliveries (claimed with a lease like jobs) and delivery endpoints. */

function toDelivery(row: DeliveriesTable): Delivery {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    channel: row.channel as DeliveryChannel,
    target: row.target,
    payload: fromJsonColumn(row.payload) as DeliveryPayload,
    idempotencyKey: row.idempotency_key,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lockedBy: row.locked_by,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

export interface NewDelivery {
  readonly id: string;
  readonly channel: DeliveryChannel;
  readonly target: string;
  readonly payload: DeliveryPayload;
  readonly idempotencyKey: string;
  readonly now: string;
  /** The first attempt waits until then (e.g. the end of the recipient's quiet hours). */
  readonly notBefore?: string;
}

/** Stores a delivery unless one with the same idempotency key exists; true when new. */
export async function insertDelivery(
  db: Kysely<Database>,
  tenantId: string,
  delivery: NewDelivery,
): Promise<boolean> {
  const result = await db
    .insertInto('deliveries')
    .values({
      tenant_id: tenantId,
      id: delivery.id,
      channel: delivery.channel,
      target: delivery.target,
      payload: toJsonColumn(delivery.payload),
      idempotency_key: delivery.idempotencyKey,
      status: 'pending',
      attempts: 0,
      next_attempt_at:
        delivery.notBefore !== undefined && delivery.notBefore > delivery.now
          ? delivery.notBefore
          : delivery.now,
      locked_by: null,
      last_error: null,
      created_at: delivery.now,
      updated_at: delivery.now,
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findDelivery(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Delivery | null> {
  const row = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

export async function findDeliveryByKey(
  db: Kysely<Database>,
  tenantId: string,
  idempotencyKey: string,
): Promise<Delivery | null> {
  const row = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

const byId: SortColumn = { key: 'id', column: 'id' };

/** A tenant's deliveries, newest first (ids are time-ordered), optionally of some statuses. */
export async function listDeliveries(
  db: Kysely<Database>,
  tenantId: string,
  options: {
    statuses: readonly DeliveryStatus[] | null;
    channel: DeliveryChannel | null;
    limit: number;
    cursor: string | null;
  },
): Promise<Page<Delivery>> {
  let query = db.selectFrom('deliveries').selectAll().where('tenant_id', '=', tenantId);
  if (options.statuses) query = query.where('status', 'in', [...options.statuses]);
  if (options.channel) query = query.where('channel', '=', options.channel);
  const page: PageQuery = {
    limit: options.limit,
    cursor: options.cursor,
    sort: byId,
    direction: 'desc',
  };
  const rows = await applyKeyset(query, 'deliveries', page).execute();
  return toPage(rows, page, toDelivery);
}

/**
 * Claims up to `limit` of a tenant's due deliveries for one worker, in one statement: due
 * means pending or failed with `next_attempt_at` passed — which includes rows another worker
 * claimed and never finished, since a claim moves `next_attempt_at` to its lease's end. The
 * attempt is counted at the claim, so a delivery that crashes its sender each time still
 * ends dead. PostgreSQL skips rows other workers hold locked; SQLite has one writer.
 */
export async function claimDeliveries(
  db: Kysely<Database>,
  dialect: DialectName,
  claim: { tenantId: string; workerId: string; now: string; leaseUntil: string; limit: number },
): Promise<Delivery[]> {
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<DeliveriesTable>`
    update deliveries set locked_by = ${claim.workerId}, next_attempt_at = ${claim.leaseUntil},
      attempts = attempts + 1, updated_at = ${claim.now}
    where tenant_id = ${claim.tenantId} and id in (
      select id from deliveries
      where tenant_id = ${claim.tenantId} and status in ('pending', 'failed')
        and next_attempt_at <= ${claim.now}
      order by next_attempt_at, id
      limit ${claim.limit}
      ${lock})
    returning *`.execute(db);
  return result.rows.map(toDelivery).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Records how an attempt ended, only if this worker still holds the claim (a worker whose
 * lease ran out and was overtaken changes nothing); true when it did.
 */
export async function finishDelivery(
  db: Kysely<Database>,
  delivery: Pick<Delivery, 'tenantId' | 'id'>,
  workerId: string,
  outcome:
    | { status: 'sent'; now: string }
    | { status: 'failed'; nextAttemptAt: string; error: string; now: string }
    | { status: 'dead'; error: string; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({
      status: outcome.status,
      locked_by: null,
      updated_at: outcome.now,
      ...(outcome.status === 'sent'
        ? { sent_at: outcome.now, last_error: null }
        : { last_error: outcome.error.slice(0, 2000) }),
      ...(outcome.status === 'failed' ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    })
    .where('tenant_id', '=', delivery.tenantId)
    .where('id', '=', delivery.id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Hands a delivery back for a fresh series of attempts, due now; false when it changed. */
export async function resetDelivery(
  db: Kysely<Database>,
  delivery: Pick<Delivery, 'tenantId' | 'id' | 'updatedAt'>,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      locked_by: null,
      last_error: null,
      sent_at: null,
      updated_at: now,
    })
    .where('tenant_id', '=', delivery.tenantId)
    .where('id', '=', delivery.id)
    .where('updated_at', '=', delivery.updatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function toEndpoint(row: DeliveryEndpointsTable): DeliveryEndpoint {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    channel: row.channel as EndpointChannel,
    name: row.name,
    url: row.url,
    secret: row.secret,
    createdAt: row.created_at,
  };
}

export async function insertEndpoint(
  db: Kysely<Database>,
  endpoint: DeliveryEndpoint & { createdBy: string | null },
): Promise<void> {
  await db
    .insertInto('delivery_endpoints')
    .values({
      tenant_id: endpoint.tenantId,
      id: endpoint.id,
      channel: endpoint.channel,
      name: endpoint.name,
      url: endpoint.url,
      secret: endpoint.secret,
      created_by: endpoint.createdBy,
      created_at: endpoint.createdAt,
    })
    .execute();
}

export async function findEndpoint(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<DeliveryEndpoint | null> {
  const row = await db
    .selectFrom('delivery_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEndpoint(row) : null;
}

export async function endpointNameTaken(
  db: Kysely<Database>,
  tenantId: string,
  name: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('delivery_endpoints')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listEndpoints(
  db: Kysely<Database>,
  tenantId: string,
): Promise<DeliveryEndpoint[]> {
  const rows = await db
    .selectFrom('delivery_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toEndpoint);
}

export async function deleteEndpoint(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('delivery_endpoints')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
