import { z } from 'zod';
import {
  deliveryChannels,
  deliveryStatuses,
  endpointChannels,
} from '../../domain/outbox/delivery.js';
import { Id, Name, TimestampOut } from './common.js';

const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('http(s) URL the endpoint receives POSTs at (a bot’s webhook address)');

export const DeliveryEndpointCreate = z
  .strictObject({
    channel: z
      .enum(endpointChannels)
      .describe('webhook: signed JSON POSTs; wecom, dingtalk, feishu: group-bot messages'),
    name: Name,
    url: HttpUrl,
    secret: z
      .string()
      .min(8)
      .max(200)
      .nullable()
      .optional()
      .describe(
        'Webhook: the signing secret (generated when absent). Bots: the platform’s signing secret (DingTalk 加签, Feishu 签名校验); none for WeCom',
      ),
  })
  .meta({ id: 'DeliveryEndpointCreate' });

export const DeliveryEndpoint = z
  .object({
    id: Id,
    channel: z.enum(endpointChannels),
    name: z.string(),
    url: z.string().describe('With credentials in the query (and a Feishu hook token) masked'),
    signed: z.boolean().describe('Whether requests are signed with a secret'),
    createdAt: TimestampOut,
  })
  .meta({ id: 'DeliveryEndpoint' });

export const DeliveryEndpointCreated = z
  .object({
    endpoint: DeliveryEndpoint,
    secret: z
      .string()
      .nullable()
      .describe('The signing secret: shown in this answer only, never again'),
  })
  .meta({ id: 'DeliveryEndpointCreated' });

export const PingResult = z
  .object({ deliveryId: Id.describe('The queued test delivery (see GET /deliveries/{id})') })
  .meta({ id: 'DeliveryPing' });

export const Delivery = z
  .object({
    id: Id,
    channel: z.enum(deliveryChannels),
    target: z.string().describe('in_app: a user id; email: an address; others: an endpoint id'),
    payload: z.record(z.string(), z.unknown()),
    idempotencyKey: z
      .string()
      .describe('Sent with every attempt (Idempotency-Key header) so receivers de-duplicate'),
    status: z
      .enum(deliveryStatuses)
      .describe('pending: not tried yet; failed: will be retried; sent; dead: gave up'),
    attempts: z.number().int(),
    nextAttemptAt: TimestampOut.nullable().describe('When it is tried next (pending and failed)'),
    lastError: z.string().nullable(),
    createdAt: TimestampOut,
    sentAt: TimestampOut.nullable(),
  })
  .meta({ id: 'Delivery' });

export const DeliveryListQuery = z.strictObject({
  status: z.enum(deliveryStatuses).optional(),
  channel: z.enum(deliveryChannels).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const DeadLetterQuery = DeliveryListQuery.omit({ status: true });

export const DeliveryPage = z
  .object({ items: z.array(Delivery), nextCursor: z.string().nullable() })
  .meta({ id: 'DeliveryPage' });
