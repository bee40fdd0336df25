import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  createEndpoint,
  endpoints,
  pingEndpoint,
  removeEndpoint,
} from '../../app/outbox/endpoints.service.js';
import { deliveries, getDelivery, redeliver } from '../../app/outbox/outbox.service.js';
import type { Delivery as DeliveryRecord } from '../../domain/outbox/delivery.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  DeadLetterQuery,
  Delivery,
  DeliveryEndpoint,
  DeliveryEndpointCreate,
  DeliveryEndpointCreated,
  DeliveryListQuery,
  DeliveryPage,
  PingResult,
} from '../schemas/outbox.schema.js';

const tags = ['Deliveries'];

function deliveryOut(delivery: DeliveryRecord) {
  const finished = delivery.status === 'sent' || delivery.status === 'dead';
  return {
    id: delivery.id,
    channel: delivery.channel,
    target: delivery.target,
    payload: { ...delivery.payload },
    idempotencyKey: delivery.idempotencyKey,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: finished ? null : delivery.nextAttemptAt,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    sentAt: delivery.sentAt,
  };
}

/**
 * The transactional outbox, for admins: the tenant's webhook and group-bot endpoints, the
 * deliveries (with the dead letters) and redelivery.
 */
export function outboxRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/delivery-endpoints',
    {
      schema: {
        tags,
        operationId: 'listDeliveryEndpoints',
        summary: 'The tenant’s webhooks and group bots (never their secrets)',
        response: { 200: DeliveryEndpoint.array(), ...problems(401, 403) },
      },
    },
    async (request) => endpoints(ctx, requirePrincipal(request)),
  );

  app.post(
    '/delivery-endpoints',
    {
      schema: {
        tags,
        operationId: 'createDeliveryEndpoint',
        summary: 'Add a signed webhook or a WeCom, DingTalk or Feishu group bot',
        description:
          'Webhook requests carry `X-Pipewright-Timestamp` and `X-Pipewright-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, and `Idempotency-Key`. The secret is shown only in this answer.',
        body: DeliveryEndpointCreate,
        response: { 201: DeliveryEndpointCreated, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEndpoint(ctx, requirePrincipal(request), request.body)),
  );

  app.delete(
    '/delivery-endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'deleteDeliveryEndpoint',
        summary: 'Remove an endpoint; deliveries still queued for it end dead',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeEndpoint(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/delivery-endpoints/:id/ping',
    {
      schema: {
        tags,
        operationId: 'pingDeliveryEndpoint',
        summary: 'Queue a test message to the endpoint (sent by the outbox like any other)',
        params: IdParams,
        response: { 202: PingResult, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await pingEndpoint(ctx, requirePrincipal(request), request.params.id)),
  );

  app.get(
    '/deliveries',
    {
      schema: {
        tags,
        operationId: 'listDeliveries',
        summary: 'The outbox’s deliveries, newest first, by status and channel',
        querystring: DeliveryListQuery,
        response: { 200: DeliveryPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await deliveries(ctx, requirePrincipal(request), {
        status: request.query.status ?? null,
        channel: request.query.channel ?? null,
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor ?? null,
      });
      return { items: page.items.map(deliveryOut), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/deliveries/dead-letters',
    {
      schema: {
        tags,
        operationId: 'listDeadLetters',
        summary: 'Deliveries that failed every attempt, newest first',
        querystring: DeadLetterQuery,
        response: { 200: DeliveryPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await deliveries(ctx, requirePrincipal(request), {
        status: null,
        deadOnly: true,
        channel: request.query.channel ?? null,
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor ?? null,
      });
      return { items: page.items.map(deliveryOut), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/deliveries/:id',
    {
      schema: {
        tags,
        operationId: 'getDelivery',
        summary: 'One delivery: its status, attempts and last error',
        params: IdParams,
        response: { 200: Delivery, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      deliveryOut(await getDelivery(ctx, requirePrincipal(request), request.params.id)),
  );

  app.post(
    '/deliveries/:id/redeliver',
    {
      schema: {
        tags,
        operationId: 'redeliverDelivery',
        summary: 'Send a delivery again (attempts reset, same idempotency key)',
        params: IdParams,
        response: { 200: Delivery, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      deliveryOut(await redeliver(ctx, requirePrincipal(request), request.params.id)),
  );
}
