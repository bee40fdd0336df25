import type { Insertable, Kysely } from 'kysely';
import { formatContractNumber } from '../../domain/contracts/contract.js';
import type { ContractStatus } from '../../domain/contracts/contract.js';
import { generatePlan, planProblem } from '../../domain/contracts/payment-plan.js';
import type { PlanGenerator, PlannedInstallment } from '../../domain/contracts/payment-plan.js';
import type {
  Contract,
  ContractLine,
  Installment,
  Order,
  Recognition,
} from '../../domain/contracts/records.js';
import { DomainError, versionConflict } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  findContract,
  findContractOfDeal,
  insertContract,
  listContracts,
  listInstallments,
  listLines,
  listOrders,
  listRecognitions,
  nextSequence,
  replaceInstallments,
  updateContract,
} from '../../store/contracts.repo.js';
import type { Page } from '../../store/pagination.js';
import type { ContractLinesTable, Database, PaymentInstallmentsTable } from '../../store/schema.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { getEntity } from '../entity.js';
import { pageQuery } from '../listing.js';
import { assertFilterReferences } from '../references.js';
import type { ListInput } from '../listing.js';
import { opportunityStore } from '../opportunity-store.js';
import { acceptedQuoteFor } from '../quotes/accepted-quote.js';
import { dbFor, inTransaction } from '../transaction.js';
import { loadContract, visibleOwners } from './contract-access.js';
import { withFreshNumber } from './numbering.js';

/** Contracts from won deals (issue 9): creation, reading, editing, ending, the payment plan. */

export type PlanInput =
  | { readonly installments: readonly { dueDate: string; amountMinor: number }[] }
  | { readonly generate: PlanGenerator };

export interface ContractCreate {
  readonly startDate: string;
  readonly endDate: string;
  readonly signedOn?: string | null;
  readonly notes?: string | null;
  readonly plan: PlanInput;
}

export interface ContractDetail extends Contract {
  readonly lines: ContractLine[];
  readonly installments: Installment[];
  readonly orders: Order[];
  readonly recognitions: Recognition[];
}

/** The plan's installments, checked to cover the amount exactly (422 otherwise). */
export function planOf(amountMinor: number, plan: PlanInput): PlannedInstallment[] {
  const installments =
    'generate' in plan
      ? generatePlan(amountMinor, plan.generate)
      : plan.installments.map((installment, index) => ({ ...installment, seq: index + 1 }));
  const problem = planProblem(amountMinor, installments);
  if (problem)
    throw new DomainError('payment_plan_invalid', {}, [
      { path: 'plan', code: problem, message: `payment plan: ${problem}` },
    ]);
  return installments;
}

export function installmentRows(
  ctx: AppContext,
  tenantId: string,
  contractId: string,
  plan: readonly PlannedInstallment[],
  now: string,
): Insertable<PaymentInstallmentsTable>[] {
  return plan.map((installment) => ({
    tenant_id: tenantId,
    id: ctx.newId(),
    contract_id: contractId,
    seq: installment.seq,
    due_date: installment.dueDate,
    amount_minor: installment.amountMinor,
    collected_minor: 0,
    status: 'open',
    paid_on: null,
    last_reminded_on: null,
    created_at: now,
    updated_at: now,
    version: 1,
  }));
}

export async function contractDetail(
  db: Kysely<Database>,
  tenantId: string,
  contract: Contract,
): Promise<ContractDetail> {
  const [lines, installments, orders, recognitions] = await Promise.all([
    listLines(db, tenantId, contract.id),
    listInstallments(db, tenantId, contract.id),
    listOrders(db, tenantId, contract.id),
    listRecognitions(db, tenantId, contract.id),
  ]);
  return { ...contract, lines, installments, orders, recognitions };
}

/**
 * Turns a won deal into its contract: what was sold comes from the accepted quote (net of
 * tax), else the deal's product lines, else one line of the deal amount. One contract per
 * deal: the second answers 409 `contract_exists`, an open or lost deal 422.
 */
export async function createContractFromDeal(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: ContractCreate,
): Promise<ContractDetail> {
  authorize(principal, 'opportunities.write');
  if (input.endDate < input.startDate) throw new DomainError('invalid_range', { field: 'endDate' });
  return withFreshNumber(() =>
    inTransaction(ctx, async (trx) => {
      const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
      if (deal.status !== 'won') throw new DomainError('contract_requires_won_deal');
      if (await findContractOfDeal(trx, principal.tenantId, deal.id))
        throw new DomainError('contract_exists');
      const now = nowIso(ctx);
      const id = ctx.newId();
      const quote = await acceptedQuoteFor(trx, principal.tenantId, deal.id);
      const line = (
        position: number,
        fields: Omit<
          Insertable<ContractLinesTable>,
          'tenant_id' | 'id' | 'contract_id' | 'position'
        >,
      ): Insertable<ContractLinesTable> => ({
        tenant_id: principal.tenantId,
        id: ctx.newId(),
        contract_id: id,
        position,
        ...fields,
      });
      let lines: Insertable<ContractLinesTable>[];
      let amountMinor: number;
      let currency: string;
      if (quote) {
        currency = quote.currency;
        amountMinor = quote.netMinor;
        lines = quote.lines.map((q, index) =>
          line(index + 1, {
            product_id: q.productId,
            name: q.name,
            product_type: q.productType,
            customisation: q.customisation,
            quantity: q.quantity,
            unit_price_minor: q.unitPriceMinor,
            amount_minor: q.netMinor,
          }),
        );
      } else {
        currency = deal.amount.currency;
        amountMinor = deal.amount.amountMinor;
        lines =
          deal.products.length > 0
            ? deal.products.map((p, index) =>
                line(index + 1, {
                  product_id: null,
                  name: p.name,
                  product_type: p.productType,
                  customisation: p.customisation,
                  quantity: p.quantity,
                  unit_price_minor: p.unitPriceMinor,
                  amount_minor: p.amountMinor,
                }),
              )
            : [
                line(1, {
                  product_id: null,
                  name: deal.name,
                  product_type: 'cornerstone',
                  customisation: 'standard',
                  quantity: 1,
                  unit_price_minor: deal.amount.amountMinor,
                  amount_minor: deal.amount.amountMinor,
                }),
              ];
      }
      if (amountMinor <= 0)
        throw new DomainError('payment_plan_invalid', {}, [
          { path: 'amountMinor', code: 'not_positive', message: 'the deal has no amount' },
        ]);
      const plan = planOf(amountMinor, input.plan);
      const number = formatContractNumber(
        'C',
        await nextSequence(trx, principal.tenantId, 'contracts'),
      );
      await insertContract(
        trx,
        {
          tenant_id: principal.tenantId,
          id,
          number,
          account_id: deal.accountId,
          opportunity_id: deal.id,
          quote_id: quote?.id ?? null,
          owner_id: deal.ownerId,
          currency,
          amount_minor: amountMinor,
          start_date: input.startDate,
          end_date: input.endDate,
          signed_on: input.signedOn ?? null,
          status: 'active',
          delivery_status: 'not_started',
          recognised_minor: 0,
          recognition_status: 'unrecognised',
          renewal_opportunity_id: null,
          notes: input.notes ?? null,
          created_by: principal.userId,
          created_at: now,
          updated_at: now,
          version: 1,
        },
        lines,
        installmentRows(ctx, principal.tenantId, id, plan, now),
      );
      const contract = await findContract(trx, principal.tenantId, id);
      if (!contract) throw new Error('contract vanished in its own transaction');
      const detail = await contractDetail(trx, principal.tenantId, contract);
      await recordAudit(trx, ctx, principal, {
        entityType: 'contract',
        entityId: id,
        action: 'create',
        before: null,
        after: detail,
      });
      return detail;
    }),
  );
}

export async function getContract(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<ContractDetail> {
  const db = dbFor(ctx);
  return contractDetail(db, principal.tenantId, await loadContract(db, principal, id));
}

export const contractSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  endDate: { key: 'endDate', column: 'end_date' },
  number: { key: 'number', column: 'number' },
} as const;

export async function contracts(
  ctx: AppContext,
  principal: Principal,
  filter: {
    accountId?: string | undefined;
    ownerId?: string | undefined;
    status?: ContractStatus | undefined;
    endingBefore?: string | undefined;
  },
  list: ListInput<keyof typeof contractSorts>,
): Promise<Page<Contract>> {
  authorize(principal, 'opportunities.read');
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'accountId', table: 'accounts', id: filter.accountId },
    { field: 'ownerId', table: 'users', id: filter.ownerId },
  ]);
  return listContracts(
    db,
    principal.tenantId,
    {
      accountId: filter.accountId ?? null,
      ownerId: filter.ownerId ?? null,
      status: filter.status ?? null,
      endingBefore: filter.endingBefore ?? null,
      ownerIds: await visibleOwners(db, principal),
    },
    pageQuery(list, contractSorts),
  );
}

export interface ContractPatch {
  readonly version: number;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly signedOn?: string | null;
  readonly notes?: string | null;
}

/** Edits the contract's terms (versioned: a stale version answers 409). */
export async function updateContractTerms(
  ctx: AppContext,
  principal: Principal,
  id: string,
  patch: ContractPatch,
): Promise<ContractDetail> {
  return inTransaction(ctx, async (trx) => {
    const before = await loadContract(trx, principal, id, 'write');
    const startDate = patch.startDate ?? before.startDate;
    const endDate = patch.endDate ?? before.endDate;
    if (endDate < startDate) throw new DomainError('invalid_range', { field: 'endDate' });
    const saved = await updateContract(
      trx,
      principal.tenantId,
      id,
      patch.version,
      {
        start_date: startDate,
        end_date: endDate,
        ...(patch.signedOn !== undefined ? { signed_on: patch.signedOn } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      },
      nowIso(ctx),
    );
    if (!saved) throw versionConflict('contract');
    return auditedDetail(trx, ctx, principal, before, 'update');
  });
}

/** Ends an active contract: `completed` (fulfilled) or `terminated` (ended early). */
export async function endContract(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { version: number; status: 'completed' | 'terminated' },
): Promise<ContractDetail> {
  return inTransaction(ctx, async (trx) => {
    const before = await loadContract(trx, principal, id, 'write');
    if (before.status !== 'active')
      throw new DomainError('contract_state', { status: before.status });
    const saved = await updateContract(
      trx,
      principal.tenantId,
      id,
      input.version,
      { status: input.status },
      nowIso(ctx),
    );
    if (!saved) throw versionConflict('contract');
    return auditedDetail(trx, ctx, principal, before, 'update');
  });
}

/**
 * Replaces the payment plan while nothing is collected on any installment; it must still
 * add up to the contract amount. Moves the contract's version (the plan is part of it).
 */
export async function replacePaymentPlan(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { version: number; plan: PlanInput },
): Promise<ContractDetail> {
  return inTransaction(ctx, async (trx) => {
    const before = await loadContract(trx, principal, id, 'write');
    if (before.status !== 'active')
      throw new DomainError('contract_state', { status: before.status });
    const plan = planOf(before.amountMinor, input.plan);
    const now = nowIso(ctx);
    if (!(await updateContract(trx, principal.tenantId, id, input.version, {}, now)))
      throw versionConflict('contract');
    const current = await listInstallments(trx, principal.tenantId, id);
    if (current.some((installment) => installment.collectedMinor > 0))
      throw new DomainError('payment_plan_locked');
    const rows = installmentRows(ctx, principal.tenantId, id, plan, now);
    if (!(await replaceInstallments(trx, principal.tenantId, id, current.length, rows)))
      throw new DomainError('payment_plan_locked');
    return auditedDetail(trx, ctx, principal, before, 'update', { installments: current });
  });
}

async function auditedDetail(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  before: Contract,
  action: 'update',
  extraBefore: Record<string, unknown> = {},
): Promise<ContractDetail> {
  const after = await findContract(trx, principal.tenantId, before.id);
  if (!after) throw new Error('contract vanished in its own transaction');
  const detail = await contractDetail(trx, principal.tenantId, after);
  await recordAudit(trx, ctx, principal, {
    entityType: 'contract',
    entityId: before.id,
    action,
    before: { ...before, ...extraBefore },
    after: detail,
  });
  return detail;
}
