import type { Kysely } from 'kysely';
import { formatContractNumber } from '../../domain/contracts/contract.js';
import { planAllocation } from '../../domain/contracts/receivables.js';
import type { PlannedAllocation, ReceiptStatus } from '../../domain/contracts/receivables.js';
import type { Allocation, Receipt } from '../../domain/contracts/records.js';
import { DomainError, notFound, referenceNotFound } from '../../domain/errors.js';
import type { CurrencyCode } from '../../domain/money.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { listInstallments, nextSequence } from '../../store/contracts.repo.js';
import { constraintViolation } from '../../store/constraint-errors.js';
import type { Page } from '../../store/pagination.js';
import type { Database } from '../../store/schema.js';
import {
  allocationsOfReceipt,
  findAllocation,
  findReceipt,
  findReceiptByReference,
  insertReceipt,
  listReceipts,
  markReversed,
  releaseFromInstallment,
  returnToReceipt,
  voidReceipt as voidReceiptRow,
} from '../../store/receivables.repo.js';
import { assertVisible, authorize, visibilityOf } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { pageQuery } from '../listing.js';
import { assertFilterReferences, assertReferences } from '../references.js';
import type { ListInput } from '../listing.js';
import { dbFor, inOpenTransaction, inTransaction } from '../transaction.js';
import { applyAllocations } from './allocations.js';
import { loadContract } from './contract-access.js';
import { withFreshNumber } from './numbering.js';

/** Receipts (回款): recording money received, allocating it (核销), reversing, voiding. */

export interface ReceiptInput {
  readonly accountId: string;
  readonly contractId?: string | null;
  readonly currency: CurrencyCode;
  readonly amountMinor: number;
  readonly receivedOn: string;
  readonly method?: string | null;
  readonly reference?: string | null;
  /** Apply the money to the contract's oldest open installments right away. */
  readonly autoAllocate?: boolean;
}

export interface ReceiptDetail extends Receipt {
  readonly allocations: Allocation[];
}

/** The facts a bank reference stands for: the same reference with other facts is a clash. */
const sameFacts = (receipt: Receipt, input: ReceiptInput): boolean =>
  receipt.accountId === input.accountId &&
  receipt.contractId === (input.contractId ?? null) &&
  receipt.currency === input.currency &&
  receipt.amountMinor === input.amountMinor &&
  receipt.receivedOn === input.receivedOn &&
  receipt.method === (input.method ?? null);

async function detail(ctx: AppContext, tenantId: string, receipt: Receipt): Promise<ReceiptDetail> {
  return { ...receipt, allocations: await allocationsOfReceipt(dbFor(ctx), tenantId, receipt.id) };
}

/**
 * A receipt is seen by whoever sees its account (the account's owner and their managers,
 * anyone who sees one of its deals, admins): money received is no wider than the customer.
 */
async function loadReceipt(
  db: Kysely<Database>,
  principal: Principal,
  receiptId: string,
): Promise<Receipt> {
  const receipt = await findReceipt(db, principal.tenantId, receiptId);
  if (!receipt) throw notFound('receipt');
  await assertVisible(db, principal, 'accounts', receipt.accountId, 'receipt', {
    includeDeleted: true,
  });
  return receipt;
}

async function replayByReference(
  ctx: AppContext,
  principal: Principal,
  input: ReceiptInput,
): Promise<{ receipt: ReceiptDetail; created: boolean } | null> {
  if (!input.reference) return null;
  const existing = await findReceiptByReference(dbFor(ctx), principal.tenantId, input.reference);
  if (!existing) return null;
  await assertVisible(dbFor(ctx), principal, 'accounts', existing.accountId, 'receipt', {
    includeDeleted: true,
  });
  if (!sameFacts(existing, input)) throw new DomainError('receipt_duplicate');
  return { receipt: await detail(ctx, principal.tenantId, existing), created: false };
}

/**
 * Records money received. A bank reference makes it idempotent: the same reference with
 * the same facts answers the first receipt (created: false), with other facts 409
 * `receipt_duplicate` — also when two posts race, where the unique key decides.
 */
export async function postReceipt(
  ctx: AppContext,
  principal: Principal,
  input: ReceiptInput,
): Promise<{ receipt: ReceiptDetail; created: boolean }> {
  authorize(principal, 'opportunities.write');
  const replay = await replayByReference(ctx, principal, input);
  if (replay) return replay;
  try {
    return await withFreshNumber(() =>
      inTransaction(ctx, async (trx) => {
        const tenantId = principal.tenantId;
        await assertReferences(trx, principal, [
          { field: 'accountId', table: 'accounts', id: input.accountId },
        ]);
        if (input.contractId) {
          const contract = await loadContract(trx, principal, input.contractId).catch(() => {
            throw referenceNotFound('contractId');
          });
          if (contract.accountId !== input.accountId)
            throw new DomainError('reference_mismatch', {
              field: 'contractId',
              other: 'accountId',
            });
          if (contract.currency !== input.currency)
            throw new DomainError('currency_mismatch', {
              left: input.currency,
              right: contract.currency,
            });
        }
        const now = nowIso(ctx);
        const id = ctx.newId();
        await insertReceipt(trx, {
          tenant_id: tenantId,
          id,
          number: formatContractNumber('R', await nextSequence(trx, tenantId, 'receipts')),
          account_id: input.accountId,
          contract_id: input.contractId ?? null,
          currency: input.currency,
          amount_minor: input.amountMinor,
          unapplied_minor: input.amountMinor,
          received_on: input.receivedOn,
          method: input.method ?? null,
          reference: input.reference ?? null,
          status: 'unapplied',
          created_by: principal.userId,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        let receipt = (await findReceipt(trx, tenantId, id))!;
        let parts: PlannedAllocation[] = [];
        if (input.autoAllocate && input.contractId) {
          const open = (await listInstallments(trx, tenantId, input.contractId)).filter(
            (installment) => installment.status !== 'paid',
          );
          parts = planAllocation(input.amountMinor, open);
          if (parts.length > 0) {
            await applyAllocations(trx, ctx, principal, receipt, parts);
            receipt = (await findReceipt(trx, tenantId, id))!;
          }
        }
        const result = await detail(ctx, tenantId, receipt);
        await recordAudit(trx, ctx, principal, {
          entityType: 'receipt',
          entityId: id,
          action: 'create',
          before: null,
          after: result,
        });
        return { receipt: result, created: true };
      }),
    );
  } catch (error) {
    const violation = error instanceof DomainError ? error : constraintViolation(error);
    const constraint = String(violation?.params.constraint ?? '');
    if (violation?.code !== 'duplicate' || !constraint.includes('reference')) throw error;
    // Lost the race on the bank reference: inside a caller's transaction (an Idempotency-Key)
    // that transaction is spoilt on PostgreSQL, so only the code can be answered.
    if (inOpenTransaction(ctx)) throw new DomainError('receipt_duplicate');
    const winner = await replayByReference(ctx, principal, input);
    if (winner) return winner;
    throw error;
  }
}

/** Manual allocation: parts of the receipt to installments, all or nothing. */
export async function allocateReceipt(
  ctx: AppContext,
  principal: Principal,
  receiptId: string,
  parts: readonly PlannedAllocation[],
): Promise<ReceiptDetail> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const receipt = await loadReceipt(trx, principal, receiptId);
    const ids = await applyAllocations(trx, ctx, principal, receipt, parts);
    const after = await detail(
      ctx,
      principal.tenantId,
      (await findReceipt(trx, principal.tenantId, receiptId))!,
    );
    await recordAudit(trx, ctx, principal, {
      entityType: 'receipt',
      entityId: receiptId,
      action: 'allocate',
      before: { unappliedMinor: receipt.unappliedMinor, status: receipt.status },
      after: {
        allocationIds: ids,
        parts,
        unappliedMinor: after.unappliedMinor,
        status: after.status,
      },
    });
    return after;
  });
}

/** Undoes one allocation (核销撤销): the money goes back to the receipt; the row stays. */
export async function reverseAllocation(
  ctx: AppContext,
  principal: Principal,
  allocationId: string,
): Promise<ReceiptDetail> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const tenantId = principal.tenantId;
    const allocation = await findAllocation(trx, tenantId, allocationId);
    if (!allocation) throw notFound('allocation');
    const receiptId = allocation.receiptId;
    await loadReceipt(trx, principal, receiptId);
    const now = nowIso(ctx);
    const undone =
      (await markReversed(trx, tenantId, allocationId, principal.userId, now)) &&
      (await returnToReceipt(trx, tenantId, receiptId, allocation.amountMinor, now)) &&
      (await releaseFromInstallment(
        trx,
        tenantId,
        allocation.installmentId,
        allocation.amountMinor,
        now,
      ));
    if (!undone) throw new DomainError('allocation_conflict');
    const after = await detail(ctx, tenantId, (await findReceipt(trx, tenantId, receiptId))!);
    await recordAudit(trx, ctx, principal, {
      entityType: 'receipt',
      entityId: receiptId,
      action: 'reverse_allocation',
      before: allocation,
      after: { allocationId, unappliedMinor: after.unappliedMinor, status: after.status },
    });
    return after;
  });
}

/** Voids a receipt entered by mistake; only while none of it is allocated. */
export async function voidReceipt(
  ctx: AppContext,
  principal: Principal,
  receiptId: string,
): Promise<ReceiptDetail> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const before = await loadReceipt(trx, principal, receiptId);
    if (!(await voidReceiptRow(trx, principal.tenantId, receiptId, nowIso(ctx))))
      throw new DomainError('receipt_allocated');
    const after = await detail(
      ctx,
      principal.tenantId,
      (await findReceipt(trx, principal.tenantId, receiptId))!,
    );
    await recordAudit(trx, ctx, principal, {
      entityType: 'receipt',
      entityId: receiptId,
      action: 'void',
      before,
      after,
    });
    return after;
  });
}

export async function getReceipt(
  ctx: AppContext,
  principal: Principal,
  receiptId: string,
): Promise<ReceiptDetail> {
  authorize(principal, 'opportunities.read');
  const receipt = await loadReceipt(dbFor(ctx), principal, receiptId);
  return detail(ctx, principal.tenantId, receipt);
}

export const receiptSorts = {
  receivedOn: { key: 'receivedOn', column: 'received_on' },
  createdAt: { key: 'createdAt', column: 'created_at' },
} as const;

export async function receipts(
  ctx: AppContext,
  principal: Principal,
  filter: {
    accountId?: string | undefined;
    contractId?: string | undefined;
    status?: ReceiptStatus | undefined;
    unappliedOnly?: boolean | undefined;
  },
  list: ListInput<keyof typeof receiptSorts>,
): Promise<Page<Receipt>> {
  authorize(principal, 'opportunities.read');
  await assertFilterReferences(dbFor(ctx), principal, [
    { field: 'accountId', table: 'accounts', id: filter.accountId },
    { field: 'contractId', table: 'contracts', id: filter.contractId },
  ]);
  return listReceipts(
    dbFor(ctx),
    principal.tenantId,
    {
      accountId: filter.accountId ?? null,
      contractId: filter.contractId ?? null,
      status: filter.status ?? null,
      unappliedOnly: filter.unappliedOnly ?? false,
      visibility: await visibilityOf(dbFor(ctx), principal),
    },
    pageQuery(list, receiptSorts),
  );
}
