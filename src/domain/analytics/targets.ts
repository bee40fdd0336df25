import { DomainError } from '../errors.js';
import type { FieldIssue } from '../errors.js';

/**
 * A sales target (quota): an amount a rep or a team should win in a period, in one
 * currency, for one pipeline or (pipelineId null) all pipelines. Dates are local calendar
 * dates, both inclusive.
 */
export type TargetSubjectType = 'user' | 'team';
export const targetSubjectTypes: readonly TargetSubjectType[] = ['user', 'team'];

export interface SalesTarget {
  readonly id: string;
  readonly subjectType: TargetSubjectType;
  readonly subjectId: string;
  readonly pipelineId: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The fields that decide whether two targets collide. */
export type TargetKey = Pick<
  SalesTarget,
  'subjectType' | 'subjectId' | 'pipelineId' | 'currency' | 'periodStart' | 'periodEnd'
>;

/** Refuses a target that cannot mean anything: an empty period or a non-positive amount. */
export function validateTarget(
  target: Pick<SalesTarget, 'periodStart' | 'periodEnd' | 'amountMinor'>,
): void {
  const issues: FieldIssue[] = [];
  if (target.periodStart > target.periodEnd)
    issues.push({
      path: 'periodEnd',
      code: 'invalid_period',
      message: 'periodEnd must not be before periodStart',
      messages: {
        en: 'The period must not end before it starts.',
        'zh-CN': '结束日期不能早于开始日期。',
      },
    });
  if (!Number.isInteger(target.amountMinor) || target.amountMinor <= 0)
    issues.push({
      path: 'amountMinor',
      code: 'too_small',
      message: 'amountMinor must be a positive integer',
      messages: { en: 'The amount must be greater than zero.', 'zh-CN': '目标金额必须大于零。' },
    });
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

/**
 * Two targets for the same subject, currency and pipeline scope may not share a day: the
 * attainment of a day would otherwise count twice. "All pipelines" (null) is its own
 * scope, so a rep may have an overall quota and a per-pipeline one side by side.
 */
export function targetsCollide(a: TargetKey, b: TargetKey): boolean {
  return (
    a.subjectType === b.subjectType &&
    a.subjectId === b.subjectId &&
    a.currency === b.currency &&
    a.pipelineId === b.pipelineId &&
    a.periodStart <= b.periodEnd &&
    b.periodStart <= a.periodEnd
  );
}

/** Throws 409 `duplicate` when `candidate` collides with one of `existing` (itself excluded). */
export function assertNoOverlap(
  candidate: TargetKey & { id: string },
  existing: readonly (TargetKey & { id: string })[],
): void {
  const clash = existing.find(
    (other) => other.id !== candidate.id && targetsCollide(candidate, other),
  );
  if (clash)
    throw new DomainError('duplicate', { field: 'subjectId, pipelineId, currency, period' }, [], {
      conflictingId: clash.id,
    });
}

/** Whole days from `from` to `to`, both inclusive (dates YYYY-MM-DD). */
export function daysInclusive(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/**
 * The part of a target that falls in a report period, pro-rated by days: a quarterly
 * target of 900 read over one month of 30 of its 90 days counts 300. Rounded once to the
 * minor unit; 0 when they do not overlap.
 */
export function proRatedAmount(
  target: Pick<SalesTarget, 'periodStart' | 'periodEnd' | 'amountMinor'>,
  period: { readonly from: string; readonly to: string },
): number {
  const start = target.periodStart > period.from ? target.periodStart : period.from;
  const end = target.periodEnd < period.to ? target.periodEnd : period.to;
  if (start > end) return 0;
  const overlap = daysInclusive(start, end);
  const total = daysInclusive(target.periodStart, target.periodEnd);
  return overlap === total
    ? target.amountMinor
    : Math.round((target.amountMinor * overlap) / total);
}
