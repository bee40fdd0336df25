import { dealKinds } from '../../domain/lifecycle/deal-kind.js';
import type { DealKind } from '../../domain/lifecycle/deal-kind.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { accountLifetime, dealsByKind } from '../../store/lifecycle.repo.js';
import type { LifetimeByCurrency } from '../../store/lifecycle.repo.js';
import { assertVisible, authorize, visibilityOf } from '../access.js';
import type { AppContext } from '../context.js';
import { dbFor } from '../transaction.js';

export interface DealKindTally {
  readonly dealKind: DealKind;
  readonly open: number;
  readonly won: number;
  readonly lost: number;
}

export interface AccountLifetime {
  readonly accountId: string;
  /** Per currency: amounts are never added across currencies. */
  readonly currencies: readonly LifetimeByCurrency[];
  readonly contracts: number;
  readonly firstPurchaseOn: string | null;
  readonly lastPurchaseOn: string | null;
  /** Bought twice or more (the repeat-purchase definition of the customer-value report). */
  readonly repeatCustomer: boolean;
  /** The account's deals the caller may see, per kind. */
  readonly deals: readonly DealKindTally[];
}

/** One customer's lifetime: what it bought, what it paid, which deals grew from it. */
export async function getAccountLifetime(
  ctx: AppContext,
  principal: Principal,
  accountId: string,
): Promise<AccountLifetime> {
  authorize(principal, 'opportunities.read');
  const db = dbFor(ctx);
  await assertVisible(db, principal, 'accounts', accountId, 'account');
  const currencies = await accountLifetime(db, principal.tenantId, accountId);
  const tallies = await dealsByKind(
    db,
    principal.tenantId,
    accountId,
    await visibilityOf(db, principal),
  );
  const contracts = currencies.reduce((sum, row) => sum + row.contracts, 0);
  const days = currencies.flatMap((row) => [row.firstPurchaseOn, row.lastPurchaseOn]).sort();
  const count = (kind: DealKind, status: string) =>
    tallies
      .filter((row) => row.dealKind === kind && row.status === status)
      .reduce((sum, row) => sum + row.count, 0);
  return {
    accountId,
    currencies,
    contracts,
    firstPurchaseOn: days[0] ?? null,
    lastPurchaseOn: days.at(-1) ?? null,
    repeatCustomer: contracts >= 2,
    deals: dealKinds.map((dealKind) => ({
      dealKind,
      open: count(dealKind, 'open'),
      won: count(dealKind, 'won'),
      lost: count(dealKind, 'lost'),
    })),
  };
}
