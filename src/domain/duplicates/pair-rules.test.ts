import { describe, expect, it } from 'vitest';
import { matchKeysOf } from './match-keys.js';
import { orderPair, pairReasons, pairScore, pairTypeOf } from './pair-rules.js';

const lead = (id: string) => ({ entityType: 'lead' as const, id });
const account = (id: string) => ({ entityType: 'account' as const, id });
const contact = (id: string) => ({ entityType: 'contact' as const, id });

describe('pair rules', () => {
  it('counts only the keys that make two records of these kinds one', () => {
    // Two leads at one company are colleagues, not duplicates.
    expect(pairReasons(lead('a'), lead('b'), ['company', 'domain'])).toEqual([]);
    expect(pairReasons(lead('a'), lead('b'), ['domain', 'phone', 'email'])).toEqual([
      'email',
      'phone',
    ]);
    expect(pairReasons(lead('a'), account('b'), ['company'])).toEqual(['company']);
    expect(pairReasons(lead('a'), contact('b'), ['company', 'email'])).toEqual(['email']);
    // Accounts and contacts are never paired with each other; a record not with itself.
    expect(pairReasons(account('a'), contact('b'), ['phone'])).toEqual([]);
    expect(pairReasons(lead('a'), lead('a'), ['email'])).toEqual([]);
  });

  it('keeps two accounts with different valid credit codes apart', () => {
    const codes = { a: ['91350100M000100Y43'], b: ['914403001922038216'] };
    expect(pairReasons(account('a'), account('b'), ['company', 'phone'], codes)).toEqual([]);
    expect(pairReasons(account('a'), account('b'), ['company'], { a: codes.a, b: [] })).toEqual([
      'company',
    ]);
  });

  it('stores a pair in one order whichever record came first', () => {
    expect(orderPair(account('x'), lead('y'))).toEqual([lead('y'), account('x')]);
    expect(orderPair(lead('b'), lead('a'))).toEqual([lead('a'), lead('b')]);
    expect(pairTypeOf('contact', 'lead')).toBe('lead_contact');
    expect(pairTypeOf('account', 'contact')).toBeNull();
  });

  it('scores by the strongest reason plus a little for each further one', () => {
    expect(pairScore([])).toBe(0);
    expect(pairScore(['domain'])).toBe(40);
    expect(pairScore(['phone', 'person'])).toBe(85);
    expect(pairScore(['credit_code', 'company', 'phone', 'domain'])).toBe(100);
  });

  it('derives the keys each kind of record is found by', () => {
    expect(
      matchKeysOf({
        entityType: 'lead',
        id: 'l',
        name: '张 三',
        company: '博远科技有限公司',
        email: 'Zhang@BoYuan.cn',
        phone: '+86 138 0013 8000',
      }),
    ).toEqual([
      { kind: 'email', value: 'zhang@boyuan.cn' },
      { kind: 'phone', value: '13800138000' },
      { kind: 'company', value: '博远科技' },
      { kind: 'domain', value: 'boyuan.cn' },
      { kind: 'person', value: '博远科技|张三' },
    ]);
    expect(
      matchKeysOf({
        entityType: 'account',
        id: 'a',
        name: '有限公司',
        creditCode: '91350100M000100Y44',
        website: null,
        phone: null,
      }),
    ).toEqual([]);
  });
});
