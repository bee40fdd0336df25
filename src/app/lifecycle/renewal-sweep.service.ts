import { calendarDate } from '../../domain/days.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { renewalHorizon, renewalName } from '../../domain/lifecycle/renewal.js';
import type { CurrencyCode } from '../../domain/money.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  dueRenewalContracts,
  findLineageContract,
  linkRenewal,
} from '../../store/lifecycle.repo.js';
import type { LineageContract } from '../../store/lifecycle.repo.js';
import { findTenantById } from '../../store/tenants.repo.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import type { SweepOptions } from '../deadline-sweep.service.js';
import { notify } from '../notifications.service.js';
import { createOpportunity } from '../opportunities.service.js';
import { systemPrincipal } from '../tenants.service.js';
import { dbFor, inTransaction } from '../transaction.js';

export interface RenewalSweepResult {
  /** The tenant's lead time the run used; 0: renewals are off and nothing was read. */
  readonly leadDays: number;
  readonly opened: number;
  /** Contracts another run renewed first (a concurrent sweep): left as they were. */
  readonly alreadyRenewed: number;
  /** Contracts the rules refused a deal for (e.g. the owner left): tried again next run. */
  readonly refused: number;
}

/** Thrown inside a contract's transaction to roll its deal back when another run won. */
class AlreadyRenewed extends Error {}

/**
 * Opens the renewal deal of every active contract within the tenant's lead time of its end
 * (docs/l2c/lifecycle.md). Each contract is one transaction: the deal is created through the
 * ordinary create service (audit, automation events, experiments), then linked to the
 * contract by a conditional update; if another run linked one first, the whole transaction
 * rolls back, so a repeated or concurrent sweep never opens two renewals of one contract.
 */
export async function runRenewalSweep(
  ctx: AppContext,
  tenantId: string,
  options: SweepOptions,
): Promise<RenewalSweepResult> {
  const tenant = await findTenantById(dbFor(ctx), tenantId);
  if (!tenant) throw notFound('tenant');
  const leadDays = tenant.settings.renewalLeadDays;
  const result = { leadDays, opened: 0, alreadyRenewed: 0, refused: 0 };
  const horizon = renewalHorizon(calendarDate(ctx.clock.now(), tenant.timeZone), leadDays);
  if (horizon === null) return result;
  const system = systemPrincipal(tenantId, options.runId);
  const limit = options.batchSize ?? 200;
  let after: { endDate: string; id: string } | null = null;
  for (;;) {
    const batch = await dueRenewalContracts(dbFor(ctx), tenantId, { horizon, after, limit });
    for (const contract of batch) {
      const outcome = await openRenewal(ctx, system, contract, tenant.locale);
      result[outcome] += 1;
    }
    await options.afterBatch?.();
    const last = batch.at(-1);
    if (!last || batch.length < limit) break;
    after = { endDate: last.endDate, id: last.id };
  }
  return result;
}

async function openRenewal(
  ctx: AppContext,
  system: Principal,
  contract: LineageContract,
  locale: Locale,
): Promise<'opened' | 'alreadyRenewed' | 'refused'> {
  try {
    await inTransaction(ctx, async (trx) => {
      // Read again inside the transaction: a run that finished meanwhile costs no deal.
      const current = await findLineageContract(trx, system.tenantId, contract.id);
      if (!current || current.renewalOpportunityId !== null || current.status !== 'active')
        throw new AlreadyRenewed();
      const deal = await createOpportunity(ctx, system, {
        name: renewalName(current.number, locale),
        accountId: current.accountId,
        ownerId: current.ownerId,
        amount: { amountMinor: current.amountMinor, currency: current.currency as CurrencyCode },
        expectedCloseDate: current.endDate,
        dealKind: 'renewal',
        originContractId: current.id,
      });
      const now = nowIso(ctx);
      if (!(await linkRenewal(trx, system.tenantId, current.id, deal.id, now)))
        throw new AlreadyRenewed();
      await recordAudit(trx, ctx, system, {
        entityType: 'contract',
        entityId: current.id,
        action: 'update',
        before: { renewalOpportunityId: null },
        after: { renewalOpportunityId: deal.id },
      });
      await notify(trx, ctx, system.tenantId, {
        userId: current.ownerId,
        subject: { type: 'opportunity', id: deal.id },
        facts: { kind: 'assigned', entityType: 'opportunity', name: deal.name },
        dedupeKey: `renewal:${current.id}`,
      });
    });
    return 'opened';
  } catch (error) {
    if (error instanceof AlreadyRenewed) return 'alreadyRenewed';
    // A unique or other rule violation: this contract waits, the others go on.
    if (error instanceof DomainError && error.code !== 'internal_error') return 'refused';
    throw error;
  }
}
