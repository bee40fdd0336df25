import { randomBytes } from 'node:crypto';
import { DomainError, notFound } from '../../domain/errors.js';
import { maskedUrl } from '../../domain/outbox/delivery.js';
import type { DeliveryEndpoint, EndpointChannel } from '../../domain/outbox/delivery.js';
import { pingMessage } from '../../domain/outbox/requests.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  deleteEndpoint,
  endpointNameTaken,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
} from '../../store/outbox.repo.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { dbFor, inTransaction } from '../transaction.js';
import { enqueueDelivery } from './outbox.service.js';
import type { DeliveryRequest } from './outbox.service.js';

/**
 * A tenant's delivery endpoints: signed webhooks and group bots. Admins manage them; the
 * secret is shown once, in the answer to the create, and never again (it stays stored
 * because signing needs it).
 */
export interface EndpointInput {
  readonly channel: EndpointChannel;
  readonly name: string;
  readonly url: string;
  /** A webhook without one gets a generated secret; a bot's is the platform's (加签) or none. */
  readonly secret?: string | null;
}

export type EndpointView = Omit<DeliveryEndpoint, 'secret' | 'tenantId'> & {
  readonly signed: boolean;
};

/** Never the secret; the URL with its credentials masked (a bot's URL is its password). */
const view = ({ secret, tenantId: _tenant, ...endpoint }: DeliveryEndpoint): EndpointView => ({
  ...endpoint,
  url: maskedUrl(endpoint.channel, endpoint.url),
  signed: secret !== null,
});

/** Recognisable in logs and secret scanners; 256 random bits. */
const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export async function createEndpoint(
  ctx: AppContext,
  principal: Principal,
  input: EndpointInput,
): Promise<{ endpoint: EndpointView; secret: string | null }> {
  authorize(principal, 'tenant.configure');
  return inTransaction(ctx, async (trx) => {
    if (await endpointNameTaken(trx, principal.tenantId, input.name)) {
      throw new DomainError('duplicate', { field: 'name' });
    }
    const secret =
      input.secret ?? (input.channel === 'webhook' ? newWebhookSecret() : null) ?? null;
    const endpoint: DeliveryEndpoint = {
      tenantId: principal.tenantId,
      id: ctx.newId(),
      channel: input.channel,
      name: input.name,
      url: input.url,
      secret,
      createdAt: nowIso(ctx),
    };
    await insertEndpoint(trx, { ...endpoint, createdBy: principal.userId });
    await recordAudit(trx, ctx, principal, {
      entityType: 'delivery_endpoint',
      entityId: endpoint.id,
      action: 'create',
      before: null,
      after: view(endpoint),
    });
    return { endpoint: view(endpoint), secret };
  });
}

export async function endpoints(ctx: AppContext, principal: Principal): Promise<EndpointView[]> {
  authorize(principal, 'tenant.configure');
  return (await listEndpoints(dbFor(ctx), principal.tenantId)).map(view);
}

/** Deliveries still queued for a deleted endpoint end dead (their target is gone). */
export async function removeEndpoint(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'tenant.configure');
  await inTransaction(ctx, async (trx) => {
    const endpoint = await findEndpoint(trx, principal.tenantId, id);
    if (!endpoint || !(await deleteEndpoint(trx, principal.tenantId, id))) {
      throw notFound('delivery_endpoint');
    }
    await recordAudit(trx, ctx, principal, {
      entityType: 'delivery_endpoint',
      entityId: id,
      action: 'delete',
      before: view(endpoint),
      after: null,
    });
  });
}

/** Queues a test message to the endpoint through the outbox, like any other delivery. */
export async function pingEndpoint(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<{ deliveryId: string }> {
  authorize(principal, 'tenant.configure');
  return inTransaction(ctx, async (trx) => {
    const endpoint = await findEndpoint(trx, principal.tenantId, id);
    if (!endpoint) throw notFound('delivery_endpoint');
    const request: DeliveryRequest =
      endpoint.channel === 'webhook'
        ? {
            channel: 'webhook',
            target: endpoint.id,
            payload: { event: 'ping', data: { endpointId: endpoint.id, name: endpoint.name } },
          }
        : { channel: endpoint.channel, target: endpoint.id, payload: pingMessage(endpoint.name) };
    const { id: deliveryId } = await enqueueDelivery(trx, ctx, principal.tenantId, request);
    await recordAudit(trx, ctx, principal, {
      entityType: 'delivery',
      entityId: deliveryId,
      action: 'create',
      before: null,
      after: { channel: endpoint.channel, target: endpoint.id, event: 'ping' },
    });
    return { deliveryId };
  });
}
