import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { MAX_TAGS, normaliseTags, tagKey } from './tags.js';

describe('normaliseTags', () => {
  it('trims, keeps the first spelling of a case-insensitive duplicate, sorts by key', () => {
    expect(normaliseTags([' VIP ', 'vip', '华东', 'Vip', 'renewal', 'Apple'])).toEqual([
      'Apple',
      'renewal',
      'VIP',
      '华东',
    ]);
    expect(tagKey(' VIP ')).toBe('vip');
  });

  it('refuses empty and over-long tags, and more than the maximum', () => {
    for (const bad of [['  '], ['x'.repeat(41)]])
      expect(() => normaliseTags(bad)).toThrow(DomainError);
    expect(normaliseTags(['界'.repeat(40)])).toHaveLength(1);
    const many = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`);
    expect(() => normaliseTags(many)).toThrow(DomainError);
    // Duplicates do not count against the maximum.
    expect(normaliseTags([...many.slice(0, MAX_TAGS), 'T0'])).toHaveLength(MAX_TAGS);
  });
});
