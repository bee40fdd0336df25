/**
 * Durable background work. Recurring kinds get one row per time slot, so a scheduler that
 * runs twice (or on two machines) creates each run once; a worker claims a row with a lease,
 * and a run whose worker died is claimed again once its lease runs out. The work itself
 * must be idempotent: a run may be repeated, never lost.
 */
export const jobKinds = [
  'deadline_sweep',
  'reactivation_sweep',
  'lead_rescore',
  'win_model_train',
  'pipeline_snapshot',
  'outbox_dispatch',
  'automation',
  'renewal_sweep',
  'receivable_reminders',
  'quote_expiry',
] as const;
export type JobKind = (typeof jobKinds)[number];

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: JobKind;
  readonly slot: string;
  readonly runAt: string;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly lockedBy: string | null;
  readonly lockedUntil: string | null;
  readonly result: unknown;
  readonly lastError: string | null;
}

/** How often each recurring kind runs, by default. */
export const defaultEveryMs: Record<JobKind, number> = {
  deadline_sweep: 5 * 60_000,
  reactivation_sweep: 60 * 60_000,
  lead_rescore: 24 * 60 * 60_000,
  win_model_train: 24 * 60 * 60_000,
  pipeline_snapshot: 24 * 60 * 60_000,
  // The transactional outbox: deliveries leave within about a minute of their commit.
  outbox_dispatch: 60_000,
  // Automation rules: time triggers swept and pending events applied about once a minute.
  automation: 60_000,
  // Renewals are decided by the day: once a day opens every renewal due that day.
  renewal_sweep: 24 * 60 * 60_000,
  // Overdue installments: reminders go out per whole day overdue, so hourly is plenty.
  receivable_reminders: 60 * 60_000,
  // A quote is valid through its last day in the tenant's calendar: hourly expires it soon after.
  quote_expiry: 60 * 60_000,
};

/** A run that fails this many times is left `failed` for an operator to look at. */
export const MAX_ATTEMPTS = 5;

/**
 * The slot a recurring job is due in at `now`: runs are aligned to multiples of `everyMs`
 * since the epoch, so every scheduler computes the same slot for the same moment.
 */
export function slotAt(everyMs: number, now: Date): { slot: string; runAt: string } {
  const start = Math.floor(now.getTime() / everyMs) * everyMs;
  const runAt = new Date(start).toISOString();
  return { slot: runAt, runAt };
}

/** Back-off before retrying a failed run: 1, 2, 4, 8 … minutes, capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** What happens to a run that threw: retried later, or given up on. */
export function afterFailure(
  attempts: number,
  now: Date,
): { status: 'pending'; runAt: string } | { status: 'failed' } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return {
    status: 'pending',
    runAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
  };
}
