import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDealChanges } from '../../src/store/deal-changes.repo.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Opportunity {
  id: string;
  version: number;
  amount: { amountMinor: number; currency: string };
  expectedCloseDate: string | null;
}

/**
 * Every change of a deal's amount or expected close date leaves one `deal_changes` row,
 * written with the update: the waterfall, slippage and as-of amounts are built on them.
 */
describe.each(dialectsUnderTest())('deal change history ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let accountId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    await createUngatedDefaultPipeline(t.client);
    accountId = (await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: 'Acme' })))
      .id;
  });
  afterAll(async () => server?.close());

  const changesOf = (id: string) => listDealChanges(server.runtime.store.db, t.tenant.id, id);
  const createDeal = () =>
    created<Opportunity>(
      t.client.post('/api/v1/opportunities', {
        name: 'Deal',
        accountId,
        amount: { amountMinor: 100_000, currency: 'CNY' },
        expectedCloseDate: '2026-03-31',
      }),
    );
  const patch = (deal: Opportunity, body: Record<string, unknown>) =>
    t.client.patch<Opportunity>(`/api/v1/opportunities/${deal.id}`, {
      version: deal.version,
      ...body,
    });

  it('writes nothing when a deal is created: creation is not a change', async () => {
    const deal = await createDeal();
    expect(await changesOf(deal.id)).toEqual([]);
  });

  it('records an amount change and a close-date change, each once, with who', async () => {
    const deal = await createDeal();
    const amount = await patch(deal, { amount: { amountMinor: 250_000, currency: 'CNY' } });
    expect(amount.status).toBe(200);
    const date = await patch(amount.body, { expectedCloseDate: '2026-05-15' });
    expect(date.status).toBe(200);
    const rows = await changesOf(deal.id);
    expect(rows).toEqual([
      expect.objectContaining({
        field: 'amount',
        fromAmountMinor: 100_000,
        toAmountMinor: 250_000,
        fromDate: null,
        toDate: null,
        currency: 'CNY',
        changedBy: t.admin.id,
      }),
      expect.objectContaining({
        field: 'close_date',
        fromAmountMinor: null,
        toAmountMinor: null,
        fromDate: '2026-03-31',
        toDate: '2026-05-15',
        changedBy: t.admin.id,
      }),
    ]);
  });

  it('records a new amount that product lines price', async () => {
    const deal = await createDeal();
    const priced = await patch(deal, {
      products: [{ name: 'A', productType: 'cornerstone', quantity: 3, unitPriceMinor: 50_000 }],
    });
    expect(priced.body.amount.amountMinor).toBe(150_000);
    expect(await changesOf(deal.id)).toEqual([
      expect.objectContaining({
        field: 'amount',
        fromAmountMinor: 100_000,
        toAmountMinor: 150_000,
      }),
    ]);
  });

  it('writes nothing for a stale update (409) or one that changes neither field', async () => {
    const deal = await createDeal();
    const stale = await patch(
      { ...deal, version: deal.version + 5 },
      { amount: { amountMinor: 1, currency: 'CNY' } },
    );
    expect(stale.status).toBe(409);
    const same = await patch(deal, {
      name: 'Renamed',
      amount: { amountMinor: 100_000, currency: 'CNY' },
      expectedCloseDate: '2026-03-31',
    });
    expect(same.status).toBe(200);
    expect(await changesOf(deal.id)).toEqual([]);
  });
});
