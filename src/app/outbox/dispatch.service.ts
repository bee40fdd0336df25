import { factsFrom } from '../../domain/notifications/notification.js';
import { afterFailedAttempt, DEFAULT_MAX_ATTEMPTS } from '../../domain/outbox/delivery.js';
import type {
  BotPayload,
  Delivery,
  EmailPayload,
  InAppPayload,
  WebhookPayload,
} from '../../domain/outbox/delivery.js';
import { botAccepted, botRequest, webhookRequest } from '../../domain/outbox/requests.js';
import { claimDeliveries, findEndpoint, finishDelivery } from '../../store/outbox.repo.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { notify } from '../notifications.service.js';
import { inTransaction } from '../transaction.js';
import type { Transports } from './transports.js';

/**
 * The dispatcher: claims a tenant's due deliveries with a lease, sends each, and records
 * the outcome — sent, retried later with back-off and jitter, or dead after the last
 * attempt. At least once: a worker that dies before sending leaves its claim to expire (the
 * delivery comes due again), one that dies after sending but before recording it causes a
 * second send with the same idempotency key, which the receiver de-duplicates.
 */
export interface DispatchOptions {
  readonly workerId: string;
  /** How long a claim lasts: longer than a batch can take, or another worker resends. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** A bound on one run, so a queue that keeps refilling cannot hold a worker forever. */
  readonly maxBatches?: number;
  readonly maxAttempts?: number;
  /** The jitter's randomness, in [0, 1) (tests pin it). */
  readonly random?: () => number;
  /** Called between batches (the job renews its own lease there). */
  readonly keepAlive?: () => Promise<void>;
}

export interface DispatchReport {
  readonly sent: number;
  readonly retried: number;
  readonly dead: number;
}

/** A failure no retry can fix (a deleted endpoint, a malformed payload): dead at once. */
class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_BATCH = 10;
const DEFAULT_MAX_BATCHES = 100;

export async function dispatchDeliveries(
  ctx: AppContext,
  tenantId: string,
  transports: Transports,
  options: DispatchOptions,
): Promise<DispatchReport> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const random = options.random ?? Math.random;
  const counts = { sent: 0, retried: 0, dead: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? DEFAULT_MAX_BATCHES); batch++) {
    const now = ctx.clock.now();
    const claimed = await claimDeliveries(ctx.store.db, ctx.store.dialect, {
      tenantId,
      workerId: options.workerId,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      limit: options.batchSize ?? DEFAULT_BATCH,
    });
    if (claimed.length === 0) break;
    for (const delivery of claimed) {
      try {
        await send(ctx, delivery, transports, options.workerId);
        counts.sent += 1;
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const at = ctx.clock.now();
        const next =
          error instanceof PermanentFailure
            ? ({ status: 'dead' } as const)
            : afterFailedAttempt(delivery.attempts, maxAttempts, at, random());
        await finishDelivery(
          ctx.store.db,
          delivery,
          options.workerId,
          next.status === 'dead'
            ? { status: 'dead', error: message, now: at.toISOString() }
            : {
                status: 'failed',
                nextAttemptAt: next.nextAttemptAt,
                error: message,
                now: at.toISOString(),
              },
        );
        counts[next.status === 'dead' ? 'dead' : 'retried'] += 1;
      }
    }
    await options.keepAlive?.();
  }
  return counts;
}

/** One attempt; returns once the delivery is recorded sent, throws when the send failed. */
async function send(
  ctx: AppContext,
  delivery: Delivery,
  transports: Transports,
  workerId: string,
): Promise<void> {
  switch (delivery.channel) {
    case 'in_app':
      // The inbox is in our own database: the notice and "sent" commit together, and the
      // notification's dedupe key is the delivery's, so even a replay tells no one twice.
      await inTransaction(ctx, async (trx) => {
        const payload = delivery.payload as InAppPayload;
        const facts = factsFrom(payload.facts.kind, payload.facts);
        if (!facts) throw new PermanentFailure(`unknown notification kind ${payload.facts.kind}`);
        await notify(trx, ctx, delivery.tenantId, {
          userId: delivery.target,
          subject: { type: payload.subject.type, id: payload.subject.id },
          facts,
          dedupeKey: `outbox:${delivery.idempotencyKey}`,
        });
        await finishDelivery(trx, delivery, workerId, { status: 'sent', now: nowIso(ctx) });
      });
      return;
    case 'email': {
      if (!transports.mail) throw new Error('no SMTP server is configured (PIPEWRIGHT_SMTP_URL)');
      const payload = delivery.payload as EmailPayload;
      await transports.mail.send({
        to: delivery.target,
        subject: payload.subject,
        text: payload.text,
        ...(payload.html !== undefined ? { html: payload.html } : {}),
        messageId: `<${delivery.id}@outbox.pipewright>`,
        headers: { 'Idempotency-Key': delivery.idempotencyKey },
      });
      break;
    }
    case 'webhook':
    case 'wecom':
    case 'dingtalk':
    case 'feishu': {
      const endpoint = await findEndpoint(ctx.store.db, delivery.tenantId, delivery.target);
      if (!endpoint || endpoint.channel !== delivery.channel) {
        throw new PermanentFailure('the delivery endpoint was deleted');
      }
      const now = ctx.clock.now();
      if (delivery.channel === 'webhook') {
        const request = webhookRequest(endpoint, delivery, delivery.payload as WebhookPayload, now);
        const response = await transports.http.post(request);
        if (response.status < 200 || response.status >= 300) {
          throw new Error(`HTTP ${response.status}: ${response.body.slice(0, 200)}`);
        }
      } else {
        const request = botRequest(
          delivery.channel,
          endpoint,
          delivery,
          delivery.payload as BotPayload,
          now,
        );
        const response = await transports.http.post(request);
        const verdict = botAccepted(delivery.channel, response.status, response.body);
        if (!verdict.ok) throw new Error(verdict.error);
      }
      break;
    }
  }
  await finishDelivery(ctx.store.db, delivery, workerId, { status: 'sent', now: nowIso(ctx) });
}
