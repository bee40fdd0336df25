import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFor, wonDeal } from '../support/contracts.js';
import type { ContractBody, InstallmentBody } from '../support/contracts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { createOrg } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Receipts (回款) and allocations (核销): partial payments, over-payment kept unapplied and
 * used later, one receipt across installments, reversal, voiding, the bank reference's
 * idempotency, currency checks, the reconciliation view — and concurrency: parallel
 * allocations and parallel posts of one reference never break the balance invariants.
 */
interface Problem {
  code: string;
}
interface Allocation {
  id: string;
  installmentId: string;
  amountMinor: number;
  reversedAt: string | null;
}
interface Receipt {
  id: string;
  number: string;
  amountMinor: number;
  unappliedMinor: number;
  status: string;
  allocations: Allocation[];
}

describe.each(dialectsUnderTest())('receipts ($name)', (dialect) => {
  let server: TestServer;
  let tenant: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    tenant = await createTestTenant(server);
  });
  afterAll(async () => server.close());

  /** A won deal of 900 with three installments of 300 (Jan, Feb, Mar 2026). */
  const setup = async () => {
    const deal = await wonDeal(tenant.client, { amountMinor: 900 });
    const contract = await contractFor(tenant.client, deal.id, {
      generate: { count: 3, everyMonths: 1, firstDueDate: '2026-01-15' },
    });
    return { deal, contract };
  };
  const post = (body: Record<string, unknown>) =>
    tenant.client.post<Receipt & Problem>('/api/v1/receipts', body);
  const receiptOf = (accountId: string, amountMinor: number, extra: Record<string, unknown> = {}) =>
    post({ accountId, currency: 'CNY', amountMinor, receivedOn: '2026-01-20', ...extra });
  const allocate = (receiptId: string, parts: { installmentId: string; amountMinor: number }[]) =>
    tenant.client.post<Receipt & Problem>(`/api/v1/receipts/${receiptId}/allocations`, {
      allocations: parts,
    });
  const installments = async (contractId: string) =>
    (await tenant.client.get<ContractBody>(`/api/v1/contracts/${contractId}`)).body.installments;
  const state = (list: InstallmentBody[]) =>
    list.map((i) => [i.seq, i.collectedMinor, i.status, i.paidOn]);

  it('applies a partial payment, then completes the installment with paid_on', async () => {
    const { deal, contract } = await setup();
    const [first] = contract.installments;
    const partial = await receiptOf(deal.accountId, 100, { receivedOn: '2026-01-10' });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body).toMatchObject({ status: 'unapplied', unappliedMinor: 100 });
    const applied = await allocate(partial.body.id, [
      { installmentId: first!.id, amountMinor: 100 },
    ]);
    expect(applied.body).toMatchObject({ status: 'applied', unappliedMinor: 0 });
    expect(state(await installments(contract.id))[0]).toEqual([1, 100, 'partial', null]);

    const rest = await receiptOf(deal.accountId, 200, { receivedOn: '2026-01-25' });
    await allocate(rest.body.id, [{ installmentId: first!.id, amountMinor: 200 }]);
    // paid_on is the day the money that completed it was received
    expect(state(await installments(contract.id))[0]).toEqual([1, 300, 'paid', '2026-01-25']);
  });

  it('keeps an over-payment unapplied for the next installment; one receipt spans several', async () => {
    const { deal, contract } = await setup();
    const [first, second] = contract.installments;
    const big = await receiptOf(deal.accountId, 500);
    const over = await allocate(big.body.id, [{ installmentId: first!.id, amountMinor: 400 }]);
    expect([over.status, over.body.code]).toEqual([409, 'allocation_conflict']);
    const split = await allocate(big.body.id, [
      { installmentId: first!.id, amountMinor: 300 },
      { installmentId: second!.id, amountMinor: 150 },
    ]);
    expect(split.body).toMatchObject({ status: 'partial', unappliedMinor: 50 });
    const later = await allocate(big.body.id, [{ installmentId: second!.id, amountMinor: 50 }]);
    expect(later.body).toMatchObject({ status: 'applied', unappliedMinor: 0 });
    expect(state(await installments(contract.id))).toEqual([
      [1, 300, 'paid', '2026-01-20'],
      [2, 200, 'partial', null],
      [3, 0, 'open', null],
    ]);
    const recon = await tenant.client.get<{
      plannedMinor: number;
      collectedMinor: number;
      outstandingMinor: number;
      installments: { allocations: unknown[] }[];
      unappliedReceipts: unknown[];
    }>(`/api/v1/contracts/${contract.id}/reconciliation`);
    expect(recon.body).toMatchObject({
      plannedMinor: 900,
      collectedMinor: 500,
      outstandingMinor: 400,
    });
    expect(recon.body.installments.map((i) => i.allocations.length)).toEqual([1, 2, 0]);
  });

  it('auto-allocates to the oldest open installments and leaves the rest unapplied', async () => {
    const { deal, contract } = await setup();
    const receipt = await receiptOf(deal.accountId, 1_000, {
      contractId: contract.id,
      autoAllocate: true,
    });
    expect(receipt.body).toMatchObject({ status: 'partial', unappliedMinor: 100 });
    expect(receipt.body.allocations.map((a) => a.amountMinor)).toEqual([300, 300, 300]);
    expect(state(await installments(contract.id)).map((s) => s[2])).toEqual([
      'paid',
      'paid',
      'paid',
    ]);
    const recon = await tenant.client.get<{ unappliedReceipts: { id: string }[] }>(
      `/api/v1/contracts/${contract.id}/reconciliation`,
    );
    expect(recon.body.unappliedReceipts.map((r) => r.id)).toEqual([receipt.body.id]);
  });

  it('reverses an allocation (paid_on cleared), then voids only an unallocated receipt', async () => {
    const { deal, contract } = await setup();
    const [first] = contract.installments;
    const receipt = await receiptOf(deal.accountId, 300);
    const applied = await allocate(receipt.body.id, [
      { installmentId: first!.id, amountMinor: 300 },
    ]);
    const allocation = applied.body.allocations[0]!;
    const blocked = await tenant.client.post<Problem>(`/api/v1/receipts/${receipt.body.id}/void`);
    expect([blocked.status, blocked.body.code]).toEqual([409, 'receipt_allocated']);

    const reversed = await tenant.client.post<Receipt>(
      `/api/v1/receipt-allocations/${allocation.id}/reverse`,
    );
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
    expect(reversed.body).toMatchObject({ status: 'unapplied', unappliedMinor: 300 });
    expect(reversed.body.allocations[0]!.reversedAt).not.toBeNull();
    expect(state(await installments(contract.id))[0]).toEqual([1, 0, 'open', null]);
    const twice = await tenant.client.post<Problem>(
      `/api/v1/receipt-allocations/${allocation.id}/reverse`,
    );
    expect([twice.status, twice.body.code]).toEqual([409, 'allocation_conflict']);

    const voided = await tenant.client.post<Receipt>(`/api/v1/receipts/${receipt.body.id}/void`);
    expect(voided.body.status).toBe('voided');
    const afterVoid = await allocate(receipt.body.id, [
      { installmentId: first!.id, amountMinor: 1 },
    ]);
    expect(afterVoid.status).toBe(409);
  });

  it('is idempotent on the bank reference and checks currency and account', async () => {
    const { deal, contract } = await setup();
    const body = { contractId: contract.id, reference: `SLIP-${contract.id}` };
    const first = await receiptOf(deal.accountId, 300, body);
    expect(first.status).toBe(201);
    const same = await receiptOf(deal.accountId, 300, body);
    expect([same.status, same.body.id]).toEqual([200, first.body.id]);
    const different = await receiptOf(deal.accountId, 301, body);
    expect([different.status, different.body.code]).toEqual([409, 'receipt_duplicate']);

    const usd = await post({
      accountId: deal.accountId,
      contractId: contract.id,
      currency: 'USD',
      amountMinor: 5,
      receivedOn: '2026-01-20',
    });
    expect([usd.status, usd.body.code]).toEqual([422, 'currency_mismatch']);
    const stranger = await wonDeal(tenant.client);
    const wrongAccount = await receiptOf(stranger.accountId, 5, { contractId: contract.id });
    expect([wrongAccount.status, wrongAccount.body.code]).toEqual([422, 'reference_mismatch']);
    const otherReceipt = await receiptOf(stranger.accountId, 5);
    const cross = await allocate(otherReceipt.body.id, [
      { installmentId: contract.installments[0]!.id, amountMinor: 5 },
    ]);
    expect([cross.status, cross.body.code]).toEqual([422, 'reference_mismatch']);
  });

  it('shows a receipt only to those who see its account', async () => {
    // Money received is no wider than the customer: a rep of another team neither reads,
    // lists, voids nor posts receipts of an account they cannot see.
    const org = await createOrg(server, tenant);
    const outsider = org.as('northRep');
    const { deal } = await setup();
    const receipt = await receiptOf(deal.accountId, 100);
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);

    expect((await outsider.get<Problem>(`/api/v1/receipts/${receipt.body.id}`)).status).toBe(404);
    const listed = await outsider.get<{ items: Receipt[] }>('/api/v1/receipts');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.id)).not.toContain(receipt.body.id);
    const voided = await outsider.post<Problem>(`/api/v1/receipts/${receipt.body.id}/void`, {});
    expect(voided.status).toBe(404);
    const posted = await outsider.post<Problem>('/api/v1/receipts', {
      accountId: deal.accountId,
      currency: 'CNY',
      amountMinor: 100,
      receivedOn: '2026-01-20',
    });
    expect([posted.status, posted.body.code]).toEqual([422, 'reference_not_found']);
    // The admin still sees it, untouched.
    const seen = await tenant.client.get<Receipt>(`/api/v1/receipts/${receipt.body.id}`);
    expect(seen.body).toMatchObject({ status: 'unapplied', unappliedMinor: 100 });
  });

  it('never double-applies under parallel allocations and parallel posts', async () => {
    const { deal, contract } = await setup();
    const [first] = contract.installments;
    // Eight receipts of 100 race for an installment of 300: exactly three can win.
    const receipts = await Promise.all(
      Array.from({ length: 8 }, () => receiptOf(deal.accountId, 100)),
    );
    expect(receipts.map((r) => r.status)).toEqual(Array(8).fill(201));
    const results = await Promise.all(
      receipts.map((r) => allocate(r.body.id, [{ installmentId: first!.id, amountMinor: 100 }])),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    // One receipt of 250 raced by six allocations of 50 to other installments: at most five.
    const shared = await receiptOf(deal.accountId, 250);
    const targets = [contract.installments[1]!, contract.installments[2]!];
    const sharedResults = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        allocate(shared.body.id, [{ installmentId: targets[i % 2]!.id, amountMinor: 50 }]),
      ),
    );
    expect(sharedResults.filter((r) => r.status === 200)).toHaveLength(5);

    // Parallel posts of one bank reference with the same facts: one receipt, all answered.
    const reference = `PAR-${contract.id}`;
    const posts = await Promise.all(
      Array.from({ length: 6 }, () => receiptOf(deal.accountId, 77, { reference })),
    );
    expect(posts.filter((p) => p.status === 201)).toHaveLength(1);
    expect(posts.every((p) => p.status === 201 || p.status === 200 || p.status === 409)).toBe(true);
    expect(new Set(posts.filter((p) => p.status < 300).map((p) => p.body.id)).size).toBe(1);

    // The invariants, from the API's own numbers.
    const list = await installments(contract.id);
    const all = await tenant.client.get<{ items: Receipt[] }>(
      `/api/v1/receipts?accountId=${deal.accountId}&limit=200`,
    );
    expect(all.body.items.filter((r) => r.number && r.amountMinor === 77)).toHaveLength(1);
    const details = await Promise.all(
      all.body.items.map(
        async (r) => (await tenant.client.get<Receipt>(`/api/v1/receipts/${r.id}`)).body,
      ),
    );
    const active = details.flatMap((r) => r.allocations.filter((a) => a.reversedAt === null));
    for (const receipt of details) {
      const applied = receipt.allocations
        .filter((a) => a.reversedAt === null)
        .reduce((sum, a) => sum + a.amountMinor, 0);
      expect(applied).toBe(receipt.amountMinor - receipt.unappliedMinor);
      expect(receipt.unappliedMinor).toBeGreaterThanOrEqual(0);
    }
    for (const installment of list) {
      const collected = active
        .filter((a) => a.installmentId === installment.id)
        .reduce((sum, a) => sum + a.amountMinor, 0);
      expect(collected).toBe(installment.collectedMinor);
      expect(installment.collectedMinor).toBeLessThanOrEqual(installment.amountMinor);
    }
    // 300 on the first; which five of the six 50s won is the race's choice, their sum is not.
    expect(list[0]!.collectedMinor).toBe(300);
    expect(list[1]!.collectedMinor + list[2]!.collectedMinor).toBe(250);
  });
});
