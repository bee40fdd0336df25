/**
 * Follow-up deadlines: every owned lead, account and open deal must be followed up by its
 * deadline. The owner is reminded shortly before it; a missed deadline notifies the owner,
 * then escalates to the manager, then — for leads and accounts, never for deals — hands the
 * record back to the public pool. Thresholds count in days after the deadline (the reminder
 * in days before it); the planner is pure and takes `now`.
 */
export interface DeadlineRules {
  /** A newly owned (or re-activated) record must be followed up within this many days. */
  readonly followUpDays: number;
  readonly escalateAfterDays: number;
  readonly recycleAfterDays: number;
  /** The owner is reminded this many days before the deadline; 0: no reminder. */
  readonly remindBeforeDays: number;
}

export const defaultDeadlineRules: DeadlineRules = {
  followUpDays: 7,
  escalateAfterDays: 2,
  recycleAfterDays: 5,
  remindBeforeDays: 1,
};

/** 0: on time; 1: owner notified; 2: manager told. */
export type DeadlineLevel = 0 | 1 | 2;

export interface DeadlineItem {
  readonly deadlineAt: string;
  readonly level: DeadlineLevel;
  /** Leads and accounts go back to the pool; deals stay with their owner. */
  readonly recyclable: boolean;
}

export type DeadlineStep = 'notify' | 'escalate' | 'recycle';

const DAY_MS = 86_400_000;

/**
 * The steps now due for one item, in order. A sweep that ran late does all that is due at
 * once (the owner still hears about it), and one that runs twice finds nothing left to do,
 * because each step raises the level it checks.
 */
export function planDeadline(item: DeadlineItem, rules: DeadlineRules, now: Date): DeadlineStep[] {
  const late = now.getTime() - Date.parse(item.deadlineAt);
  if (late < 0) return [];
  const steps: DeadlineStep[] = [];
  if (item.level < 1) steps.push('notify');
  if (item.level < 2 && late >= rules.escalateAfterDays * DAY_MS) steps.push('escalate');
  if (item.recyclable && late >= rules.recycleAfterDays * DAY_MS) steps.push('recycle');
  return steps;
}

/**
 * The window of deadlines the owner should be reminded of now: after `now` (not yet missed,
 * which the steps above handle) and at most `remindBeforeDays` ahead. Null when reminders
 * are off. A clock restarted with less time than that left (a one-day stage cadence)
 * reminds at once, which is the reminder such a rhythm needs.
 */
export function reminderWindow(
  rules: DeadlineRules,
  now: Date,
): { readonly after: string; readonly until: string } | null {
  if (rules.remindBeforeDays <= 0) return null;
  return {
    after: now.toISOString(),
    until: new Date(now.getTime() + rules.remindBeforeDays * DAY_MS).toISOString(),
  };
}

/** The next deadline after a follow-up (or a change of owner) at `from`. */
export function nextDeadline(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString();
}

/**
 * A deal's follow-up deadline in a stage: the stage's cadence (e.g. daily in the closing
 * sprint) from `from`; none in a closed stage or one without a cadence.
 */
export function stageDeadline(
  stage: { readonly kind: string; readonly cadenceDays: number | null },
  from: Date,
): string | null {
  return stage.kind === 'open' && stage.cadenceDays !== null
    ? nextDeadline(from, stage.cadenceDays)
    : null;
}

/** Items at `level` are due for some step once their deadline is at or before `dueBy`. */
export interface DueCutoff {
  readonly level: DeadlineLevel;
  readonly dueBy: string;
}

/**
 * What the sweep asks the database for: per level, the latest deadline that leaves a step
 * to take. An item matches a cutoff exactly when `planDeadline` has a step for it, so the
 * query never returns work the planner would skip, and never misses work it would do.
 */
export function dueCutoffs(rules: DeadlineRules, recyclable: boolean, now: Date): DueCutoff[] {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const cutoffs: DueCutoff[] = [{ level: 0, dueBy: now.toISOString() }];
  // The most lenient remaining step decides when a level-1 item becomes due.
  const level1 = recyclable
    ? Math.min(rules.escalateAfterDays, rules.recycleAfterDays)
    : rules.escalateAfterDays;
  cutoffs.push({ level: 1, dueBy: before(level1) });
  if (recyclable) cutoffs.push({ level: 2, dueBy: before(rules.recycleAfterDays) });
  return cutoffs;
}
