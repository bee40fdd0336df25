/**
 * Customer lifetime value and repeat purchase — the reference implementation the SQL of
 * store/lifecycle/customer-value.sql.ts must agree with (test/analytics/customer-value.test.ts).
 *
 * A purchase is a contract; its date is the day it was signed (the start date when the
 * signing day was not recorded). Per account: the contracts bought in the period, their
 * value, the cash collected on them (active allocations; a reversed allocation is no cash),
 * the first and last purchase day. Repeat purchase: of the accounts that bought at least
 * once, the share that bought at least twice — overall and per value tier.
 */

export interface PurchaseFact {
  readonly accountId: string;
  /** accounts.value_tier; null: not rated. */
  readonly valueTier: string | null;
  readonly amountMinor: number;
  readonly purchasedOn: string;
  /** Σ active allocations on the contract's installments. */
  readonly collectedMinor: number;
}

export interface AccountValue {
  readonly accountId: string;
  readonly valueTier: string | null;
  readonly contracts: number;
  readonly contractValueMinor: number;
  readonly collectedMinor: number;
  readonly firstPurchaseOn: string;
  readonly lastPurchaseOn: string;
}

export interface RepeatTally {
  readonly accounts: number;
  /** Accounts with two contracts or more. */
  readonly repeatAccounts: number;
  readonly contracts: number;
  readonly contractValueMinor: number;
  readonly collectedMinor: number;
}

export interface CustomerValueFigures {
  readonly overall: RepeatTally;
  /** One row per value tier that has a buyer; `tier` null for unrated accounts. */
  readonly tiers: readonly (RepeatTally & { readonly tier: string | null })[];
  /** Every buying account, most collected first (see `compareAccountValue`). */
  readonly accounts: readonly AccountValue[];
}

/** repeat ÷ accounts; null when no account bought (no rate rather than 0 %). */
export function repeatRate(tally: Pick<RepeatTally, 'accounts' | 'repeatAccounts'>): number | null {
  return tally.accounts === 0 ? null : tally.repeatAccounts / tally.accounts;
}

/** Most collected first, then most contracted, then by id: one order on every database. */
export function compareAccountValue(a: AccountValue, b: AccountValue): number {
  return (
    b.collectedMinor - a.collectedMinor ||
    b.contractValueMinor - a.contractValueMinor ||
    (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
  );
}

/** Tiers in a fixed order: by name, the unrated last. */
export function compareTier(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const emptyTally = (): RepeatTally => ({
  accounts: 0,
  repeatAccounts: 0,
  contracts: 0,
  contractValueMinor: 0,
  collectedMinor: 0,
});

function addAccount(tally: RepeatTally, account: AccountValue): RepeatTally {
  return {
    accounts: tally.accounts + 1,
    repeatAccounts: tally.repeatAccounts + (account.contracts >= 2 ? 1 : 0),
    contracts: tally.contracts + account.contracts,
    contractValueMinor: tally.contractValueMinor + account.contractValueMinor,
    collectedMinor: tally.collectedMinor + account.collectedMinor,
  };
}

/** The figures of the purchases given (already limited to the period and scope). */
export function customerValueFrom(purchases: readonly PurchaseFact[]): CustomerValueFigures {
  const byAccount = new Map<string, AccountValue>();
  for (const p of purchases) {
    const seen = byAccount.get(p.accountId);
    byAccount.set(p.accountId, {
      accountId: p.accountId,
      valueTier: p.valueTier,
      contracts: (seen?.contracts ?? 0) + 1,
      contractValueMinor: (seen?.contractValueMinor ?? 0) + p.amountMinor,
      collectedMinor: (seen?.collectedMinor ?? 0) + p.collectedMinor,
      firstPurchaseOn:
        seen && seen.firstPurchaseOn < p.purchasedOn ? seen.firstPurchaseOn : p.purchasedOn,
      lastPurchaseOn:
        seen && seen.lastPurchaseOn > p.purchasedOn ? seen.lastPurchaseOn : p.purchasedOn,
    });
  }
  const accounts = [...byAccount.values()].sort(compareAccountValue);
  let overall = emptyTally();
  const tiers = new Map<string | null, RepeatTally>();
  for (const account of accounts) {
    overall = addAccount(overall, account);
    tiers.set(account.valueTier, addAccount(tiers.get(account.valueTier) ?? emptyTally(), account));
  }
  return {
    overall,
    tiers: [...tiers.entries()]
      .sort(([a], [b]) => compareTier(a, b))
      .map(([tier, tally]) => ({ tier, ...tally })),
    accounts,
  };
}
