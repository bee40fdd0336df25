/**
 * The transactional outbox: a delivery is one message to one place, written in the same
 * transaction as the change that causes it and sent later by the dispatcher, at least once.
 * Every delivery has an idempotency key that travels with each attempt, so a receiver that
 * sees the same message twice (a crash after sending, before marking it sent) can drop it.
 */
export const deliveryChannels = [
  'in_app',
  'email',
  'webhook',
  'wecom',
  'dingtalk',
  'feishu',
] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** The channels that go to a configured endpoint (a URL, maybe with a secret). */
export const endpointChannels = ['webhook', 'wecom', 'dingtalk', 'feishu'] as const;
export type EndpointChannel = (typeof endpointChannels)[number];
export type BotPlatform = Exclude<EndpointChannel, 'webhook'>;

/**
 * pending: not tried yet (or handed back for a retry now); failed: tried, will be retried at
 * `nextAttemptAt`; sent: the receiver accepted it; dead: gave up after the last attempt.
 */
export const deliveryStatuses = ['pending', 'failed', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** What is sent, by channel. The rules engine (and the endpoint ping) build these. */
export interface InAppPayload {
  readonly subject: { readonly type: 'lead' | 'account' | 'opportunity'; readonly id: string };
  /** A notification's facts (see domain/notifications), stored as the inbox stores them. */
  readonly facts: Readonly<Record<string, unknown>> & { readonly kind: string };
}
export interface EmailPayload {
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}
export interface WebhookPayload {
  /** The event's name, e.g. `opportunity.stage_entered` or `ping`. */
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
}
/** A group-bot message: a title and Markdown-ish text each platform renders its own way. */
export interface BotPayload {
  readonly title: string;
  readonly text: string;
}

export type DeliveryPayload = InAppPayload | EmailPayload | WebhookPayload | BotPayload;

export interface Delivery {
  readonly tenantId: string;
  readonly id: string;
  readonly channel: DeliveryChannel;
  /** in_app: a user id; email: an address; the others: a delivery endpoint's id. */
  readonly target: string;
  readonly payload: DeliveryPayload;
  readonly idempotencyKey: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lockedBy: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sentAt: string | null;
}

/** A configured destination: a signed webhook or a group bot of one platform. */
export interface DeliveryEndpoint {
  readonly tenantId: string;
  readonly id: string;
  readonly channel: EndpointChannel;
  readonly name: string;
  readonly url: string;
  /** The webhook signing secret, or the bot's signing secret (加签); null when unsigned. */
  readonly secret: string | null;
  readonly createdAt: string;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 60 * 60_000;

/**
 * Back-off before the next attempt after `attempts` failed ones: 30 s, 1 min, 2 min … capped
 * at six hours, with "equal jitter" (half fixed, half random) so receivers that came back
 * are not hit by every sender at the same instant. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, random: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** What becomes of a delivery whose attempt number `attempts` failed. */
export function afterFailedAttempt(
  attempts: number,
  maxAttempts: number,
  now: Date,
  random: number,
): { status: 'failed'; nextAttemptAt: string } | { status: 'dead' } {
  if (attempts >= maxAttempts) return { status: 'dead' };
  return {
    status: 'failed',
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)).toISOString(),
  };
}

/**
 * An endpoint's URL as it may be shown after creation: bot URLs carry their credential
 * (WeCom's `key`, DingTalk's `access_token` in the query, Feishu's hook token as the last
 * path segment), so query values and a Feishu hook's token are masked.
 */
export function maskedUrl(channel: EndpointChannel, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '***';
  }
  for (const key of [...new Set(parsed.searchParams.keys())]) parsed.searchParams.set(key, '***');
  if (channel === 'feishu') {
    parsed.pathname = parsed.pathname.replace(/[^/]+$/, '***');
  }
  return parsed.toString().replaceAll('%2A%2A%2A', '***');
}
