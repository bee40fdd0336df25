import type { ApiClient } from './client.js';
import { contractFor, wonDeal } from './contracts.js';
import { created } from './fixtures.js';

/**
 * Contracts and receipts for the generic suites (bad input, isolation, audit): each
 * operation that changes a contract for good gets a contract of its own, so the suites can
 * run the operations in any order.
 */
export interface ContractFixtureIds {
  /** A won deal with no contract yet (createContract). */
  readonly wonDealId: string;
  /** Active contract with a pending order, a receipt and an allocation. */
  readonly contractId: string;
  readonly installmentId: string;
  readonly orderId: string;
  readonly receiptId: string;
  readonly allocationId: string;
  /** A receipt with nothing allocated (voidReceipt). */
  readonly voidableReceiptId: string;
  /** Contracts for replacePaymentPlan, completeContract and terminateContract. */
  readonly planContractId: string;
  readonly completeContractId: string;
  readonly terminateContractId: string;
  /** The account all of them belong to. */
  readonly contractAccountId: string;
}

export async function createContractFixtures(client: ApiClient): Promise<ContractFixtureIds> {
  const first = await wonDeal(client, { amountMinor: 900_000, pipelineReady: true });
  const accountId = first.accountId;
  const contract = await contractFor(client, first.id);
  const deal = () => wonDeal(client, { accountId, pipelineReady: true });
  const [wonDealId, plan, complete, terminate] = [
    (await deal()).id,
    await contractFor(client, (await deal()).id),
    await contractFor(client, (await deal()).id),
    await contractFor(client, (await deal()).id),
  ];
  const order = await created(
    client.post(`/api/v1/contracts/${contract.id}/orders`, {
      description: 'Phase 1',
      amountMinor: 1,
    }),
  );
  const receipt = (body: Record<string, unknown>) =>
    created<{ id: string; allocations: { id: string }[] }>(
      client.post('/api/v1/receipts', {
        accountId,
        contractId: contract.id,
        currency: 'CNY',
        amountMinor: 100_000,
        receivedOn: '2026-01-20',
        ...body,
      }),
    );
  const allocated = await receipt({ autoAllocate: true, amountMinor: 1_000 });
  const open = await receipt({});
  const voidable = await receipt({ amountMinor: 5 });
  return {
    wonDealId,
    contractId: contract.id,
    installmentId: contract.installments[0]!.id,
    orderId: order.id,
    receiptId: open.id,
    allocationId: allocated.allocations[0]!.id,
    voidableReceiptId: voidable.id,
    planContractId: plan.id,
    completeContractId: complete.id,
    terminateContractId: terminate.id,
    contractAccountId: accountId,
  };
}
