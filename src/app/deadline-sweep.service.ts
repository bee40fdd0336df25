import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { NotifiedEntity } from '../domain/notifications/notification.js';
import {
  dueCutoffs,
  nextDeadline,
  planDeadline,
  reminderWindow,
} from '../domain/pools/deadlines.js';
import type { DeadlineLevel, DeadlineRules, DeadlineStep } from '../domain/pools/deadlines.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  activeAdmins,
  dueItems,
  postponeDeadline,
  raiseDeadlineLevel,
  upcomingItems,
} from '../store/deadline-sweep.repo.js';
import { namesById } from '../store/names.repo.js';
import type { DeadlineTable, DueItem } from '../store/deadline-sweep.repo.js';
import type { Database } from '../store/schema.js';
import { managerOf } from '../store/teams.repo.js';
import { findTenantById } from '../store/tenants.repo.js';
import type { AppContext } from './context.js';
import { notify } from './notifications.service.js';
import { changeAccountOwnership, changeLeadOwnership } from './pool-moves.service.js';
import { systemPrincipal } from './tenants.service.js';
import { inTransaction } from './transaction.js';

export interface SweepCounts {
  /** Owners reminded of a deadline coming up (once per deadline). */
  reminded: number;
  notified: number;
  escalated: number;
  recycled: number;
  /** Silenced accounts whose clock was moved past the silence period. */
  postponed: number;
  /** Items someone else moved between the read and the write (a follow-up, a new owner). */
  skipped: number;
  /** Recycles the pool rules refused (e.g. no pool to return to); retried next run. */
  refused: number;
}

export type DeadlineSweepResult = Record<DeadlineTable, SweepCounts>;

export interface SweepOptions {
  /** Items per transaction: a crash loses at most one uncommitted batch, redone next run. */
  readonly batchSize?: number;
  /** Correlates the audit entries and history the run writes. */
  readonly runId: string;
  /** Called after each committed batch (a worker renews its lease there). */
  readonly afterBatch?: () => Promise<void>;
}

const entityOf: Record<DeadlineTable, NotifiedEntity> = {
  leads: 'lead',
  accounts: 'account',
  opportunities: 'opportunity',
};

const emptyCounts = (): SweepCounts => ({
  reminded: 0,
  notified: 0,
  escalated: 0,
  recycled: 0,
  postponed: 0,
  skipped: 0,
  refused: 0,
});

/**
 * The follow-up deadline sweep for one tenant: owners of items due within the lead time
 * are reminded (once per deadline, `remindUpcoming`), and every owned lead, account and open
 * deal whose deadline has passed gets the steps the pure planner says are due — the owner is told,
 * then the manager, then (leads and accounts without an open deal) the record goes back to
 * the public pool. Idempotent: each step raises the item's level with a compare-and-set in
 * the same transaction as its notices and moves, so a second run, a concurrent run or a run
 * restarted after a crash finds nothing left to do twice.
 */
export async function runDeadlineSweep(
  ctx: AppContext,
  tenantId: string,
  options: SweepOptions,
): Promise<DeadlineSweepResult> {
  const tenant = await findTenantById(ctx.store.db, tenantId);
  if (!tenant) throw new DomainError('not_found', { entity: 'tenant' });
  const rules = tenant.settings.deadlines;
  const system = systemPrincipal(tenantId, options.runId);
  const now = ctx.clock.now();
  const result: DeadlineSweepResult = {
    leads: emptyCounts(),
    accounts: emptyCounts(),
    opportunities: emptyCounts(),
  };
  const escalations = new Map<string, Escalation>();
  for (const table of ['leads', 'accounts', 'opportunities'] as const) {
    const sweep: TableSweep = {
      ctx,
      system,
      table,
      rules,
      now,
      counts: result[table],
      escalations,
    };
    const cutoffs = dueCutoffs(rules, table !== 'opportunities', now);
    let after: { deadlineAt: string; id: string } | null = null;
    for (;;) {
      const limit = options.batchSize ?? 200;
      const items = await inTransaction(ctx, async (trx) => {
        const batch = await dueItems(trx, ctx.store.dialect, tenantId, table, {
          cutoffs,
          after,
          limit,
        });
        for (const item of batch) await sweepItem(trx, sweep, item);
        return batch;
      });
      await options.afterBatch?.();
      const last = items.at(-1);
      if (!last || items.length < limit) break;
      after = { deadlineAt: last.deadlineAt, id: last.id };
    }
    await remindUpcoming(sweep, options);
  }
  return result;
}

/**
 * The reminder before a deadline: owners of items due within the tenant's lead time
 * (`remindBeforeDays`) hear about it once per deadline — the notice's dedupe key names the
 * deadline, so a sweep running every few minutes reminds once, and a restarted clock (a new
 * deadline) reminds again.
 */
async function remindUpcoming(sweep: TableSweep, options: SweepOptions): Promise<void> {
  const { ctx, system, table, rules, now, counts } = sweep;
  const window = reminderWindow(rules, now);
  if (!window) return;
  const limit = options.batchSize ?? 200;
  let from: { deadlineAt: string; id: string } | null = null;
  for (;;) {
    const items = await inTransaction(ctx, async (trx) => {
      const batch = await upcomingItems(trx, system.tenantId, table, { ...window, from, limit });
      for (const item of batch) {
        const told = await notify(trx, ctx, system.tenantId, {
          userId: item.ownerId,
          subject: { type: entityOf[table], id: item.id },
          facts: {
            kind: 'follow_up_reminder',
            entityType: entityOf[table],
            name: item.name,
            deadlineAt: item.deadlineAt,
          },
          dedupeKey: `deadline:${table}:${item.id}:${item.deadlineAt}:remind`,
        });
        if (told) counts.reminded += 1;
      }
      return batch;
    });
    await options.afterBatch?.();
    const last = items.at(-1);
    if (!last || items.length < limit) return;
    from = { deadlineAt: last.deadlineAt, id: last.id };
  }
}

interface Escalation {
  readonly ownerName: string;
  readonly managerIds: readonly string[];
}

interface TableSweep {
  readonly ctx: AppContext;
  readonly system: Principal;
  readonly table: DeadlineTable;
  readonly rules: DeadlineRules;
  readonly now: Date;
  readonly counts: SweepCounts;
  readonly escalations: Map<string, Escalation>;
}

async function sweepItem(trx: Kysely<Database>, sweep: TableSweep, item: DueItem): Promise<void> {
  const { ctx, system, table, rules, now, counts } = sweep;
  const tenantId = system.tenantId;
  // A customer in a silence period (静默期) is not chased: its clock restarts afterwards.
  if (item.silenceUntil && Date.parse(item.silenceUntil) > now.getTime()) {
    const resumeAt = nextDeadline(new Date(item.silenceUntil), rules.followUpDays);
    if (await postponeDeadline(trx, tenantId, item, resumeAt)) counts.postponed += 1;
    else counts.skipped += 1;
    return;
  }
  const recyclable = table === 'leads' || (table === 'accounts' && !item.hasOpenDeal);
  const steps = planDeadline({ ...item, recyclable }, rules, now);
  if (steps.length === 0) return;
  if (!(await raiseDeadlineLevel(trx, tenantId, table, item, levelAfter(item.level, steps)))) {
    counts.skipped += 1;
    return;
  }
  const subject = { type: entityOf[table], id: item.id };
  const facts = { entityType: entityOf[table], name: item.name, deadlineAt: item.deadlineAt };
  // Keys name the deadline missed: the same slip is told once, a later one again.
  const key = `deadline:${table}:${item.id}:${item.deadlineAt}`;
  if (steps.includes('notify')) {
    await notify(trx, ctx, tenantId, {
      userId: item.ownerId,
      subject,
      facts: { kind: 'follow_up_due', ...facts },
      dedupeKey: `${key}:notify`,
    });
    counts.notified += 1;
  }
  if (steps.includes('escalate')) {
    const { ownerName, managerIds } = await escalationOf(trx, sweep, item.ownerId);
    for (const managerId of managerIds) {
      await notify(trx, ctx, tenantId, {
        userId: managerId,
        subject,
        facts: { kind: 'follow_up_escalated', ...facts, ownerName },
        dedupeKey: `${key}:escalate:${managerId}`,
      });
    }
    counts.escalated += 1;
  }
  if (steps.includes('recycle')) await recycle(trx, sweep, item, key);
}

/** The level an item reaches once these steps are taken. */
function levelAfter(level: DeadlineLevel, steps: readonly DeadlineStep[]): DeadlineLevel {
  if (steps.includes('escalate')) return 2;
  if (steps.includes('notify')) return 1;
  return level;
}

/** The owner's name and whom to tell when they slip, looked up once per owner per run. */
async function escalationOf(
  trx: Kysely<Database>,
  sweep: TableSweep,
  ownerId: string,
): Promise<Escalation> {
  const known = sweep.escalations.get(ownerId);
  if (known) return known;
  const tenantId = sweep.system.tenantId;
  const manager = await managerOf(trx, tenantId, ownerId);
  const escalation = {
    ownerName: (await namesById(trx, 'users', tenantId, [ownerId])).get(ownerId) ?? '',
    managerIds: manager
      ? [manager]
      : (await activeAdmins(trx, tenantId)).filter((id) => id !== ownerId),
  };
  sweep.escalations.set(ownerId, escalation);
  return escalation;
}

async function recycle(
  trx: Kysely<Database>,
  sweep: TableSweep,
  item: DueItem,
  key: string,
): Promise<void> {
  const { ctx, system, table, counts } = sweep;
  const request = {
    version: item.version,
    action: 'recycle' as const,
    reason: `follow-up deadline ${item.deadlineAt} missed`,
  };
  try {
    if (table === 'leads') await changeLeadOwnership(ctx, system, item.id, request);
    else await changeAccountOwnership(ctx, system, item.id, request);
  } catch (error) {
    // The rules refused (say, there is no pool to return to): the item stays at its level
    // and is tried again next run; nothing was written for it beyond the level.
    if (error instanceof DomainError && error.code === 'ownership_refused') {
      counts.refused += 1;
      return;
    }
    throw error;
  }
  await notify(trx, ctx, system.tenantId, {
    userId: item.ownerId,
    subject: { type: entityOf[table], id: item.id },
    facts: {
      kind: 'recycled',
      entityType: entityOf[table],
      name: item.name,
      deadlineAt: item.deadlineAt,
    },
    dedupeKey: `${key}:recycle`,
  });
  counts.recycled += 1;
}
