import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a, HELD_OUT_PERCENT, isHeldOut } from './split.js';

describe('held-out split', () => {
  it('is the published FNV-1a hash', () => {
    // Reference values of 32-bit FNV-1a.
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('always puts the same deal on the same side', () => {
    fc.assert(fc.property(fc.uuid(), (id) => isHeldOut(id) === isHeldOut(id)));
  });

  it('holds out about a fifth of deals', () => {
    const ids = Array.from(
      { length: 5000 },
      (_, i) =>
        `0190c2a4-${String(i).padStart(4, '0')}-7abc-8def-${(i * 7919).toString(16).padStart(12, '0')}`,
    );
    const share = ids.filter((id) => isHeldOut(id)).length / ids.length;
    expect(share).toBeGreaterThan(HELD_OUT_PERCENT / 100 - 0.03);
    expect(share).toBeLessThan(HELD_OUT_PERCENT / 100 + 0.03);
  });

  it('holds out nothing at 0% and everything at 100%', () => {
    fc.assert(fc.property(fc.string(), (id) => !isHeldOut(id, 0) && isHeldOut(id, 100)));
  });
});
