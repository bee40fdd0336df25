import type { Kysely } from 'kysely';
import type { PlannedAllocation } from '../../domain/contracts/receivables.js';
import type { Receipt } from '../../domain/contracts/records.js';
import { DomainError, isDomainError, referenceNotFound } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findInstallment } from '../../store/contracts.repo.js';
import {
  applyToInstallment,
  insertAllocation,
  takeFromReceipt,
} from '../../store/receivables.repo.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { loadContract } from './contract-access.js';

/**
 * Applies parts of a receipt to installments inside the caller's transaction. The balances
 * move only by conditional updates (ADR 0026): first the receipt's unapplied money for the
 * whole request, then each installment in id order (one lock order everywhere, so two
 * requests never deadlock). An update that matches no row means the money is not there
 * (any more): the caller's transaction rolls back with 409 `allocation_conflict`.
 */
export async function applyAllocations(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  receipt: Receipt,
  parts: readonly PlannedAllocation[],
): Promise<string[]> {
  const tenantId = principal.tenantId;
  if (receipt.status === 'voided') throw new DomainError('receipt_allocated');
  for (const part of parts) {
    const installment = await findInstallment(trx, tenantId, part.installmentId);
    if (!installment) throw referenceNotFound('installmentId');
    // An installment of a contract the caller cannot see is as unknown as a missing one.
    const contract = await loadContract(trx, principal, installment.contractId, 'write').catch(
      (error: unknown) => {
        if (isDomainError(error) && error.code === 'not_found')
          throw referenceNotFound('installmentId');
        throw error;
      },
    );
    if (contract.accountId !== receipt.accountId)
      throw new DomainError('reference_mismatch', { field: 'installmentId', other: 'accountId' });
    if (receipt.contractId !== null && receipt.contractId !== contract.id)
      throw new DomainError('reference_mismatch', { field: 'installmentId', other: 'contractId' });
    if (contract.currency !== receipt.currency)
      throw new DomainError('currency_mismatch', {
        left: receipt.currency,
        right: contract.currency,
      });
  }
  const now = nowIso(ctx);
  const total = parts.reduce((sum, part) => sum + part.amountMinor, 0);
  if (!(await takeFromReceipt(trx, tenantId, receipt.id, total, now)))
    throw new DomainError('allocation_conflict');
  const ordered = [...parts].sort((a, b) => a.installmentId.localeCompare(b.installmentId));
  const ids: string[] = [];
  for (const part of ordered) {
    const applied = await applyToInstallment(
      trx,
      tenantId,
      part.installmentId,
      part.amountMinor,
      receipt.receivedOn,
      now,
    );
    if (!applied) throw new DomainError('allocation_conflict');
    const id = ctx.newId();
    await insertAllocation(trx, {
      tenant_id: tenantId,
      id,
      receipt_id: receipt.id,
      installment_id: part.installmentId,
      amount_minor: part.amountMinor,
      allocated_at: now,
      allocated_by: principal.userId,
      reversed_at: null,
      reversed_by: null,
    });
    ids.push(id);
  }
  return ids;
}
