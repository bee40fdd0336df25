import type { Lead } from './lead.js';
import { MAX_SCORE, MIN_SCORE } from './scoring-rules.js';
import type { BantAnswer, ScoringRule, ScoringRuleKind } from './scoring-rules.js';

/** What the scorer looks at: the lead's own fields and when activities on it happened. */
export type ScoredFields = Pick<
  Lead,
  | 'source'
  | 'industry'
  | 'region'
  | 'size'
  | 'bantBudget'
  | 'bantAuthority'
  | 'bantNeed'
  | 'bantTimeline'
>;

export interface ScoringInput {
  readonly lead: ScoredFields;
  /** `occurredAt` of the live activities logged on the lead (any order). */
  readonly activityDates: readonly string[];
  readonly now: Date;
}

/** One rule that matched, with what it saw, so the score can be explained in words. */
export interface ScoreContribution {
  /** Position of the rule in the tenant's list, so a client can point at it. */
  readonly rule: number;
  readonly kind: ScoringRuleKind;
  readonly points: number;
  /** The evidence: the matched source/value/answer, or the activity count and window. */
  readonly detail: Readonly<Record<string, string | number>>;
}

export interface LeadScore {
  /** The sum kept within 0–100. */
  readonly score: number;
  /** The plain sum of the contributions (may fall outside 0–100). */
  readonly total: number;
  readonly contributions: readonly ScoreContribution[];
}

const DAY_MS = 86_400_000;

const bantValue = (lead: ScoredFields, answer: BantAnswer): unknown =>
  ({
    budget: lead.bantBudget,
    authority: lead.bantAuthority,
    need: lead.bantNeed,
    timeline: lead.bantTimeline,
  })[answer];

const answered = (value: unknown): boolean =>
  value !== null && value !== undefined && (typeof value !== 'string' || value.trim() !== '');

/** ICP lists compare as people type them: case and surrounding spaces do not matter. */
const normalise = (text: string): string => text.trim().toLocaleLowerCase();

function matchesValue(value: string | null, values: readonly string[]): boolean {
  if (value === null || normalise(value) === '') return false;
  const wanted = normalise(value);
  return values.some((candidate) => normalise(candidate) === wanted);
}

/** Activities within the window (a future-dated one counts as within it: it is planned). */
function activitiesWithin(dates: readonly string[], now: Date, days: number): number {
  const since = now.getTime() - days * DAY_MS;
  return dates.filter((date) => Date.parse(date) >= since).length;
}

/** What one rule contributes, or null when it does not match. */
function contribution(
  rule: ScoringRule,
  { lead, activityDates, now }: ScoringInput,
): { points: number; detail: Record<string, string | number> } | null {
  switch (rule.kind) {
    case 'source':
      return lead.source === rule.source
        ? { points: rule.points, detail: { source: rule.source } }
        : null;
    case 'industry':
    case 'region': {
      const value = lead[rule.kind];
      return value !== null && matchesValue(value, rule.values)
        ? { points: rule.points, detail: { value: value.trim() } }
        : null;
    }
    case 'size':
      return lead.size !== null && rule.values.includes(lead.size)
        ? { points: rule.points, detail: { value: lead.size } }
        : null;
    case 'bant':
      return answered(bantValue(lead, rule.answer))
        ? { points: rule.points, detail: { answer: rule.answer } }
        : null;
    case 'activity_count': {
      const count = activitiesWithin(activityDates, now, rule.withinDays);
      const points = Math.min(rule.maxPoints, count * rule.pointsEach);
      return count > 0 && points !== 0
        ? { points, detail: { count, withinDays: rule.withinDays } }
        : null;
    }
    case 'recent_activity': {
      const count = activitiesWithin(activityDates, now, rule.withinDays);
      return count > 0 ? { points: rule.points, detail: { withinDays: rule.withinDays } } : null;
    }
  }
}

/**
 * Scores a lead against the tenant's rules. Pure: the same lead, activities, rules and
 * `now` always give the same score and the same explanation.
 */
export function scoreLead(rules: readonly ScoringRule[], input: ScoringInput): LeadScore {
  const contributions: ScoreContribution[] = [];
  rules.forEach((rule, index) => {
    const found = contribution(rule, input);
    if (found && found.points !== 0) contributions.push({ rule: index, kind: rule.kind, ...found });
  });
  const total = contributions.reduce((sum, c) => sum + c.points, 0);
  return { score: Math.min(MAX_SCORE, Math.max(MIN_SCORE, total)), total, contributions };
}
