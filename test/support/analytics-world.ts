import type {
  DealChange,
  DealFact,
  DealHistory,
  StageFact,
  StageVisit,
} from '../../src/domain/analytics/facts.js';

/**
 * Random but consistent sales histories for the analytics agreement tests: the SQL report
 * and the pure reference in `src/domain/analytics` must agree on every one. A world is
 * generated from a seed (fast-check supplies and shrinks it), so a failure names a seed
 * that reproduces it. Deals move forward mostly, sometimes skip or go back (re-entering a
 * stage), change amount and close date on the way, and end open, won or lost.
 */
export interface WorldDeal extends DealFact {
  readonly pipelineId: string;
  readonly currency: string;
  readonly deleted: boolean;
  readonly forecastCategory: string | null;
}

export interface WorldAccount {
  readonly id: string;
  readonly industry: string | null;
  readonly size: string | null;
  readonly valueTier: string | null;
}

export interface WorldProduct {
  readonly opportunityId: string;
  readonly productType: string;
  readonly customisation: string;
  readonly amountMinor: number;
}

export interface WorldReview {
  readonly opportunityId: string;
  readonly outcome: 'won' | 'lost';
  readonly reasons: readonly string[];
  readonly competitor: string | null;
  readonly stageId: string;
  readonly createdAt: string;
}

export interface WorldAction {
  readonly opportunityId: string;
  readonly stageId: string;
  readonly kind: 'action' | 'material';
  readonly itemKey: string;
  readonly doneAt: string;
}

export interface WorldActivity {
  readonly id: string;
  readonly opportunityId: string;
  readonly contactId: string | null;
  readonly type: string;
  readonly occurredAt: string;
}

export interface WorldContact {
  readonly id: string;
  readonly accountId: string;
  readonly decisionRole: string | null;
}

export interface WorldLead {
  readonly id: string;
  readonly source: string;
  readonly createdAt: string;
  readonly status: string;
}

export interface World {
  /** The instant the world was generated at; nothing happens after it. */
  readonly now: string;
  readonly currency: string;
  readonly pipelineId: string;
  /** A second pipeline whose deals no report of the first may count. */
  readonly otherPipelineId: string;
  readonly stages: readonly (StageFact & { nameZh: string; nameEn: string })[];
  readonly otherStages: readonly (StageFact & { nameZh: string; nameEn: string })[];
  /** Teams: `east` and `north` under `sales`; owners are spread over east and north. */
  readonly teams: readonly { id: string; name: string; parentId: string | null }[];
  readonly owners: readonly { id: string; teamId: string }[];
  readonly accounts: readonly WorldAccount[];
  readonly contacts: readonly WorldContact[];
  readonly leads: readonly WorldLead[];
  readonly deals: readonly WorldDeal[];
  readonly visits: readonly StageVisit[];
  readonly changes: readonly DealChange[];
  readonly products: readonly WorldProduct[];
  readonly reviews: readonly WorldReview[];
  readonly actions: readonly WorldAction[];
  readonly activities: readonly WorldActivity[];
}

/** mulberry32: small, fast, good enough to spread test data. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);

const STAGES: [string, string, string, 'open' | 'won' | 'lost', number][] = [
  ['discover', '初步接触', 'Discover', 'open', 10],
  ['qualify', '需求确认', 'Qualify', 'open', 25],
  ['propose', '方案论证', 'Propose', 'open', 50],
  ['negotiate', '商务谈判', 'Negotiate', 'open', 75],
  ['won', '赢单', 'Won', 'won', 100],
  ['lost', '输单', 'Lost', 'lost', 0],
];

export const SOURCES = ['web', 'referral', 'event', 'cold_call'] as const;
export const LOSS_REASONS = ['price', 'product', 'solution', 'relationship', 'timing'] as const;
export const WIN_REASONS = ['value', 'relationship', 'price'] as const;
export const COMPETITORS = ['Acme', 'Globex', 'Initech'] as const;
export const ACTION_KEYS = ['visit', 'demo', 'proposal', 'poc'] as const;
export const ACTIVITY_TYPES = ['call', 'visit', 'meeting', 'email'] as const;
export const DECISION_ROLES = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;

export interface WorldOptions {
  readonly seed: number;
  readonly deals: number;
  /** Default 2026-06-30T12:00:00Z. */
  readonly now?: string;
  /** How far back deals are created, in days. Default 540. */
  readonly spanDays?: number;
}

export function generateWorld(options: WorldOptions): World {
  const r = random(options.seed);
  const now = Date.parse(options.now ?? '2026-06-30T12:00:00.000Z');
  const span = (options.spanDays ?? 540) * DAY;
  const id = (() => {
    let n = 0;
    return (prefix: string) =>
      `${prefix}-${options.seed.toString(36)}-${(n++).toString(36).padStart(5, '0')}`;
  })();
  const stage = (pipelineId: string) =>
    STAGES.map(([key, nameZh, nameEn, kind, probability], position) => ({
      id: `${pipelineId}-${key}`,
      key,
      nameZh,
      nameEn,
      position,
      kind,
      probability,
    }));
  const pipelineId = id('pipe');
  const otherPipelineId = id('pipe');
  const stages = stage(pipelineId);
  const otherStages = stage(otherPipelineId);
  const teams = [{ id: id('team'), name: 'Sales', parentId: null }] as {
    id: string;
    name: string;
    parentId: string | null;
  }[];
  const sales = teams[0]?.id ?? '';
  teams.push({ id: id('team'), name: 'East', parentId: sales });
  teams.push({ id: id('team'), name: 'North', parentId: sales });
  const owners = Array.from({ length: r.int(3, 6) }, (_, index) => ({
    id: id('user'),
    teamId: teams[1 + (index % 2)]?.id ?? sales,
  }));
  const accounts: WorldAccount[] = Array.from({ length: r.int(3, 12) }, () => ({
    id: id('acct'),
    industry: r.chance(0.9) ? r.pick(['manufacturing', 'finance', 'retail']) : null,
    size: r.chance(0.9) ? r.pick(['small', 'medium', 'large']) : null,
    valueTier: r.chance(0.9) ? r.pick(['A', 'B', 'C']) : null,
  }));
  const contacts: WorldContact[] = accounts.flatMap((account) =>
    Array.from({ length: r.int(0, 3) }, () => ({
      id: id('cont'),
      accountId: account.id,
      decisionRole: r.chance(0.85) ? r.pick(DECISION_ROLES) : null,
    })),
  );
  const leads: WorldLead[] = [];
  const deals: WorldDeal[] = [];
  const visits: StageVisit[] = [];
  const changes: DealChange[] = [];
  const products: WorldProduct[] = [];
  const reviews: WorldReview[] = [];
  const actions: WorldAction[] = [];
  const activities: WorldActivity[] = [];
  const open = stages.filter((s) => s.kind === 'open');

  for (let n = 0; n < options.deals; n++) {
    const dealId = id('deal');
    const inOther = r.chance(0.08);
    const ladder = inOther ? otherStages : stages;
    const ladderOpen = ladder.filter((s) => s.kind === 'open');
    // Whole seconds: both databases then agree on every difference to the millisecond.
    const createdAt = Math.floor((now - r.next() * span) / 1000) * 1000;
    const account = r.pick(accounts);
    const source = r.chance(0.85) ? r.pick(SOURCES) : null;
    let sourceLeadId: string | null = null;
    if (r.chance(0.5)) {
      sourceLeadId = id('lead');
      leads.push({
        id: sourceLeadId,
        source: source ?? 'web',
        createdAt: iso(createdAt - r.int(1, 30) * DAY),
        status: 'converted',
      });
    }
    let amount = r.int(1, 500) * 10_000;
    let closeDate = createdAt + r.int(20, 200) * DAY;
    let position = 0;
    let enteredAt = createdAt;
    let status: 'open' | 'won' | 'lost' = 'open';
    let closedAt: number | null = null;
    let current = ladderOpen[0] ?? ladder[0];
    let fromStageId: string | null = null;
    const moves = r.int(0, 7);
    const done = new Set<string>();
    for (let move = 0; move <= moves; move++) {
      // Now and then a move at the very instant of the last one (an import, a bulk move):
      // reports must agree on visits entered at the same instant too.
      const gap = r.chance(0.08) ? 0 : r.int(1, 24 * 45) * HOUR + r.int(0, 3599) * 1000;
      const leaveAt = enteredAt + gap;
      const last = move === moves || leaveAt >= now;
      const visitStart = enteredAt;
      visits.push({
        opportunityId: dealId,
        stageId: current?.id ?? '',
        fromStageId,
        enteredAt: iso(visitStart),
        leftAt: last ? null : iso(leaveAt),
        amountMinor: amount,
      });
      // Work inside the stage: actions, activities, amount and close-date changes.
      const until = last ? Math.min(now, visitStart + gap) : leaveAt;
      const inside = () =>
        visitStart + 1000 * r.int(1, Math.max(1, Math.floor((until - visitStart) / 1000) - 1));
      if (current && current.kind === 'open') {
        // A key action or material is ticked once per deal, in the stage it was done in.
        for (const key of ACTION_KEYS) {
          const kind = r.chance(0.8) ? 'action' : 'material';
          if (r.chance(0.3) && until - visitStart > 2000 && !done.has(`${kind}:${key}`)) {
            done.add(`${kind}:${key}`);
            actions.push({
              opportunityId: dealId,
              stageId: current.id,
              kind,
              itemKey: key,
              doneAt: iso(inside()),
            });
          }
        }
        for (let k = r.int(0, 3); k > 0 && until - visitStart > 2000; k--) {
          const contact = contacts.find((c) => c.accountId === account.id && r.chance(0.5)) ?? null;
          activities.push({
            id: id('act'),
            opportunityId: dealId,
            contactId: contact?.id ?? null,
            type: r.pick(ACTIVITY_TYPES),
            occurredAt: iso(inside()),
          });
        }
        const changeTimes = new Set<number>();
        if (r.chance(0.35) && until - visitStart > 4000) {
          const at = inside();
          changeTimes.add(at);
          const to = r.int(1, 500) * 10_000;
          changes.push({
            opportunityId: dealId,
            field: 'amount',
            fromAmountMinor: amount,
            toAmountMinor: to,
            fromDate: null,
            toDate: null,
            changedAt: iso(at),
          });
          amount = to;
        }
        if (r.chance(0.35) && until - visitStart > 4000) {
          let at = inside();
          while (changeTimes.has(at)) at += 1000;
          const to = closeDate + r.int(-20, 90) * DAY;
          changes.push({
            opportunityId: dealId,
            field: 'close_date',
            fromAmountMinor: null,
            toAmountMinor: null,
            fromDate: dateOf(closeDate),
            toDate: dateOf(to),
            changedAt: iso(at),
          });
          closeDate = to;
        }
      }
      if (last) break;
      fromStageId = current?.id ?? null;
      const roll = r.next();
      const canClose = position >= 1 || r.chance(0.2);
      if (canClose && roll < 0.18) {
        current = ladder.find((s) => s.kind === 'won');
      } else if (canClose && roll < 0.36) {
        current = ladder.find((s) => s.kind === 'lost');
      } else if (roll < 0.46 && position > 0) {
        position -= 1;
        current = ladderOpen[position];
      } else {
        position = Math.min(ladderOpen.length - 1, position + (r.chance(0.15) ? 2 : 1));
        current = ladderOpen[position];
      }
      enteredAt = leaveAt;
      if (current && current.kind !== 'open') {
        status = current.kind;
        closedAt = enteredAt;
        visits.push({
          opportunityId: dealId,
          stageId: current.id,
          fromStageId,
          enteredAt: iso(enteredAt),
          leftAt: null,
          amountMinor: amount,
        });
        reviews.push({
          opportunityId: dealId,
          outcome: status,
          reasons:
            status === 'won'
              ? [r.pick(WIN_REASONS)]
              : [r.pick(LOSS_REASONS), ...(r.chance(0.3) ? [r.pick(LOSS_REASONS)] : [])].filter(
                  (v, i, a) => a.indexOf(v) === i,
                ),
          competitor: status === 'lost' && r.chance(0.7) ? r.pick(COMPETITORS) : null,
          stageId: fromStageId ?? '',
          createdAt: iso(enteredAt),
        });
        break;
      }
    }
    const type = r.pick(['lighthouse', 'cornerstone']);
    products.push({
      opportunityId: dealId,
      productType: type,
      customisation: r.pick(['standard', 'customised']),
      amountMinor: amount,
    });
    deals.push({
      id: dealId,
      ownerId: r.pick(owners).id,
      accountId: account.id,
      stageId: current?.id ?? '',
      status,
      amountMinor: amount,
      createdAt: iso(createdAt),
      closedAt: closedAt === null ? null : iso(closedAt),
      expectedCloseDate: dateOf(closeDate),
      source,
      sourceLeadId,
      pipelineId: inOther ? otherPipelineId : pipelineId,
      currency: r.chance(0.9) ? 'CNY' : 'USD',
      deleted: r.chance(0.04),
      forecastCategory:
        status === 'open' && r.chance(0.4) ? r.pick(['commit', 'best_case', 'pipeline']) : null,
    });
  }
  // Leads that never became deals, for source → opportunity conversion.
  for (let n = r.int(0, options.deals); n > 0; n--)
    leads.push({
      id: id('lead'),
      source: r.pick(SOURCES),
      createdAt: iso(now - r.next() * span),
      status: r.pick(['new', 'working', 'disqualified']),
    });
  void open;
  return {
    now: iso(now),
    currency: 'CNY',
    pipelineId,
    otherPipelineId,
    stages,
    otherStages,
    teams,
    owners,
    accounts,
    contacts,
    leads,
    deals,
    visits,
    changes,
    products,
    reviews,
    actions,
    activities,
  };
}

export interface WorldScope {
  readonly currency?: string;
  /** null: every owner. */
  readonly ownerIds?: readonly string[] | null;
}

/** The part of a world a report of the main pipeline may see: the reference's input. */
export function historyInScope(
  world: World,
  scope: WorldScope = {},
): DealHistory & { deals: readonly WorldDeal[] } {
  const currency = scope.currency ?? world.currency;
  const owners = scope.ownerIds ?? null;
  const deals = world.deals.filter(
    (deal) =>
      deal.pipelineId === world.pipelineId &&
      !deal.deleted &&
      deal.currency === currency &&
      (owners === null || owners.includes(deal.ownerId)),
  );
  const ids = new Set(deals.map((deal) => deal.id));
  return {
    stages: world.stages,
    deals,
    visits: world.visits.filter((visit) => ids.has(visit.opportunityId)),
    changes: world.changes.filter((change) => ids.has(change.opportunityId)),
  };
}

/** Owners of a team and the teams below it, like the API's `teamId` filter. */
export function ownersOfTeam(world: World, teamId: string): string[] {
  const below = new Set([teamId]);
  for (let depth = 0; depth < 5; depth++)
    for (const team of world.teams)
      if (team.parentId !== null && below.has(team.parentId)) below.add(team.id);
  return world.owners.filter((owner) => below.has(owner.teamId)).map((owner) => owner.id);
}
