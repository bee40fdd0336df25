import { calendarDate } from '../days.js';
import { summarize } from './percentiles.js';
import type { Summary } from './percentiles.js';
import { daysFromTo, inRange } from './receivables.js';
import type { DateRange, ReceivablesFacts } from './receivables.js';

/**
 * The lead-to-cash cycle by lead source. The cohort: contracts (not terminated) of won
 * deals converted from a lead (opportunities.source_lead_id) whose payment plan is fully
 * collected — at least one installment, every one paid — with the cash date (the latest
 * paid_on) in the period. Legs in whole calendar days of the tenant's zone:
 * lead created → cash, lead created → won, won → cash. Count, mean (one decimal) and
 * nearest-rank median, p75, p90, per source (null: the lead had none) and overall.
 */
export interface LeadToCashDeal {
  readonly opportunityId: string;
  readonly leadSource: string | null;
  /** The lead's created_at instant. */
  readonly leadCreatedAt: string;
  /** The deal's closed_at when it is won; null otherwise. */
  readonly wonAt: string | null;
}

export interface LeadToCashLegs {
  readonly leadToCash: Summary;
  readonly leadToWon: Summary;
  readonly wonToCash: Summary;
}

export interface LeadToCashFigures {
  /** Ordered by source, the null source last. */
  readonly sources: readonly ({ readonly source: string | null } & LeadToCashLegs)[];
  readonly all: LeadToCashLegs;
}

interface Leg {
  readonly source: string | null;
  readonly leadToCash: number;
  readonly leadToWon: number;
  readonly wonToCash: number;
}

export function compareSources(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function leadToCashOf(
  facts: ReceivablesFacts,
  deals: readonly LeadToCashDeal[],
  period: DateRange,
  timeZone: string,
): LeadToCashFigures {
  const byDeal = new Map(deals.map((deal) => [deal.opportunityId, deal]));
  const legs: Leg[] = [];
  for (const contract of facts.contracts) {
    const deal = byDeal.get(contract.opportunityId);
    if (contract.status === 'terminated' || !deal || deal.wonAt === null) continue;
    const plan = facts.installments.filter((i) => i.contractId === contract.id);
    if (plan.length === 0 || plan.some((i) => i.status !== 'paid' || i.paidOn === null)) continue;
    const cash = plan.map((i) => i.paidOn ?? '').reduce((a, b) => (a > b ? a : b));
    if (!inRange(cash, period)) continue;
    const lead = calendarDate(new Date(deal.leadCreatedAt), timeZone);
    const won = calendarDate(new Date(deal.wonAt), timeZone);
    legs.push({
      source: deal.leadSource,
      leadToCash: daysFromTo(lead, cash),
      leadToWon: daysFromTo(lead, won),
      wonToCash: daysFromTo(won, cash),
    });
  }
  const summaries = (list: readonly Leg[]): LeadToCashLegs => ({
    leadToCash: summarize(
      list.map((leg) => leg.leadToCash),
      1,
    ),
    leadToWon: summarize(
      list.map((leg) => leg.leadToWon),
      1,
    ),
    wonToCash: summarize(
      list.map((leg) => leg.wonToCash),
      1,
    ),
  });
  const sources = [...new Set(legs.map((leg) => leg.source))].sort(compareSources);
  return {
    sources: sources.map((source) => ({
      source,
      ...summaries(legs.filter((leg) => leg.source === source)),
    })),
    all: summaries(legs),
  };
}
