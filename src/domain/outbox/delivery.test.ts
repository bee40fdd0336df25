import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, maskedUrl, retryDelayMs } from './delivery.js';

describe('retry back-off', () => {
  it('doubles from 30 s with equal jitter: between half and all of the ceiling', () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 1)).toBe(30_000);
    expect(retryDelayMs(2, 0)).toBe(30_000);
    expect(retryDelayMs(4, 0.5)).toBe(180_000);
  });

  it('is capped at six hours however many attempts failed', () => {
    expect(retryDelayMs(40, 1)).toBe(6 * 3_600_000);
  });

  it('dead-letters after the last attempt, and schedules the next one before it', () => {
    const now = new Date('2026-11-24T08:00:00.000Z');
    expect(afterFailedAttempt(3, 3, now, 0.5)).toEqual({ status: 'dead' });
    expect(afterFailedAttempt(1, 3, now, 1)).toEqual({
      status: 'failed',
      nextAttemptAt: '2026-11-24T08:00:30.000Z',
    });
  });
});

describe('masked endpoint URLs', () => {
  it('hides the credentials bots carry in their URLs', () => {
    expect(maskedUrl('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***',
    );
    expect(maskedUrl('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/tok')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/***',
    );
    expect(maskedUrl('webhook', 'https://hooks.test/in')).toBe('https://hooks.test/in');
  });
});
