import { describe, expect, it } from 'vitest';
import { bucketOf, variantFor } from './assignment.js';
import type { Variant } from './experiment.js';

const text = (key: string, weight: number): Variant => ({
  key,
  name: key,
  weight,
  content: { kind: 'text', text: key },
});

describe('variantFor', () => {
  it('is sticky: the same experiment and record always give the same variant', () => {
    const variants = [text('a', 5000), text('b', 5000)];
    for (let i = 0; i < 50; i += 1) {
      expect(variantFor('exp-1', `rec-${i}`, variants)).toEqual(
        variantFor('exp-1', `rec-${i}`, variants),
      );
    }
  });

  it('follows the weights (20/30/50 within a few points over 20 000 records)', () => {
    const variants = [text('a', 2000), text('b', 3000), text('c', 5000)];
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) {
      const key = variantFor('exp-weights', `rec-${i}`, variants).key;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Binomial SD at n = 20 000 is ≤ 0.0036; 0.02 is more than five of them.
    expect(Math.abs((counts.get('a') ?? 0) / 20_000 - 0.2)).toBeLessThan(0.02);
    expect(Math.abs((counts.get('b') ?? 0) / 20_000 - 0.3)).toBeLessThan(0.02);
    expect(Math.abs((counts.get('c') ?? 0) / 20_000 - 0.5)).toBeLessThan(0.02);
  });

  it('gives a zero-weight variant nothing and keeps buckets in range', () => {
    const variants = [text('a', 10_000), text('b', 0)];
    for (let i = 0; i < 200; i += 1) {
      expect(variantFor('exp-0', `r${i}`, variants).key).toBe('a');
      const bucket = bucketOf('exp-0', `r${i}`);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(10_000);
    }
  });

  it('depends on the experiment: a record is re-drawn in another experiment', () => {
    const variants = [text('a', 5000), text('b', 5000)];
    const differs = Array.from({ length: 100 }, (_, i) => `r${i}`).some(
      (id) => variantFor('exp-x', id, variants).key !== variantFor('exp-y', id, variants).key,
    );
    expect(differs).toBe(true);
  });
});
