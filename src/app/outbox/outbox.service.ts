import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type {
  BotPayload,
  BotPlatform,
  Delivery,
  DeliveryChannel,
  DeliveryStatus,
  EmailPayload,
  InAppPayload,
  WebhookPayload,
} from '../../domain/outbox/delivery.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  findDelivery,
  findDeliveryByKey,
  insertDelivery,
  listDeliveries,
  resetDelivery,
} from '../../store/outbox.repo.js';
import type { Page } from '../../store/pagination.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { dbFor, inTransaction } from '../transaction.js';

/**
 * What a use-case asks the outbox to send. The target depends on the channel: a user id
 * (in-app), an e-mail address, or a delivery endpoint's id (webhook and bots).
 */
export type DeliveryRequest = (
  | { readonly channel: 'in_app'; readonly target: string; readonly payload: InAppPayload }
  | { readonly channel: 'email'; readonly target: string; readonly payload: EmailPayload }
  | { readonly channel: 'webhook'; readonly target: string; readonly payload: WebhookPayload }
  | { readonly channel: BotPlatform; readonly target: string; readonly payload: BotPayload }
) & {
  /**
   * Names the delivery for de-duplication (e.g. `rule:<id>:<event>:<target>`): enqueueing
   * the same key twice is one delivery. Defaults to the delivery's own id.
   */
  readonly idempotencyKey?: string;
  /**
   * An ISO instant before which the dispatcher must not send it (the end of the recipient's
   * quiet hours); a past instant, or none, means as soon as possible.
   */
  readonly notBefore?: string;
};

/**
 * Puts a delivery in the outbox inside the caller's transaction, so it exists exactly when
 * the change it reports does; the dispatcher sends it after the commit. Returns the
 * delivery's id (the existing one when the key was used before).
 */
export async function enqueueDelivery(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  request: DeliveryRequest,
): Promise<{ id: string; created: boolean }> {
  const id = ctx.newId();
  const idempotencyKey = request.idempotencyKey ?? id;
  const created = await insertDelivery(trx, tenantId, {
    id,
    channel: request.channel,
    target: request.target,
    payload: request.payload,
    idempotencyKey,
    now: nowIso(ctx),
    ...(request.notBefore !== undefined ? { notBefore: request.notBefore } : {}),
  });
  if (created) return { id, created };
  const existing = await findDeliveryByKey(trx, tenantId, idempotencyKey);
  return { id: existing?.id ?? id, created: false };
}

/** The statuses the dead-letter list shows. */
const deadLetters: readonly DeliveryStatus[] = ['dead'];

export async function deliveries(
  ctx: AppContext,
  principal: Principal,
  options: {
    status: DeliveryStatus | null;
    channel: DeliveryChannel | null;
    deadOnly?: boolean;
    limit: number;
    cursor: string | null;
  },
): Promise<Page<Delivery>> {
  authorize(principal, 'tenant.configure');
  const statuses = options.deadOnly ? deadLetters : options.status ? [options.status] : null;
  return listDeliveries(dbFor(ctx), principal.tenantId, {
    statuses,
    channel: options.channel,
    limit: options.limit,
    cursor: options.cursor,
  });
}

export async function getDelivery(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Delivery> {
  authorize(principal, 'tenant.configure');
  const delivery = await findDelivery(dbFor(ctx), principal.tenantId, id);
  if (!delivery) throw notFound('delivery');
  return delivery;
}

/**
 * Sends a delivery again from scratch (attempts back to 0, due now) with the same
 * idempotency key, so a receiver that already has it can ignore it: for dead letters after
 * the receiver is fixed, or to resend one that was sent. A delivery a worker holds right now
 * is refused (409) rather than sent twice at once.
 */
export async function redeliver(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Delivery> {
  authorize(principal, 'tenant.configure');
  return inTransaction(ctx, async (trx) => {
    const current = await findDelivery(trx, principal.tenantId, id);
    if (!current) throw notFound('delivery');
    const now = nowIso(ctx);
    if (current.lockedBy !== null && current.nextAttemptAt > now) {
      throw new DomainError('delivery_in_flight', { until: current.nextAttemptAt });
    }
    if (!(await resetDelivery(trx, current, now))) {
      throw new DomainError('delivery_in_flight', { until: now });
    }
    const after = await findDelivery(trx, principal.tenantId, id);
    if (!after) throw notFound('delivery');
    await recordAudit(trx, ctx, principal, {
      entityType: 'delivery',
      entityId: id,
      action: 'update',
      before: { status: current.status, attempts: current.attempts },
      after: { status: after.status, attempts: after.attempts },
    });
    return after;
  });
}
