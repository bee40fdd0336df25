import {
  canMoveOrder,
  deliveryStatusOf,
  formatContractNumber,
} from '../../domain/contracts/contract.js';
import type { OrderStatus } from '../../domain/contracts/contract.js';
import type { Order } from '../../domain/contracts/records.js';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  findOrder,
  insertOrder,
  listOrders,
  nextSequence,
  setDeliveryStatus,
  updateOrderStatus,
} from '../../store/contracts.repo.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { tenantToday } from '../tenant-today.js';
import { nowIso } from '../context.js';
import { inTransaction } from '../transaction.js';
import { assertActive, loadContract } from './contract-access.js';
import { withFreshNumber } from './numbering.js';

/**
 * Order-to-delivery (O2D): orders against a contract move pending → in_delivery →
 * delivered → accepted (or are cancelled before delivery). Each move stores the contract's
 * derived delivery status in the same transaction, so the two never disagree.
 */

export async function createOrder(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
  input: { description: string; amountMinor: number; plannedOn?: string | null },
): Promise<Order> {
  return withFreshNumber(() =>
    inTransaction(ctx, async (trx) => {
      const contract = await loadContract(trx, principal, contractId, 'write');
      assertActive(contract);
      const now = nowIso(ctx);
      const id = ctx.newId();
      const sequence = await nextSequence(trx, principal.tenantId, 'orders');
      await insertOrder(trx, {
        tenant_id: principal.tenantId,
        id,
        contract_id: contract.id,
        number: formatContractNumber('O', sequence),
        description: input.description,
        amount_minor: input.amountMinor,
        status: 'pending',
        planned_on: input.plannedOn ?? null,
        delivered_on: null,
        accepted_on: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await refreshDelivery(ctx, principal, contract.id);
      const order = await findOrder(trx, principal.tenantId, id);
      if (!order) throw new Error('order vanished in its own transaction');
      await recordAudit(trx, ctx, principal, {
        entityType: 'order',
        entityId: id,
        action: 'create',
        before: null,
        after: order,
      });
      return order;
    }),
  );
}

/** Moves an order on (dated with `on`, default today in UTC) and re-derives delivery. */
export async function moveOrder(
  ctx: AppContext,
  principal: Principal,
  orderId: string,
  input: { version: number; status: OrderStatus; on?: string | null },
): Promise<Order> {
  return inTransaction(ctx, async (trx) => {
    const before = await findOrder(trx, principal.tenantId, orderId);
    if (!before) throw notFound('order');
    const contract = await loadContract(trx, principal, before.contractId, 'write');
    assertActive(contract);
    if (!canMoveOrder(before.status, input.status))
      throw new DomainError('order_state', { status: before.status });
    const on = input.on ?? (await tenantToday(trx, ctx, principal.tenantId));
    const saved = await updateOrderStatus(
      trx,
      principal.tenantId,
      orderId,
      input.version,
      {
        status: input.status,
        ...(input.status === 'delivered' ? { delivered_on: on } : {}),
        ...(input.status === 'accepted' ? { accepted_on: on } : {}),
      },
      nowIso(ctx),
    );
    if (!saved) throw versionConflict('order');
    await refreshDelivery(ctx, principal, contract.id);
    const after = await findOrder(trx, principal.tenantId, orderId);
    if (!after) throw new Error('order vanished in its own transaction');
    await recordAudit(trx, ctx, principal, {
      entityType: 'order',
      entityId: orderId,
      action: 'update',
      before,
      after,
    });
    return after;
  });
}

async function refreshDelivery(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const orders = await listOrders(trx, principal.tenantId, contractId);
    await setDeliveryStatus(
      trx,
      principal.tenantId,
      contractId,
      deliveryStatusOf(orders),
      nowIso(ctx),
    );
  });
}
