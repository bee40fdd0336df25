import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFor, wonDeal } from '../support/contracts.js';
import type { ContractBody } from '../support/contracts.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Contracts from won deals (docs/l2c/contracts-and-receipts.md): creation with its lines and
 * payment plan, the refusals (open/lost deal 422, second contract 409, plan not adding up
 * 422), list filters, versioned edits, plan replacement, orders deriving the delivery
 * status, revenue recognition within the amount, ending a contract, tenant isolation.
 */
interface Problem {
  code: string;
}

describe.each(dialectsUnderTest())('contracts ($name)', (dialect) => {
  let server: TestServer;
  let tenant: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    tenant = await createTestTenant(server);
  });
  afterAll(async () => server.close());

  it('creates a contract from a won deal with an exact generated plan', async () => {
    const deal = await wonDeal(tenant.client, { amountMinor: 1_000_000 });
    const contract = await contractFor(tenant.client, deal.id);
    expect(contract).toMatchObject({
      accountId: deal.accountId,
      opportunityId: deal.id,
      currency: 'CNY',
      amountMinor: 1_000_000,
      status: 'active',
      deliveryStatus: 'not_started',
      recognitionStatus: 'unrecognised',
    });
    expect(contract.number).toMatch(/^C-\d{6}$/);
    // One line of the deal amount: the deal has no product lines.
    expect(contract.lines).toEqual([
      expect.objectContaining({ amountMinor: 1_000_000, quantity: 1 }),
    ]);
    // 1,000,000 / 3: two of 333,333 and the remainder on the last; month ends clamp.
    expect(contract.installments.map((i) => [i.seq, i.dueDate, i.amountMinor, i.status])).toEqual([
      [1, '2026-01-31', 333_333, 'open'],
      [2, '2026-02-28', 333_333, 'open'],
      [3, '2026-03-31', 333_334, 'open'],
    ]);
  });

  it('copies the deal’s product lines when there is no accepted quote', async () => {
    const deal = await wonDeal(tenant.client, {
      amountMinor: 700_000,
      products: [
        { name: 'Seats', quantity: 2, unitPriceMinor: 200_000 },
        { name: 'Setup', quantity: 1, unitPriceMinor: 300_000 },
      ],
    });
    const contract = await contractFor(tenant.client, deal.id, {
      installments: [
        { dueDate: '2026-02-01', amountMinor: 400_000 },
        { dueDate: '2026-06-01', amountMinor: 300_000 },
      ],
    });
    expect(contract.lines.map((l) => [l.name, l.quantity, l.amountMinor])).toEqual([
      ['Seats', 2, 400_000],
      ['Setup', 1, 300_000],
    ]);
    expect(contract.installments.map((i) => i.amountMinor)).toEqual([400_000, 300_000]);
  });

  it('refuses open and lost deals, a second contract and a plan that does not add up', async () => {
    const post = (dealId: string, plan: unknown) =>
      tenant.client.post<Problem>(`/api/v1/opportunities/${dealId}/contract`, {
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        plan,
      });
    const generate = { generate: { count: 2, everyMonths: 6, firstDueDate: '2026-01-15' } };
    const open = await wonDeal(tenant.client, { outcome: 'open' });
    expect((await post(open.id, generate)).body.code).toBe('contract_requires_won_deal');
    const lost = await wonDeal(tenant.client, { outcome: 'lost' });
    const refused = await post(lost.id, generate);
    expect([refused.status, refused.body.code]).toEqual([422, 'contract_requires_won_deal']);

    const won = await wonDeal(tenant.client, { amountMinor: 500 });
    const short = await post(won.id, {
      installments: [{ dueDate: '2026-03-01', amountMinor: 499 }],
    });
    expect([short.status, short.body.code]).toEqual([422, 'payment_plan_invalid']);
    expect((await post(won.id, generate)).status).toBe(201);
    const again = await post(won.id, generate);
    expect([again.status, again.body.code]).toEqual([409, 'contract_exists']);
  });

  it('lists with filters and edits with the version', async () => {
    const deal = await wonDeal(tenant.client);
    const contract = await contractFor(tenant.client, deal.id);
    const list = await tenant.client.get<{ items: ContractBody[] }>(
      `/api/v1/contracts?accountId=${deal.accountId}&status=active&endingBefore=2027-01-01`,
    );
    expect(list.body.items.map((c) => c.id)).toEqual([contract.id]);
    const none = await tenant.client.get<{ items: ContractBody[] }>(
      `/api/v1/contracts?accountId=${deal.accountId}&endingBefore=2026-06-01`,
    );
    expect(none.body.items).toEqual([]);

    const edited = await tenant.client.request<ContractBody>(
      'PATCH',
      `/api/v1/contracts/${contract.id}`,
      {
        version: contract.version,
        signedOn: '2026-01-05',
        notes: '框架合同',
      },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const stale = await tenant.client.request<Problem>(
      'PATCH',
      `/api/v1/contracts/${contract.id}`,
      {
        version: contract.version,
        notes: 'late',
      },
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'version_conflict']);
    const backwards = await tenant.client.request<Problem>(
      'PATCH',
      `/api/v1/contracts/${contract.id}`,
      {
        version: edited.body.version,
        endDate: '2025-01-01',
      },
    );
    expect([backwards.status, backwards.body.code]).toEqual([422, 'invalid_range']);
  });

  it('replaces the payment plan only while nothing is collected', async () => {
    const deal = await wonDeal(tenant.client, { amountMinor: 900 });
    const contract = await contractFor(tenant.client, deal.id);
    const replace = (version: number, installments: { dueDate: string; amountMinor: number }[]) =>
      tenant.client.request<ContractBody & Problem>(
        'PUT',
        `/api/v1/contracts/${contract.id}/payment-plan`,
        { version, plan: { installments } },
      );
    const wrong = await replace(contract.version, [{ dueDate: '2026-05-01', amountMinor: 800 }]);
    expect([wrong.status, wrong.body.code]).toEqual([422, 'payment_plan_invalid']);
    const replaced = await replace(contract.version, [
      { dueDate: '2026-05-01', amountMinor: 600 },
      { dueDate: '2026-09-01', amountMinor: 300 },
    ]);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.installments.map((i) => [i.seq, i.amountMinor])).toEqual([
      [1, 600],
      [2, 300],
    ]);
    const receipt = await tenant.client.post('/api/v1/receipts', {
      accountId: deal.accountId,
      contractId: contract.id,
      currency: 'CNY',
      amountMinor: 100,
      receivedOn: '2026-05-02',
      autoAllocate: true,
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    const locked = await replace(replaced.body.version, [
      { dueDate: '2026-05-01', amountMinor: 900 },
    ]);
    expect([locked.status, locked.body.code]).toEqual([409, 'payment_plan_locked']);
  });

  it('derives the delivery status from the orders in the same change', async () => {
    const deal = await wonDeal(tenant.client);
    const contract = await contractFor(tenant.client, deal.id);
    const order = async (description: string) => {
      const response = await tenant.client.post<{ id: string; version: number; number: string }>(
        `/api/v1/contracts/${contract.id}/orders`,
        { description, amountMinor: 500_000 },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    const move = async (o: { id: string; version: number }, status: string) => {
      const response = await tenant.client.post<
        { id: string; version: number; number: string } & Problem
      >(`/api/v1/orders/${o.id}/status`, { version: o.version, status, on: '2026-04-01' });
      return response;
    };
    const delivery = async () =>
      (await tenant.client.get<ContractBody>(`/api/v1/contracts/${contract.id}`)).body
        .deliveryStatus;
    let first = await order('Phase 1');
    let second = await order('Phase 2');
    expect(first.number).toMatch(/^O-\d{6}$/);
    expect(await delivery()).toBe('not_started');
    first = (await move(first, 'in_delivery')).body;
    expect(await delivery()).toBe('in_progress');
    first = (await move(first, 'delivered')).body;
    second = (await move(second, 'in_delivery')).body;
    second = (await move(second, 'delivered')).body;
    expect(await delivery()).toBe('delivered');
    const skip = await move(first, 'pending');
    expect([skip.status, skip.body.code]).toEqual([409, 'order_state']);
    first = (await move(first, 'accepted')).body;
    expect(await delivery()).toBe('delivered');
    expect((await move(second, 'accepted')).status).toBe(200);
    expect(await delivery()).toBe('accepted');
  });

  it('recognises revenue up to the contract amount, then completes', async () => {
    const deal = await wonDeal(tenant.client, { amountMinor: 1_000 });
    const contract = await contractFor(tenant.client, deal.id);
    const recognise = (amountMinor: number) =>
      tenant.client.post<Problem>(`/api/v1/contracts/${contract.id}/recognitions`, {
        amountMinor,
        recognisedOn: '2026-06-30',
      });
    expect((await recognise(600)).status).toBe(201);
    let current = (await tenant.client.get<ContractBody>(`/api/v1/contracts/${contract.id}`)).body;
    expect([current.recognisedMinor, current.recognitionStatus]).toEqual([600, 'partial']);
    const over = await recognise(401);
    expect([over.status, over.body.code]).toEqual([422, 'recognition_exceeds_amount']);
    expect((await recognise(400)).status).toBe(201);
    current = (await tenant.client.get<ContractBody>(`/api/v1/contracts/${contract.id}`)).body;
    expect([current.recognisedMinor, current.recognitionStatus]).toEqual([1_000, 'recognised']);

    const done = await tenant.client.post<ContractBody>(
      `/api/v1/contracts/${contract.id}/complete`,
      {
        version: current.version,
      },
    );
    expect(done.body.status).toBe('completed');
    const again = await tenant.client.post<Problem>(`/api/v1/contracts/${contract.id}/terminate`, {
      version: done.body.version,
    });
    expect([again.status, again.body.code]).toEqual([409, 'contract_state']);
  });

  it('keeps contracts inside their tenant', async () => {
    const deal = await wonDeal(tenant.client);
    const contract = await contractFor(tenant.client, deal.id);
    const other = await createTestTenant(server);
    expect((await other.client.get(`/api/v1/contracts/${contract.id}`)).status).toBe(404);
    const list = await other.client.get<{ items: unknown[] }>('/api/v1/contracts');
    expect(list.body.items).toEqual([]);
    // Filtering by another tenant's ids is refused, not answered with an empty page.
    expect((await other.client.get(`/api/v1/contracts?accountId=${deal.accountId}`)).status).toBe(
      422,
    );
    expect((await other.client.get(`/api/v1/receipts?contractId=${contract.id}`)).status).toBe(422);
    const foreign = await other.client.post(`/api/v1/opportunities/${deal.id}/contract`, {
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      plan: { generate: { count: 1, everyMonths: 0, firstDueDate: '2026-01-01' } },
    });
    expect(foreign.status).toBe(404);
  });
});

describe.each(dialectsUnderTest())('contract days in the tenant calendar ($name)', (dialect) => {
  // 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai (the tenant's zone): "today" for
  // delivery dates and overdue flags is the customer's day, not UTC's.
  let server: TestServer;
  let tenant: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock: new ManualClock(Date.parse('2026-03-31T20:00:00.000Z')),
    });
    tenant = await createTestTenant(server);
  });
  afterAll(async () => server.close());

  it('dates a delivery and flags an installment overdue by the tenant’s day', async () => {
    const deal = await wonDeal(tenant.client, { amountMinor: 300 });
    const contract = await contractFor(tenant.client, deal.id, {
      generate: { count: 1, everyMonths: 1, firstDueDate: '2026-03-31' },
    });
    const created = await tenant.client.post<{ id: string; version: number }>(
      `/api/v1/contracts/${contract.id}/orders`,
      { description: 'Phase 1', amountMinor: 300 },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let order = created.body;
    for (const status of ['in_delivery', 'delivered']) {
      const moved = await tenant.client.post<{ id: string; version: number; deliveredOn: string }>(
        `/api/v1/orders/${order.id}/status`,
        { version: order.version, status },
      );
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      order = moved.body;
    }
    expect((order as { deliveredOn?: string }).deliveredOn).toBe('2026-04-01');

    const recon = await tenant.client.get<{
      installments: { dueDate: string; overdue: boolean }[];
    }>(`/api/v1/contracts/${contract.id}/reconciliation`);
    expect(recon.body.installments).toEqual([
      expect.objectContaining({ dueDate: '2026-03-31', overdue: true }),
    ]);
  });
});
