import { describe, expect, it } from 'vitest';
import { volumeTierIssues } from '../domain/catalog/volume-tiers.js';
import { productIssues } from '../domain/catalog/product.js';
import { generateDemoCatalog } from './catalog.js';
import { Random } from './random.js';

describe('generateDemoCatalog', () => {
  const NOW = Date.parse('2026-11-01T00:00:00.000Z');

  it('is reproducible and valid: unique codes, one default book, valid prices', () => {
    const a = generateDemoCatalog(new Random(5), 'CNY', NOW);
    expect(generateDemoCatalog(new Random(5), 'CNY', NOW)).toEqual(a);
    expect(new Set(a.products.map((p) => p.code)).size).toBe(a.products.length);
    for (const product of a.products) expect(productIssues(product)).toEqual([]);
    expect(a.priceBook).toMatchObject({ currency: 'CNY', isDefault: true, active: true });
    expect(a.entries).toHaveLength(a.products.length);
    for (const entry of a.entries) {
      expect(entry.priceBookId).toBe(a.priceBook.id);
      expect(entry.unitPriceMinor).toBeGreaterThan(0);
      expect(volumeTierIssues(entry)).toEqual([]);
    }
    expect(a.entries.some((entry) => entry.volumeTiers.length > 0)).toBe(true);
  });
});
