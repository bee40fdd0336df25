import { describe, expect, it } from 'vitest';
import { clashingDefault, isInDate, priceBookIssues } from './price-book.js';
import { productIssues } from './product.js';

const defaults = (id: string, fields: { currency?: 'CNY' | 'USD'; active?: boolean } = {}) => ({
  id,
  currency: fields.currency ?? 'CNY',
  isDefault: true,
  active: fields.active ?? true,
});

describe('clashingDefault', () => {
  it('finds another active default of the same currency only', () => {
    const mine = defaults('new');
    expect(clashingDefault(mine, [defaults('old')])?.id).toBe('old');
    expect(clashingDefault(mine, [defaults('usd', { currency: 'USD' })])).toBeUndefined();
    expect(clashingDefault(mine, [defaults('gone', { active: false })])).toBeUndefined();
    // saving the default itself is not a clash with itself
    expect(clashingDefault(mine, [mine])).toBeUndefined();
    // an archived default may sit beside an active one
    expect(clashingDefault(defaults('x', { active: false }), [defaults('old')])).toBeUndefined();
  });
});

describe('isInDate', () => {
  it.each([
    [null, null, true],
    ['2026-01-01', null, true],
    ['2026-06-16', null, false],
    [null, '2026-06-15', true],
    [null, '2026-06-14', false],
    ['2026-06-15', '2026-06-15', true],
  ])('from %s to %s contains 2026-06-15: %s', (validFrom, validTo, expected) => {
    expect(isInDate({ validFrom, validTo }, '2026-06-15')).toBe(expected);
  });
});

describe('priceBookIssues', () => {
  it('refuses a default narrowed to a channel or tier, and a blank name', () => {
    const base = { name: 'Standard', isDefault: true, channel: null, customerTier: null };
    expect(priceBookIssues(base)).toEqual([]);
    expect(priceBookIssues({ ...base, channel: 'partner' })[0]?.code).toBe('default_not_narrowed');
    expect(priceBookIssues({ ...base, customerTier: 'benchmark' })[0]?.code).toBe(
      'default_not_narrowed',
    );
    expect(priceBookIssues({ ...base, name: '  ' })[0]?.code).toBe('required');
  });
});

describe('productIssues', () => {
  it.each([
    ['AN-SEAT', true],
    ['a.b_c/d-1', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['-leading', false],
    ['has space', false],
    ['中文', false],
  ])('code %s is valid: %s', (code, valid) => {
    expect(productIssues({ code, name: 'n' }).length === 0).toBe(valid);
  });
});
