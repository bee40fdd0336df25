import { createHmac } from 'node:crypto';
import type { BotPayload, BotPlatform, DeliveryEndpoint, WebhookPayload } from './delivery.js';

/**
 * The exact HTTP requests the outbox sends, as pure functions of the delivery, the endpoint
 * and the time (HMAC is arithmetic, not I/O): a signed webhook, and the group-bot messages in
 * the formats WeCom (企业微信群机器人), DingTalk (钉钉自定义机器人) and Feishu (飞书自定义机器人)
 * document. Every request carries the delivery's idempotency key in `Idempotency-Key`; the
 * bots' payloads have no documented field for one, so it rides in the header only.
 */
export interface OutboundRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface OutgoingDelivery {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly createdAt: string;
}

export const SIGNATURE_HEADER = 'x-pipewright-signature';
export const TIMESTAMP_HEADER = 'x-pipewright-timestamp';

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`: what receivers recompute. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookRequest(
  endpoint: Pick<DeliveryEndpoint, 'url' | 'secret'>,
  delivery: OutgoingDelivery,
  payload: WebhookPayload,
  now: Date,
): OutboundRequest {
  const body = JSON.stringify({
    id: delivery.id,
    event: payload.event,
    occurredAt: delivery.createdAt,
    data: payload.data,
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    url: endpoint.url,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': delivery.idempotencyKey,
      'x-pipewright-delivery': delivery.id,
      'x-pipewright-event': payload.event,
      [TIMESTAMP_HEADER]: timestamp,
      ...(endpoint.secret
        ? { [SIGNATURE_HEADER]: webhookSignature(endpoint.secret, timestamp, body) }
        : {}),
    },
    body,
  };
}

/** WeCom allows 4096 bytes of Markdown content; longer text is cut at a character boundary. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes - 3) break;
    out += char;
    bytes += size;
  }
  return `${out}…`;
}

/** 企业微信 group robot: `{"msgtype":"markdown","markdown":{"content":…}}`. */
export function wecomMessage(message: BotPayload): Record<string, unknown> {
  const content = truncateUtf8(`**${message.title}**\n${message.text}`, WECOM_MARKDOWN_MAX_BYTES);
  return { msgtype: 'markdown', markdown: { content } };
}

/** 钉钉 custom robot: `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`. */
export function dingtalkMessage(message: BotPayload): Record<string, unknown> {
  return {
    msgtype: 'markdown',
    markdown: { title: message.title, text: `#### ${message.title}\n\n${message.text}` },
  };
}

/**
 * DingTalk's 加签: base64(HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`),
 * the timestamp in milliseconds; both go on the URL (the sign URL-encoded).
 */
export function dingtalkSign(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingtalkUrl(url: string, secret: string | null, now: Date): string {
  if (!secret) return url;
  const timestamp = String(now.getTime());
  const sign = encodeURIComponent(dingtalkSign(secret, timestamp));
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
}

/**
 * Feishu's 签名校验: base64(HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an empty
 * message), the timestamp in seconds; both go in the body beside the message.
 */
export function feishuSign(secret: string, timestampSeconds: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** 飞书 custom bot: `{"msg_type":"text","content":{"text":…}}`, signed when it has a secret. */
export function feishuMessage(
  message: BotPayload,
  secret: string | null,
  now: Date,
): Record<string, unknown> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    ...(secret ? { timestamp, sign: feishuSign(secret, timestamp) } : {}),
    msg_type: 'text',
    content: { text: `${message.title}\n${message.text}` },
  };
}

export function botRequest(
  platform: BotPlatform,
  endpoint: Pick<DeliveryEndpoint, 'url' | 'secret'>,
  delivery: OutgoingDelivery,
  message: BotPayload,
  now: Date,
): OutboundRequest {
  const headers = {
    'content-type': 'application/json',
    'idempotency-key': delivery.idempotencyKey,
  };
  switch (platform) {
    case 'wecom':
      return { url: endpoint.url, headers, body: JSON.stringify(wecomMessage(message)) };
    case 'dingtalk':
      return {
        url: dingtalkUrl(endpoint.url, endpoint.secret, now),
        headers,
        body: JSON.stringify(dingtalkMessage(message)),
      };
    case 'feishu':
      return {
        url: endpoint.url,
        headers,
        body: JSON.stringify(feishuMessage(message, endpoint.secret, now)),
      };
  }
}

/**
 * Whether a bot accepted the message: all three answer HTTP 200 even when they refuse it,
 * with `errcode` (WeCom, DingTalk) or `code` (Feishu) non-zero and a reason beside it.
 */
export function botAccepted(
  platform: BotPlatform,
  status: number,
  body: string,
): { ok: true } | { ok: false; error: string } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: `HTTP ${status}: not JSON` };
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const code = platform === 'feishu' ? (record.code ?? record.StatusCode) : record.errcode;
  if (code === 0) return { ok: true };
  const message = platform === 'feishu' ? record.msg : record.errmsg;
  const reason = typeof message === 'string' ? message : '';
  return {
    ok: false,
    error: `${platform} refused: ${String(code)} ${reason}`.trim(),
  };
}

/** The message an endpoint's "send a test" delivers, in both languages. */
export function pingMessage(endpointName: string): BotPayload {
  return {
    title: 'Pipewright 测试消息 / test message',
    text: `此端点可以接收 Pipewright 的通知：${endpointName}\n\nThis endpoint receives Pipewright notifications: ${endpointName}`,
  };
}
