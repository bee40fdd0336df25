import type { DealFact } from './facts.js';

/**
 * The mix of the deals created in the period, as they stand now: by size band, product
 * type × customisation, customer value tier and source (with the leads of each source). A
 * group's win rate is won ÷ (won + lost) of ITS deals (a cohort rate: deals of the period,
 * closed by now), unlike the outcomes report's rate over deals closed in the period. The
 * SQL and the reference produce `MixCells`; `mixFrom` orders them and derives the rates.
 */
export interface MixBands {
  /** Deals of at least this amount (minor units) are big. */
  readonly bigFromMinor: number;
  /** Deals of at least this amount and below big are medium; the rest standard. */
  readonly mediumFromMinor: number;
}

/** 1,000,000.00 and 200,000.00 in the currency's major unit (for CNY: ¥1m and ¥200k). */
export const DEFAULT_BANDS: MixBands = { bigFromMinor: 100_000_000, mediumFromMinor: 20_000_000 };

export const BANDS = ['big', 'medium', 'standard'] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(amountMinor: number, bands: MixBands): Band {
  if (amountMinor >= bands.bigFromMinor) return 'big';
  if (amountMinor >= bands.mediumFromMinor) return 'medium';
  return 'standard';
}

export interface Tally {
  readonly deals: number;
  readonly amountMinor: number;
  readonly won: number;
  readonly wonAmountMinor: number;
  readonly lost: number;
}

export interface ProductFact {
  readonly opportunityId: string;
  readonly productType: string;
  readonly customisation: string;
  readonly amountMinor: number;
}

export interface LeadFact {
  readonly id: string;
  readonly source: string;
  readonly createdAt: string;
  readonly ownerId: string | null;
}

export interface MixCells {
  readonly bands: readonly ({ band: Band } & Tally)[];
  /** Deals with a line of the type (once per deal); amounts are the lines' amounts. */
  readonly products: readonly ({ productType: string; customisation: string } & Tally)[];
  readonly dealsWithoutProducts: number;
  readonly tiers: readonly ({ tier: string | null } & Tally)[];
  readonly sources: readonly ({
    source: string | null;
    leads: number;
    convertedLeads: number;
  } & Tally)[];
}

export const rateOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : part / whole;

const withRate = <T extends Tally>(cell: T) => ({
  ...cell,
  winRate: rateOf(cell.won, cell.won + cell.lost),
});

/** Nulls last, then code-unit order (no locale collation, the same everywhere). */
export function compareKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export const emptyTally: Tally = { deals: 0, amountMinor: 0, won: 0, wonAmountMinor: 0, lost: 0 };

export function mixFrom(cells: MixCells) {
  return {
    bands: BANDS.map((band) =>
      withRate({ ...emptyTally, ...cells.bands.find((cell) => cell.band === band), band }),
    ),
    products: [...cells.products]
      .sort(
        (a, b) =>
          compareKey(a.productType, b.productType) || compareKey(a.customisation, b.customisation),
      )
      .map(withRate),
    dealsWithoutProducts: cells.dealsWithoutProducts,
    tiers: [...cells.tiers].sort((a, b) => compareKey(a.tier, b.tier)).map(withRate),
    sources: [...cells.sources]
      .sort((a, b) => compareKey(a.source, b.source))
      .map((cell) => ({
        ...withRate(cell),
        leadConversion: rateOf(cell.convertedLeads, cell.leads),
      })),
  };
}

export type MixFigures = ReturnType<typeof mixFrom>;

/** Adds one deal (and an amount that may be a product line's) to a tally. */
export function count(
  tally: Tally,
  deal: DealFact,
  amountMinor = deal.amountMinor,
  once = true,
): Tally {
  return {
    deals: tally.deals + (once ? 1 : 0),
    amountMinor: tally.amountMinor + amountMinor,
    won: tally.won + (once && deal.status === 'won' ? 1 : 0),
    wonAmountMinor: tally.wonAmountMinor + (deal.status === 'won' ? amountMinor : 0),
    lost: tally.lost + (once && deal.status === 'lost' ? 1 : 0),
  };
}

export interface MixInput {
  /** The in-scope deals (any creation date: a lead converts into any of them). */
  readonly deals: readonly DealFact[];
  readonly products: readonly ProductFact[];
  readonly accounts: readonly { readonly id: string; readonly valueTier: string | null }[];
  /** Every live lead the reader may see. */
  readonly leads: readonly LeadFact[];
}

export interface MixQuestion {
  readonly start: string;
  readonly end: string;
  readonly bands: MixBands;
  /** The report's owner filter: a lead counts if one of them owns it or it became an in-scope deal. */
  readonly ownerIds: readonly string[] | null;
}

function grouped<K, C>(map: Map<K, C>, key: K, empty: C, update: (cell: C) => C): void {
  map.set(key, update(map.get(key) ?? empty));
}

/** The reference: the cells from every row in memory. */
export function mixCellsOf(input: MixInput, question: MixQuestion): MixCells {
  const inPeriod = (at: string) => at >= question.start && at < question.end;
  const created = input.deals.filter((deal) => inPeriod(deal.createdAt));
  const tierOf = new Map(input.accounts.map((account) => [account.id, account.valueTier]));
  const bands = new Map<Band, Tally>();
  const products = new Map<string, { productType: string; customisation: string } & Tally>();
  const tiers = new Map<string | null, Tally>();
  const sources = new Map<string | null, { leads: number; convertedLeads: number } & Tally>();
  const noLeads = { ...emptyTally, leads: 0, convertedLeads: 0 };
  let dealsWithoutProducts = 0;
  for (const deal of created) {
    grouped(bands, bandOf(deal.amountMinor, question.bands), emptyTally, (t) => count(t, deal));
    grouped(tiers, tierOf.get(deal.accountId) ?? null, emptyTally, (t) => count(t, deal));
    grouped(sources, deal.source, noLeads, (t) => ({ ...t, ...count(t, deal) }));
    const lines = input.products.filter((line) => line.opportunityId === deal.id);
    if (lines.length === 0) dealsWithoutProducts += 1;
    const kinds = new Map<string, ProductFact[]>();
    for (const line of lines) {
      const key = JSON.stringify([line.productType, line.customisation]);
      kinds.set(key, [...(kinds.get(key) ?? []), line]);
    }
    for (const [key, same] of kinds) {
      const { productType, customisation } = same[0] as ProductFact;
      const amount = same.reduce((sum, line) => sum + line.amountMinor, 0);
      grouped(products, key, { ...emptyTally, productType, customisation }, (t) => ({
        ...t,
        ...count(t, deal, amount),
      }));
    }
  }
  const converted = new Set(input.deals.map((deal) => deal.sourceLeadId));
  const owners = question.ownerIds === null ? null : new Set(question.ownerIds);
  for (const lead of input.leads) {
    if (!inPeriod(lead.createdAt)) continue;
    const became = converted.has(lead.id);
    if (owners !== null && !became && !(lead.ownerId !== null && owners.has(lead.ownerId)))
      continue;
    grouped(sources, lead.source, noLeads, (t) => ({
      ...t,
      leads: t.leads + 1,
      convertedLeads: t.convertedLeads + (became ? 1 : 0),
    }));
  }
  return {
    bands: [...bands].map(([band, tally]) => ({ band, ...tally })),
    products: [...products.values()],
    dealsWithoutProducts,
    tiers: [...tiers].map(([tier, tally]) => ({ tier, ...tally })),
    sources: [...sources].map(([source, tally]) => ({ source, ...tally })),
  };
}
