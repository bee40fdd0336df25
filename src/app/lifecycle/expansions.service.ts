import { notFound } from '../../domain/errors.js';
import { expansionKinds } from '../../domain/lifecycle/deal-kind.js';
import type { ExpansionKind } from '../../domain/lifecycle/deal-kind.js';
import type { CurrencyCode } from '../../domain/money.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findLineageContract } from '../../store/lifecycle.repo.js';
import type { LineageContract } from '../../store/lifecycle.repo.js';
import { listOpportunities } from '../../store/opportunities.repo.js';
import { assertVisible, authorize, visibilityOf } from '../access.js';
import type { AppContext } from '../context.js';
import { createOpportunity } from '../opportunities.service.js';
import { dbFor, inTransaction } from '../transaction.js';

export interface ExpansionInput {
  readonly kind: ExpansionKind;
  readonly name: string;
  /** In the contract's currency. */
  readonly amountMinor: number;
  readonly expectedCloseDate?: string | null;
  /** Defaults to the caller. */
  readonly ownerId?: string;
  readonly primaryContactId?: string | null;
  readonly nextStep?: string | null;
}

/**
 * The contract as the caller may see it: through its customer. Missing, foreign and
 * invisible contracts all answer 404, so ids cannot be probed.
 */
async function visibleContract(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
): Promise<LineageContract> {
  const db = dbFor(ctx);
  const contract = await findLineageContract(db, principal.tenantId, contractId);
  if (!contract) throw notFound('contract');
  await assertVisible(db, principal, 'accounts', contract.accountId, 'contract');
  return contract;
}

/**
 * An upsell (增购) or cross-sell (交叉销售) grown from a contract: an ordinary deal on the
 * contract's customer, in its currency, linked by `origin_contract_id` — created through the
 * opportunity service so it gets the same checks, audit and automation events.
 */
export async function createExpansion(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
  input: ExpansionInput,
): Promise<Opportunity> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async () => {
    const contract = await visibleContract(ctx, principal, contractId);
    return createOpportunity(ctx, principal, {
      name: input.name,
      accountId: contract.accountId,
      amount: { amountMinor: input.amountMinor, currency: contract.currency as CurrencyCode },
      dealKind: input.kind,
      originContractId: contract.id,
      ...(input.ownerId === undefined ? {} : { ownerId: input.ownerId }),
      ...(input.expectedCloseDate === undefined
        ? {}
        : { expectedCloseDate: input.expectedCloseDate }),
      ...(input.primaryContactId === undefined ? {} : { primaryContactId: input.primaryContactId }),
      ...(input.nextStep === undefined ? {} : { nextStep: input.nextStep }),
    });
  });
}

/** A contract's upsells and cross-sells the caller may see, newest first (at most 200). */
export async function listExpansions(
  ctx: AppContext,
  principal: Principal,
  contractId: string,
): Promise<{ items: Opportunity[] }> {
  authorize(principal, 'opportunities.read');
  const contract = await visibleContract(ctx, principal, contractId);
  const db = dbFor(ctx);
  const page = await listOpportunities(
    db,
    principal.tenantId,
    { originContractId: contract.id, dealKinds: expansionKinds, deleted: 'exclude' },
    {
      limit: 200,
      cursor: null,
      sort: { key: 'createdAt', column: 'created_at' },
      direction: 'desc',
    },
    await visibilityOf(db, principal),
  );
  return { items: [...page.items] };
}
