import { describe, expect, it } from 'vitest';
import {
  botAccepted,
  botRequest,
  dingtalkMessage,
  dingtalkSign,
  dingtalkUrl,
  feishuMessage,
  feishuSign,
  truncateUtf8,
  webhookRequest,
  webhookSignature,
  wecomMessage,
} from './requests.js';

const message = { title: '商机进入方案论证', text: '**华东制造** 进入了 方案论证' };
const delivery = { id: 'd-1', idempotencyKey: 'key-1', createdAt: '2026-11-24T08:00:00.000Z' };
const now = new Date(1_700_000_000_000);

describe('group-bot payloads, in each platform’s documented shape', () => {
  it('WeCom: {"msgtype":"markdown","markdown":{"content":…}}', () => {
    expect(wecomMessage(message)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**商机进入方案论证**\n**华东制造** 进入了 方案论证' },
    });
  });

  it('WeCom: content is cut to the 4096 bytes the platform accepts, on a character boundary', () => {
    const long = wecomMessage({ title: 't', text: '汉'.repeat(3000) });
    const content = (long.markdown as { content: string }).content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(content.endsWith('…')).toBe(true);
    expect(truncateUtf8('short', 10)).toBe('short');
  });

  it('DingTalk: {"msgtype":"markdown","markdown":{"title":…,"text":…}}', () => {
    expect(dingtalkMessage(message)).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '商机进入方案论证',
        text: '#### 商机进入方案论证\n\n**华东制造** 进入了 方案论证',
      },
    });
  });

  it('DingTalk 加签: base64(HMAC-SHA256(secret, timestamp + "\\n" + secret)), URL-encoded on the URL', () => {
    // Expected values computed independently (Python's hmac, as in DingTalk's own sample).
    expect(dingtalkSign('SECtest-secret-123', '1700000000000')).toBe(
      'OdCH901FOf73VhFoU/E7B7DzgzJbshAF1ZFsnN4AYZg=',
    );
    expect(
      dingtalkUrl(
        'https://oapi.dingtalk.com/robot/send?access_token=abc',
        'SECtest-secret-123',
        now,
      ),
    ).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=OdCH901FOf73VhFoU%2FE7B7DzgzJbshAF1ZFsnN4AYZg%3D',
    );
    expect(dingtalkUrl('https://x.test/robot/send?access_token=abc', null, now)).toBe(
      'https://x.test/robot/send?access_token=abc',
    );
  });

  it('Feishu: {"msg_type":"text","content":{"text":…}}, with timestamp and sign when signed', () => {
    expect(feishuMessage(message, null, now)).toEqual({
      msg_type: 'text',
      content: { text: '商机进入方案论证\n**华东制造** 进入了 方案论证' },
    });
    // The key is timestamp + "\n" + secret and the message is empty (Feishu's sample code).
    expect(feishuSign('feishu-secret', '1700000000')).toBe(
      'OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=',
    );
    expect(feishuMessage(message, 'feishu-secret', now)).toEqual({
      timestamp: '1700000000',
      sign: 'OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=',
      msg_type: 'text',
      content: { text: '商机进入方案论证\n**华东制造** 进入了 方案论证' },
    });
  });

  it('every bot request is JSON carrying the idempotency key in a header', () => {
    for (const platform of ['wecom', 'dingtalk', 'feishu'] as const) {
      const request = botRequest(
        platform,
        { url: 'https://bot.test/hook', secret: null },
        delivery,
        message,
        now,
      );
      expect(request.headers['idempotency-key']).toBe('key-1');
      expect(request.headers['content-type']).toBe('application/json');
      expect(() => JSON.parse(request.body) as unknown).not.toThrow();
    }
  });

  it('reads the bots’ answers: HTTP 200 with a non-zero code is a refusal', () => {
    expect(botAccepted('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(botAccepted('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({
      ok: false,
      error: 'dingtalk refused: 310000 sign not match',
    });
    expect(botAccepted('feishu', 200, '{"code":0,"msg":"success","data":{}}')).toEqual({
      ok: true,
    });
    expect(botAccepted('feishu', 200, '{"code":19021,"msg":"sign match fail"}').ok).toBe(false);
    expect(botAccepted('wecom', 502, 'bad gateway')).toEqual({ ok: false, error: 'HTTP 502' });
    expect(botAccepted('wecom', 200, '<html>')).toEqual({ ok: false, error: 'HTTP 200: not JSON' });
  });
});

describe('signed webhooks', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as sha256=<hex>', () => {
    // Computed independently with Python's hmac.
    expect(webhookSignature('whsec_x', '1700000000', '{"a":1}')).toBe(
      'sha256=b3438763ab46d9634b9844c8722818eaf523f803db1327484c6067462a5fd6d1',
    );
  });

  it('sends the event as JSON with the timestamp, signature and idempotency key headers', () => {
    const request = webhookRequest(
      { url: 'https://hooks.test/in', secret: 'whsec_x' },
      delivery,
      { event: 'ping', data: { n: 1 } },
      now,
    );
    expect(JSON.parse(request.body)).toEqual({
      id: 'd-1',
      event: 'ping',
      occurredAt: '2026-11-24T08:00:00.000Z',
      data: { n: 1 },
    });
    expect(request.headers).toMatchObject({
      'idempotency-key': 'key-1',
      'x-pipewright-event': 'ping',
      'x-pipewright-timestamp': '1700000000',
      'x-pipewright-signature': webhookSignature('whsec_x', '1700000000', request.body),
    });
  });
});
