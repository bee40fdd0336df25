import { DomainError } from '../domain/errors.js';
import { dueReactivations } from '../store/deadline-sweep.repo.js';
import type { AppContext } from './context.js';
import type { SweepOptions } from './deadline-sweep.service.js';
import { changeAccountOwnership, changeLeadOwnership } from './pool-moves.service.js';
import { systemPrincipal } from './tenants.service.js';
import { inTransaction } from './transaction.js';

export interface ReactivationResult {
  readonly leads: number;
  readonly accounts: number;
}

/**
 * Brings dormant (沉寂) leads and customers back to the public pool once the date set when
 * they were archived comes. Each comes back through the same `reactivate` decision a person
 * would take, with its ownership history; a record reactivated by hand in the meantime is
 * no longer dormant and is not picked up, so a repeated run moves nothing twice.
 */
export async function runReactivationSweep(
  ctx: AppContext,
  tenantId: string,
  options: SweepOptions,
): Promise<ReactivationResult> {
  const system = systemPrincipal(tenantId, options.runId);
  const now = ctx.clock.now().toISOString();
  const counts = { leads: 0, accounts: 0 };
  for (const table of ['leads', 'accounts'] as const) {
    let after: { deadlineAt: string; id: string } | null = null;
    for (;;) {
      const limit = options.batchSize ?? 200;
      const batch = await inTransaction(ctx, async (trx) => {
        const due = await dueReactivations(trx, ctx.store.dialect, tenantId, table, {
          now,
          after,
          limit,
        });
        for (const record of due) {
          const request = {
            version: record.version,
            action: 'reactivate' as const,
            reason: `re-activation date ${record.deadlineAt} reached`,
          };
          try {
            if (table === 'leads') await changeLeadOwnership(ctx, system, record.id, request);
            else await changeAccountOwnership(ctx, system, record.id, request);
            counts[table] += 1;
          } catch (error) {
            // Refused by the rules (e.g. its pool was removed): left dormant, tried again.
            if (!(error instanceof DomainError && error.code === 'ownership_refused')) throw error;
          }
        }
        return due;
      });
      await options.afterBatch?.();
      const last = batch.at(-1);
      if (!last || batch.length < limit) break;
      after = { deadlineAt: last.deadlineAt, id: last.id };
    }
  }
  return counts;
}
