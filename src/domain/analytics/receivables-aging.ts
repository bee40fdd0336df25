import { addDays } from './period.js';
import { byKey, daysFromTo, receivableInstallments } from './receivables.js';
import type { ReceivablesFacts } from './receivables.js';

/**
 * Receivables aging as of a date: for every installment still owed (not paid, amount − collected
 * > 0, contract not terminated), its outstanding amount in one bucket by days overdue =
 * asOf − due date. Due today or later is "not yet due"; exactly 30 days overdue is 1–30.
 * Per currency (never added together), with the split per account and per owner.
 */
export const AGING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export type AgingAmounts = Record<AgingBucket | 'total', number>;

export interface AgingCurrency {
  readonly currency: string;
  readonly totals: AgingAmounts;
  /** Ordered by account id. */
  readonly accounts: readonly ({ readonly accountId: string } & AgingAmounts)[];
  /** Ordered by owner id. */
  readonly owners: readonly ({ readonly ownerId: string } & AgingAmounts)[];
}

export function agingBucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'notDue';
  if (daysOverdue <= 30) return 'days1to30';
  if (daysOverdue <= 60) return 'days31to60';
  if (daysOverdue <= 90) return 'days61to90';
  return 'over90';
}

/**
 * The due dates bounding the buckets as of `asOf`, so SQL buckets with plain date
 * comparisons: an installment is more than n days overdue exactly when its due date is
 * before `asOf − n` (over30, over60, over90), and not yet due when it is on or after `asOf`.
 */
export function agingThresholds(asOf: string) {
  return {
    due: asOf,
    over30: addDays(asOf, -30),
    over60: addDays(asOf, -60),
    over90: addDays(asOf, -90),
  };
}

export const emptyAging = (): AgingAmounts => ({
  notDue: 0,
  days1to30: 0,
  days31to60: 0,
  days61to90: 0,
  over90: 0,
  total: 0,
});

export function addAging(into: AgingAmounts, from: AgingAmounts): void {
  for (const key of [...AGING_BUCKETS, 'total'] as const) into[key] += from[key];
}

export function agingOf(facts: ReceivablesFacts, asOf: string): AgingCurrency[] {
  const currencies = new Map<
    string,
    { totals: AgingAmounts; accounts: Map<string, AgingAmounts>; owners: Map<string, AgingAmounts> }
  >();
  const at = <K>(map: Map<K, AgingAmounts>, key: K) => {
    const existing = map.get(key);
    if (existing) return existing;
    const created = emptyAging();
    map.set(key, created);
    return created;
  };
  for (const { installment, contract } of receivableInstallments(facts)) {
    const outstanding = installment.amountMinor - installment.collectedMinor;
    if (installment.status === 'paid' || outstanding <= 0) continue;
    const bucket = agingBucketOf(daysFromTo(installment.dueDate, asOf));
    let group = currencies.get(contract.currency);
    if (!group) {
      group = { totals: emptyAging(), accounts: new Map(), owners: new Map() };
      currencies.set(contract.currency, group);
    }
    for (const amounts of [
      group.totals,
      at(group.accounts, contract.accountId),
      at(group.owners, contract.ownerId),
    ]) {
      amounts[bucket] += outstanding;
      amounts.total += outstanding;
    }
  }
  return byKey(currencies.entries(), ([currency]) => currency).map(([currency, group]) => ({
    currency,
    totals: group.totals,
    accounts: byKey(group.accounts.entries(), ([id]) => id).map(([accountId, amounts]) => ({
      accountId,
      ...amounts,
    })),
    owners: byKey(group.owners.entries(), ([id]) => id).map(([ownerId, amounts]) => ({
      ownerId,
      ...amounts,
    })),
  }));
}
