import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, afterFailure, retryDelayMs, slotAt } from './job.js';

describe('slotAt', () => {
  it('gives every moment in the same interval the same slot', () => {
    // two schedulers a few seconds apart must create the same run, not two
    const a = slotAt(300_000, new Date('2026-11-23T10:01:07Z'));
    const b = slotAt(300_000, new Date('2026-11-23T10:04:59.999Z'));
    expect(a).toEqual(b);
    expect(a.runAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('moves to the next slot at the boundary', () => {
    expect(slotAt(300_000, new Date('2026-11-23T10:05:00Z')).slot).toBe('2026-11-23T10:05:00.000Z');
  });
});

describe('retries', () => {
  it('backs off exponentially with a cap', () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it('gives up after the last attempt', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(afterFailure(1, now)).toEqual({ status: 'pending', runAt: '2026-11-23T10:01:00.000Z' });
    expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ status: 'failed' });
  });
});
