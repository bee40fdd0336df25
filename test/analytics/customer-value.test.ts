import { expect } from 'vitest';
import { customerValueReport } from '../../src/app/analytics/customer-value.report.js';
import { customerValueFrom, repeatRate } from '../../src/domain/lifecycle/customer-value.js';
import type { PurchaseFact } from '../../src/domain/lifecycle/customer-value.js';
import { describeL2cAgreement } from '../support/l2c-agreement.js';
import type { L2cWorld } from '../support/l2c-world.js';

interface Json {
  overall: Record<string, unknown>;
  valueTiers: Record<string, unknown>[];
  accounts: ({ accountName: string } & Record<string, unknown>)[];
}

/** The loader starts every contract on 2025-01-01 unsigned; the test signs two in three. */
const signedOn = (world: L2cWorld, index: number): string | null => {
  const contract = world.contracts[index];
  const deal = world.deals.find((d) => d.id === contract?.opportunityId);
  return index % 3 === 0 ? null : (deal?.closedAt?.slice(0, 10) ?? null);
};

/** The reference's input: every contract in scope, with its value and active cash. */
function purchases(
  world: L2cWorld,
  scope: { currency: string; from: string; to: string; ownerIds: readonly string[] | null },
): PurchaseFact[] {
  const tierOf = new Map(world.accounts.map((a) => [a.id, a.valueTier]));
  const contractOf = new Map(world.installments.map((i) => [i.id, i.contractId]));
  const amount = new Map<string, number>();
  for (const i of world.installments)
    amount.set(i.contractId, (amount.get(i.contractId) ?? 0) + i.amountMinor);
  const cash = new Map<string, number>();
  for (const a of world.allocations) {
    const contractId = contractOf.get(a.installmentId);
    if (a.reversedAt !== null || contractId === undefined) continue;
    cash.set(contractId, (cash.get(contractId) ?? 0) + a.amountMinor);
  }
  return world.contracts.flatMap((c, index) => {
    const purchasedOn = signedOn(world, index) ?? '2025-01-01';
    if (c.currency !== scope.currency || purchasedOn < scope.from || purchasedOn > scope.to)
      return [];
    if (scope.ownerIds !== null && !scope.ownerIds.includes(c.ownerId)) return [];
    return [
      {
        accountId: c.accountId,
        valueTier: tierOf.get(c.accountId) ?? null,
        amountMinor: amount.get(c.id) ?? 0,
        purchasedOn,
        collectedMinor: cash.get(c.id) ?? 0,
      },
    ];
  });
}

describeL2cAgreement(
  'customer value: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    const db = app.store.db;
    for (const [index, contract] of world.contracts.entries())
      await db
        .updateTable('contracts')
        .set({ signed_on: signedOn(world, index) })
        .where('tenant_id', '=', loaded.tenantId)
        .where('id', '=', contract.id)
        .execute();
    const owner = world.owners[0]?.id ?? '';
    const cases = [
      { filter: { from: '2024-01-01', to: '2026-06-30' }, currency: world.currency, owners: null },
      { filter: { from: '2025-06-01', to: '2026-03-31' }, currency: world.currency, owners: null },
      {
        filter: { from: '2024-01-01', to: '2026-06-30', currency: 'USD' },
        currency: 'USD',
        owners: null,
      },
      {
        filter: { from: '2024-01-01', to: '2026-06-30', ownerId: owner },
        currency: world.currency,
        owners: [owner],
      },
    ];
    for (const { filter, currency, owners } of cases) {
      const outcome = await customerValueReport.execute(app, loaded.principal, filter, {
        limit: 1000,
      });
      const json = outcome.json as Json;
      const expected = customerValueFrom(
        purchases(world, { currency, from: filter.from, to: filter.to, ownerIds: owners }),
      );
      expect(json.overall).toEqual({
        ...expected.overall,
        repeatRate: repeatRate(expected.overall),
      });
      expect(json.valueTiers).toEqual(
        expected.tiers.map((tier) => ({ ...tier, repeatRate: repeatRate(tier) })),
      );
      expect(json.accounts.map(({ accountName: _name, ...rest }) => rest)).toEqual(
        expected.accounts,
      );
      // The table has a row for the total, each tier and each account.
      expect(outcome.table('en').rows).toHaveLength(
        1 + expected.tiers.length + expected.accounts.length,
      );
    }
    const top = await customerValueReport.execute(app, loaded.principal, {}, { limit: 1 });
    expect((top.json as Json).accounts.length).toBeLessThanOrEqual(1);
  },
  { numRuns: 6 },
);
