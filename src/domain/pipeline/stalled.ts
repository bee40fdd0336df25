import { calendarDate, moreThanDaysBefore, wholeDaysBetween } from '../days.js';
import type { OpportunityStatus } from '../opportunities/opportunity.js';
import type { Stage } from './pipeline.js';

/**
 * Stalled-deal detection (停滞商机): an open deal is flagged when it has sat in its stage
 * too long, or when the work the stage asks for is not happening. Every flag says why, with
 * the numbers behind it, so a manager can act on it and a UI can explain it.
 *
 * Time is counted in whole days (`days.ts`), and every threshold must be *exceeded*: a
 * stage expecting 14 days flags a deal on its 15th day, a 7-day cadence on the 8th silent day.
 */
export const stallCodes = [
  'dwell_over_expected',
  'dwell_over_p75',
  'required_actions_pending',
  'no_recent_activity',
] as const;
export type StallCode = (typeof stallCodes)[number];

/**
 * Closed stage intervals a stage needs before its history is a yardstick: below this a
 * 75th percentile is mostly noise (with 20 intervals, it is the 15th-longest).
 */
export const MIN_DWELL_SAMPLE = 20;
/**
 * The yardstick is the latest intervals that ended in the last year, at most this many per
 * stage: a small tenant's whole year, a large tenant's recent weeks — today's process, and
 * a cost that does not grow with the history (the nearest-rank p75 of 1,000 is precise).
 */
export const DWELL_HISTORY_DAYS = 365;
export const DWELL_SAMPLE_MAX = 1000;
/**
 * Days a deal may sit in a stage with required key actions undone: the stage's follow-up
 * cadence (one rhythm of work should get them started), else a week.
 */
export const DEFAULT_ACTION_DAYS = 7;

export interface ActionRef {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export type StallFlag =
  | {
      readonly code: 'dwell_over_expected';
      readonly days: number;
      readonly expectedDays: number;
    }
  | {
      readonly code: 'dwell_over_p75';
      readonly days: number;
      readonly p75Days: number;
      readonly sampleSize: number;
    }
  | {
      readonly code: 'required_actions_pending';
      readonly actions: readonly ActionRef[];
      readonly daysInStage: number;
      readonly afterDays: number;
    }
  | {
      readonly code: 'no_recent_activity';
      readonly lastActivityAt: string | null;
      readonly cadenceDays: number;
      /** Days since the last activity, or since the deal was created if that is later. */
      readonly daysSince: number;
    };

/** What detection needs to know about one deal. */
export interface StallFacts {
  readonly status: OpportunityStatus;
  readonly createdAt: string;
  readonly stageEnteredAt: string;
  /** A calendar date in the tenant's zone. */
  readonly nextStepDate: string | null;
  /** The latest live activity logged on the deal. */
  readonly lastActivityAt: string | null;
  /** Keys of the key actions done on the deal (in any stage: a key is done once). */
  readonly doneActions: ReadonlySet<string>;
}

/** The tenant's history of one stage: the 75th percentile of whole days spent in it. */
export interface DwellStats {
  readonly p75Days: number;
  readonly sampleSize: number;
}

const actionDays = (stage: Stage) => stage.cadenceDays ?? DEFAULT_ACTION_DAYS;
const usableStats = (stats: DwellStats | null) =>
  stats !== null && stats.sampleSize >= MIN_DWELL_SAMPLE ? stats : null;
const requiredActions = (stage: Stage) => stage.rules.actions.filter((action) => action.required);
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * The flags of one deal, in the order of `stallCodes`. The two dwell flags are independent:
 * the configured expectation is the manager's policy and keeps working when history
 * exists; the percentile adds the tenant's own norm, which may be stricter or looser.
 * A scheduled next step (today or later, in the tenant's zone) means someone has planned
 * the follow-up, so it suppresses `no_recent_activity` — but not the other flags.
 */
export function detectStall(
  facts: StallFacts,
  stage: Stage,
  stats: DwellStats | null,
  now: Date,
  timeZone = 'UTC',
): StallFlag[] {
  if (facts.status !== 'open' || stage.kind !== 'open') return [];
  const flags: StallFlag[] = [];
  const days = wholeDaysBetween(facts.stageEnteredAt, now);
  if (stage.expectedDwellDays !== null && days > stage.expectedDwellDays)
    flags.push({ code: 'dwell_over_expected', days, expectedDays: stage.expectedDwellDays });
  const history = usableStats(stats);
  if (history && days > history.p75Days)
    flags.push({
      code: 'dwell_over_p75',
      days,
      p75Days: history.p75Days,
      sampleSize: history.sampleSize,
    });
  const pending = requiredActions(stage).filter((action) => !facts.doneActions.has(action.key));
  if (pending.length > 0 && days > actionDays(stage))
    flags.push({
      code: 'required_actions_pending',
      actions: pending.map(({ key, nameZh, nameEn }) => ({ key, nameZh, nameEn })),
      daysInStage: days,
      afterDays: actionDays(stage),
    });
  const planned = facts.nextStepDate !== null && facts.nextStepDate >= calendarDate(now, timeZone);
  if (stage.cadenceDays !== null && !planned) {
    // A deal is judged from its creation until its first activity: a new deal is not silent.
    const since = wholeDaysBetween(
      facts.lastActivityAt === null
        ? facts.createdAt
        : later(facts.lastActivityAt, facts.createdAt),
      now,
    );
    if (since > stage.cadenceDays)
      flags.push({
        code: 'no_recent_activity',
        lastActivityAt: facts.lastActivityAt,
        cadenceDays: stage.cadenceDays,
        daysSince: since,
      });
  }
  return flags;
}

/**
 * Where a deal in `stage` must be for `detectStall` to flag it (optionally with one code),
 * as instants a query can compare: a necessary condition, so the database narrows a
 * million deals to the candidates and `detectStall` alone decides. Null when no deal in
 * the stage can be flagged.
 */
export interface StallWindow {
  readonly stageId: string;
  /** Candidates for a dwell or action flag entered the stage at or before this instant. */
  readonly enteredBy: string | null;
  /**
   * Candidates for `no_recent_activity` were created at or before this instant, have no
   * live activity after it, and no next step dated `today` or later.
   */
  readonly quietSince: string | null;
  /** The tenant's calendar date now. */
  readonly today: string;
}

export function stallWindow(
  stage: Stage,
  stats: DwellStats | null,
  now: Date,
  timeZone = 'UTC',
  code?: StallCode,
): StallWindow | null {
  if (stage.kind !== 'open') return null;
  const wants = (candidate: StallCode) => code === undefined || code === candidate;
  const thresholds: number[] = [];
  if (wants('dwell_over_expected') && stage.expectedDwellDays !== null)
    thresholds.push(stage.expectedDwellDays);
  const history = usableStats(stats);
  if (wants('dwell_over_p75') && history) thresholds.push(history.p75Days);
  if (wants('required_actions_pending') && requiredActions(stage).length > 0)
    thresholds.push(actionDays(stage));
  const enteredBy = thresholds.length > 0 ? moreThanDaysBefore(now, Math.min(...thresholds)) : null;
  const quietSince =
    wants('no_recent_activity') && stage.cadenceDays !== null
      ? moreThanDaysBefore(now, stage.cadenceDays)
      : null;
  if (enteredBy === null && quietSince === null) return null;
  return { stageId: stage.id, enteredBy, quietSince, today: calendarDate(now, timeZone) };
}
