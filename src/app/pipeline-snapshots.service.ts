import { calendarDate } from '../domain/days.js';
import { notFound } from '../domain/errors.js';
import { writePipelineSnapshot } from '../store/pipeline-snapshots.repo.js';
import { findTenantById } from '../store/tenants.repo.js';
import type { AppContext } from './context.js';
import { inTransaction } from './transaction.js';

export interface SnapshotOutcome {
  /** The tenant's local date the snapshot is for. */
  readonly snapshotDate: string;
  /** Cells written (pipeline × stage × owner × currency × forecast category). */
  readonly cells: number;
}

/**
 * Takes today's pipeline snapshot for a tenant: "today" in the tenant's time zone, so a
 * trend's days are the tenant's days. Idempotent: a rerun the same day replaces the day's
 * rows with the pipeline as it stands then (delete and insert in one transaction).
 */
export async function takePipelineSnapshot(
  ctx: AppContext,
  tenantId: string,
): Promise<SnapshotOutcome> {
  return inTransaction(ctx, async (trx) => {
    const tenant = await findTenantById(trx, tenantId);
    if (!tenant) throw notFound('tenant');
    const now = ctx.clock.now();
    const snapshotDate = calendarDate(now, tenant.timeZone);
    const cells = await writePipelineSnapshot(trx, tenantId, snapshotDate, now.toISOString());
    return { snapshotDate, cells };
  });
}
