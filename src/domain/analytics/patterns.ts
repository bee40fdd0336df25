import { cohortMembers } from './conversion.js';
import type { InstantRange } from './conversion.js';
import type { DealHistory, StageVisit } from './facts.js';
import { nearestRank } from './percentiles.js';

/**
 * Winning patterns (赢单规律): per open stage, which FACTORS go with deals that move on.
 * A factor of a deal at stage S is a key action or material ticked at S
 * (`opportunity_actions.stage_id`), an activity type logged while the deal was in S
 * (occurred inside one of its visits to S: entered_at ≤ occurred_at < left_at), or a
 * contact decision role engaged in S (such an activity's contact's role).
 * The deals compared are S's cohort in the period (first entry in it, as in the conversion
 * report) that are DECIDED: advanced past S, or closed. For each factor, WITH and WITHOUT:
 * decided deals, advanced, conversion = advanced ÷ decided, and the median dwell (nearest
 * rank, seconds) of their ended visits to S. lift = conversion with − conversion without
 * (percentage points as a share; null when a side is empty). A factor with fewer than
 * `minDeals` deals on either side is listed but flagged tooFew. Sorted by lift, highest
 * first (null last), then kind and key.
 */
export type FactorKind = 'action' | 'material' | 'activity' | 'role';

export interface PatternAction {
  readonly opportunityId: string;
  readonly stageId: string;
  readonly kind: 'action' | 'material';
  readonly itemKey: string;
}

export interface PatternActivity {
  readonly opportunityId: string;
  readonly type: string;
  readonly occurredAt: string;
  /** The decision role of the activity's contact, when it has one. */
  readonly contactRole: string | null;
}

export interface FactorSide {
  readonly deals: number;
  readonly advanced: number;
  readonly conversion: number | null;
  readonly dwellVisits: number;
  readonly medianDwellSeconds: number | null;
}

export interface FactorFigures {
  readonly kind: FactorKind;
  readonly key: string;
  readonly with: FactorSide;
  readonly without: FactorSide;
  readonly lift: number | null;
  readonly tooFew: boolean;
}

export interface StagePatterns {
  readonly stageId: string;
  readonly decided: number;
  readonly advanced: number;
  readonly factors: readonly FactorFigures[];
}

export const secondsOf = (visit: StageVisit): number | null =>
  visit.leftAt === null
    ? null
    : Math.floor((Date.parse(visit.leftAt) - Date.parse(visit.enteredAt)) / 1000);

/** One side's figures from its counts and its dwell values (SQL and reference both end here). */
export function factorSide(
  deals: number,
  advanced: number,
  dwellVisits: number,
  medianDwellSeconds: number | null,
): FactorSide {
  return {
    deals,
    advanced,
    conversion: deals === 0 ? null : advanced / deals,
    dwellVisits,
    medianDwellSeconds,
  };
}

export function factorFigures(
  kind: FactorKind,
  key: string,
  withSide: FactorSide,
  withoutSide: FactorSide,
  minDeals: number,
): FactorFigures {
  return {
    kind,
    key,
    with: withSide,
    without: withoutSide,
    lift:
      withSide.conversion === null || withoutSide.conversion === null
        ? null
        : withSide.conversion - withoutSide.conversion,
    tooFew: withSide.deals < minDeals || withoutSide.deals < minDeals,
  };
}

/** Highest lift first, unknown lift last, then by kind and key (code-point order). */
export function byLift(a: FactorFigures, b: FactorFigures): number {
  if (a.lift !== b.lift) {
    if (a.lift === null) return 1;
    if (b.lift === null) return -1;
    return b.lift - a.lift;
  }
  const ka = `${a.kind}\u0000${a.key}`;
  const kb = `${b.kind}\u0000${b.key}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const kinds: readonly FactorKind[] = ['action', 'material', 'activity', 'role'];

/** The reference. */
export function patternsOf(
  history: DealHistory,
  actions: readonly PatternAction[],
  activities: readonly PatternActivity[],
  range: InstantRange,
  minDeals: number,
): StagePatterns[] {
  const members = cohortMembers(history, range);
  const open = [...history.stages]
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position);
  return open.map((stage) => {
    const decided = members.filter(
      (m) => m.stageId === stage.id && (m.advanced || m.deal.status !== 'open'),
    );
    const visitsOf = (dealId: string) =>
      history.visits.filter((v) => v.opportunityId === dealId && v.stageId === stage.id);
    const factorsOf = new Map<string, Set<string>>();
    for (const member of decided) {
      const id = member.deal.id;
      const set = new Set<string>();
      for (const a of actions)
        if (a.opportunityId === id && a.stageId === stage.id)
          set.add(`${a.kind}\u0000${a.itemKey}`);
      for (const act of activities) {
        if (act.opportunityId !== id) continue;
        const inside = visitsOf(id).some(
          (v) => v.enteredAt <= act.occurredAt && (v.leftAt === null || act.occurredAt < v.leftAt),
        );
        if (!inside) continue;
        set.add(`activity\u0000${act.type}`);
        if (act.contactRole !== null) set.add(`role\u0000${act.contactRole}`);
      }
      factorsOf.set(id, set);
    }
    const side = (deals: typeof decided): FactorSide => {
      const dwell = deals
        .flatMap((m) => visitsOf(m.deal.id).map(secondsOf))
        .filter((s): s is number => s !== null)
        .sort((a, b) => a - b);
      return factorSide(
        deals.length,
        deals.filter((m) => m.advanced).length,
        dwell.length,
        nearestRank(dwell, 50),
      );
    };
    const universe = new Set([...factorsOf.values()].flatMap((set) => [...set]));
    const factors = [...universe].map((factor) => {
      const [kind, key] = factor.split('\u0000') as [FactorKind, string];
      const has = (m: (typeof decided)[number]) => factorsOf.get(m.deal.id)?.has(factor) === true;
      return factorFigures(
        kinds.includes(kind) ? kind : 'activity',
        key,
        side(decided.filter(has)),
        side(decided.filter((m) => !has(m))),
        minDeals,
      );
    });
    return {
      stageId: stage.id,
      decided: decided.length,
      advanced: decided.filter((m) => m.advanced).length,
      factors: factors.sort(byLift),
    };
  });
}
