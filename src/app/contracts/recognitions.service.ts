import type { Recognition } from '../../domain/contracts/records.js';
import { DomainError, referenceNotFound } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { addRecognised, findOrder, insertRecognition } from '../../store/contracts.repo.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { inTransaction } from '../transaction.js';
import { loadContract } from './contract-access.js';

/**
 * Revenue recognition (确收): adds to the contract's recognised total by a conditional
 * update (Σ ≤ amount, ADR 0026), so two concurrent recognitions cannot overshoot it.
 */
export async function recogniseRevenue(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
  input: { amountMinor: number; recognisedOn: string; orderId?: string | null },
): Promise<Recognition> {
  return inTransaction(ctx, async (trx) => {
    const contract = await loadContract(trx, principal, contractId, 'write');
    if (input.orderId) {
      const order = await findOrder(trx, principal.tenantId, input.orderId);
      if (!order || order.contractId !== contract.id) throw referenceNotFound('orderId');
    }
    const now = nowIso(ctx);
    if (!(await addRecognised(trx, principal.tenantId, contract.id, input.amountMinor, now)))
      throw new DomainError('recognition_exceeds_amount');
    const recognition: Recognition = {
      id: ctx.newId(),
      contractId: contract.id,
      orderId: input.orderId ?? null,
      recognisedOn: input.recognisedOn,
      amountMinor: input.amountMinor,
      createdBy: principal.userId,
      createdAt: now,
    };
    await insertRecognition(trx, { ...recognition, tenantId: principal.tenantId });
    await recordAudit(trx, ctx, principal, {
      entityType: 'contract',
      entityId: contract.id,
      action: 'recognise',
      before: { recognisedMinor: contract.recognisedMinor },
      after: recognition,
    });
    return recognition;
  });
}
