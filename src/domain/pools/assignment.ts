import type { CompanySize } from '../accounts/account.js';

/**
 * Who gets a new lead. Strategies: round-robin over the eligible reps; weighted by spare
 * capacity (capacity minus current load); or rules that route by region, industry, source,
 * size and language to a set of reps, then round-robin among them. A rep on leave (away)
 * or without spare capacity is skipped. Every choice comes with its explanation.
 */
export const strategies = ['round_robin', 'capacity'] as const;
export type Strategy = (typeof strategies)[number];

export interface Candidate {
  readonly userId: string;
  readonly away: boolean;
  /** Most open leads the rep should carry; null means no cap. */
  readonly capacity: number | null;
  readonly load: number;
  readonly languages: readonly string[];
  /** When the rep last got a lead by assignment (round-robin fairness). */
  readonly lastAssignedAt: string | null;
}

export interface LeadTraits {
  readonly region: string | null;
  readonly industry: string | null;
  readonly source: string;
  readonly size: CompanySize | null;
  readonly language: string | null;
}

export interface AssignmentRule {
  readonly id: string;
  readonly name: string;
  /** Each condition lists accepted values; an absent condition accepts anything. */
  readonly when: Partial<Record<keyof LeadTraits, readonly string[]>>;
  readonly userIds: readonly string[];
  readonly strategy: Strategy;
}

export interface Explanation {
  readonly rule: string | null;
  readonly strategy: Strategy;
  readonly considered: number;
  readonly skipped: readonly {
    readonly userId: string;
    readonly why: 'away' | 'at_capacity' | 'language';
  }[];
  readonly why: string;
}

export type AssignmentDecision =
  | { readonly userId: string; readonly explanation: Explanation }
  | { readonly userId: null; readonly explanation: Explanation };

export function ruleMatches(rule: AssignmentRule, lead: LeadTraits): boolean {
  return (Object.entries(rule.when) as [keyof LeadTraits, readonly string[]][]).every(
    ([trait, accepted]) => {
      const value = lead[trait];
      return value !== null && accepted.includes(value);
    },
  );
}

function pick(candidates: readonly Candidate[], strategy: Strategy): Candidate | undefined {
  if (strategy === 'capacity') {
    const spare = (c: Candidate) =>
      c.capacity === null ? Number.POSITIVE_INFINITY : c.capacity - c.load;
    return [...candidates].sort(
      (a, b) => spare(b) - spare(a) || a.load - b.load || a.userId.localeCompare(b.userId),
    )[0];
  }
  // Round-robin: whoever was assigned longest ago (never counts as longest) goes next.
  const since = (c: Candidate) =>
    c.lastAssignedAt ? Date.parse(c.lastAssignedAt) : Number.NEGATIVE_INFINITY;
  return [...candidates].sort((a, b) => since(a) - since(b) || a.userId.localeCompare(b.userId))[0];
}

export function chooseAssignee(
  lead: LeadTraits,
  pool: readonly Candidate[],
  rules: readonly AssignmentRule[],
  fallback: Strategy,
): AssignmentDecision {
  const rule = rules.find((candidate) => ruleMatches(candidate, lead)) ?? null;
  const strategy = rule?.strategy ?? fallback;
  const listed = rule ? pool.filter((c) => rule.userIds.includes(c.userId)) : pool;
  const skipped: Explanation['skipped'][number][] = [];
  const eligible = listed.filter((c) => {
    if (c.away) skipped.push({ userId: c.userId, why: 'away' });
    else if (c.capacity !== null && c.load >= c.capacity)
      skipped.push({ userId: c.userId, why: 'at_capacity' });
    else if (lead.language && c.languages.length > 0 && !c.languages.includes(lead.language)) {
      skipped.push({ userId: c.userId, why: 'language' });
    } else return true;
    return false;
  });
  const chosen = pick(eligible, strategy);
  const explanation: Explanation = {
    rule: rule?.name ?? null,
    strategy,
    considered: listed.length,
    skipped,
    why: chosen
      ? `${rule ? `rule "${rule.name}"` : 'no rule matched'}; ${strategy === 'capacity' ? 'most spare capacity' : 'next in turn'} among ${eligible.length} eligible`
      : `${rule ? `rule "${rule.name}"` : 'no rule matched'}; nobody eligible`,
  };
  return chosen ? { userId: chosen.userId, explanation } : { userId: null, explanation };
}
