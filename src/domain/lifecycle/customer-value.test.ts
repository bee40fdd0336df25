import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerValueFrom, repeatRate } from './customer-value.js';
import type { PurchaseFact } from './customer-value.js';
import { lineageIssues } from './deal-kind.js';

const purchase = fc.record({
  accountId: fc.constantFrom('a', 'b', 'c', 'd'),
  valueTier: fc.constantFrom('benchmark', 'potential', null),
  amountMinor: fc.integer({ min: 0, max: 10_000_000 }),
  purchasedOn: fc.constantFrom('2025-01-01', '2025-06-30', '2026-02-01'),
  collectedMinor: fc.integer({ min: 0, max: 10_000_000 }),
});

/** Each account keeps one tier in the data the report reads (it is the account's column). */
const consistentTiers = (list: PurchaseFact[]): PurchaseFact[] => {
  const tier = new Map<string, string | null>();
  return list.map((p) => {
    if (!tier.has(p.accountId)) tier.set(p.accountId, p.valueTier);
    return { ...p, valueTier: tier.get(p.accountId) ?? null };
  });
};

describe('customer value reference', () => {
  it('keeps every contract and every minor unit, overall and across tiers', () => {
    fc.assert(
      fc.property(fc.array(purchase, { maxLength: 40 }).map(consistentTiers), (purchases) => {
        const figures = customerValueFrom(purchases);
        const sum = (f: (p: PurchaseFact) => number) => purchases.reduce((s, p) => s + f(p), 0);
        expect(figures.overall.contracts).toBe(purchases.length);
        expect(figures.overall.collectedMinor).toBe(sum((p) => p.collectedMinor));
        expect(figures.overall.contractValueMinor).toBe(sum((p) => p.amountMinor));
        expect(figures.overall.accounts).toBe(new Set(purchases.map((p) => p.accountId)).size);
        expect(figures.tiers.reduce((s, t) => s + t.accounts, 0)).toBe(figures.overall.accounts);
        expect(figures.tiers.reduce((s, t) => s + t.repeatAccounts, 0)).toBe(
          figures.overall.repeatAccounts,
        );
        const rate = repeatRate(figures.overall);
        if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0);
        if (rate !== null) expect(rate).toBeLessThanOrEqual(1);
        for (const account of figures.accounts)
          expect(account.firstPurchaseOn <= account.lastPurchaseOn).toBe(true);
      }),
    );
  });

  it('counts an account with two contracts as a repeat buyer, the unrated last', () => {
    const base = { amountMinor: 100, collectedMinor: 50, purchasedOn: '2025-01-01' };
    const figures = customerValueFrom([
      { ...base, accountId: 'a', valueTier: null },
      { ...base, accountId: 'a', valueTier: null, purchasedOn: '2026-01-01' },
      { ...base, accountId: 'b', valueTier: 'benchmark', collectedMinor: 500 },
    ]);
    expect(figures.overall).toMatchObject({ accounts: 2, repeatAccounts: 1 });
    expect(repeatRate(figures.overall)).toBe(0.5);
    expect(figures.tiers.map((t) => t.tier)).toEqual(['benchmark', null]);
    expect(figures.accounts.map((a) => a.accountId)).toEqual(['b', 'a']);
    expect(figures.accounts[1]).toMatchObject({
      firstPurchaseOn: '2025-01-01',
      lastPurchaseOn: '2026-01-01',
    });
    expect(repeatRate({ accounts: 0, repeatAccounts: 0 })).toBeNull();
  });
});

describe('deal lineage rules', () => {
  it('keeps a new deal without an origin and an expansion on the contract’s account', () => {
    expect(lineageIssues({ dealKind: 'new', originContractId: null }, 'a', null)).toEqual([]);
    expect(
      lineageIssues({ dealKind: 'new', originContractId: 'c' }, 'a', { accountId: 'a' })[0]?.code,
    ).toBe('origin_needs_kind');
    expect(
      lineageIssues({ dealKind: 'upsell', originContractId: 'c' }, 'a', { accountId: 'b' })[0]
        ?.code,
    ).toBe('origin_other_account');
    expect(
      lineageIssues({ dealKind: 'renewal', originContractId: 'c' }, 'a', { accountId: 'a' }),
    ).toEqual([]);
  });
});
