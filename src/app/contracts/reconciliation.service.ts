import type { Allocation, Contract, Installment, Receipt } from '../../domain/contracts/records.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { listInstallments } from '../../store/contracts.repo.js';
import { allocationsOfContract, findReceipt, listReceipts } from '../../store/receivables.repo.js';
import type { AppContext } from '../context.js';
import { tenantToday } from '../tenant-today.js';
import { dbFor } from '../transaction.js';
import { visibilityOf } from '../access.js';
import { loadContract } from './contract-access.js';

export interface ReconciledAllocation extends Allocation {
  readonly receiptNumber: string;
  readonly receivedOn: string;
}

export interface ReconciledInstallment extends Installment {
  readonly outstandingMinor: number;
  readonly overdue: boolean;
  readonly allocations: ReconciledAllocation[];
}

export interface Reconciliation {
  readonly contract: Contract;
  readonly plannedMinor: number;
  readonly collectedMinor: number;
  readonly outstandingMinor: number;
  readonly overdueMinor: number;
  readonly installments: ReconciledInstallment[];
  /** The account's receipts in the contract's currency with money left to allocate. */
  readonly unappliedReceipts: Receipt[];
}

/** Planned vs collected per installment, who paid what, and money still to be applied. */
export async function reconcileContract(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
): Promise<Reconciliation> {
  const db = dbFor(ctx);
  const contract = await loadContract(db, principal, contractId);
  const tenantId = principal.tenantId;
  const [installments, allocations, unapplied] = await Promise.all([
    listInstallments(db, tenantId, contract.id),
    allocationsOfContract(db, tenantId, contract.id),
    listReceipts(
      db,
      tenantId,
      {
        accountId: contract.accountId,
        contractId: null,
        status: null,
        unappliedOnly: true,
        // The contract's deal is visible, so its account is: the check is cheap and uniform.
        visibility: await visibilityOf(db, principal),
      },
      {
        limit: 200,
        cursor: null,
        sort: { key: 'receivedOn', column: 'received_on' },
        direction: 'asc',
      },
    ),
  ]);
  const receiptIds = [...new Set(allocations.map((allocation) => allocation.receiptId))];
  const receipts = new Map<string, Receipt>();
  for (const id of receiptIds) {
    const receipt = await findReceipt(db, tenantId, id);
    if (receipt) receipts.set(id, receipt);
  }
  const today = await tenantToday(db, ctx, principal.tenantId);
  const reconciled = installments.map((installment) => {
    const outstandingMinor = installment.amountMinor - installment.collectedMinor;
    return {
      ...installment,
      outstandingMinor,
      overdue: outstandingMinor > 0 && installment.dueDate < today,
      allocations: allocations
        .filter((allocation) => allocation.installmentId === installment.id)
        .map((allocation) => ({
          ...allocation,
          receiptNumber: receipts.get(allocation.receiptId)?.number ?? '',
          receivedOn: receipts.get(allocation.receiptId)?.receivedOn ?? '',
        })),
    };
  });
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    contract,
    plannedMinor: sum(installments.map((i) => i.amountMinor)),
    collectedMinor: sum(installments.map((i) => i.collectedMinor)),
    outstandingMinor: sum(reconciled.map((i) => i.outstandingMinor)),
    overdueMinor: sum(reconciled.filter((i) => i.overdue).map((i) => i.outstandingMinor)),
    installments: reconciled,
    unappliedReceipts: unapplied.items.filter(
      (receipt) =>
        receipt.currency === contract.currency &&
        (receipt.contractId === null || receipt.contractId === contract.id),
    ),
  };
}
