import type { PriceBookEntry } from '../domain/catalog/price-book.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { priceQuote } from '../domain/quotes/arithmetic.js';
import type { Quote, QuoteLine } from '../domain/quotes/quote.js';
import type { QuoteStatus } from '../domain/quotes/status.js';
import { formatQuoteNumber } from '../domain/quotes/status.js';
import type { DemoCatalog } from './catalog.js';
import { idAt } from './ids.js';
import { addDays, atOn } from './l2c-dates.js';
import type { L2cClock } from './l2c-dates.js';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;

/**
 * The newest open deals get no demo quote: a rep opening a fresh deal (and the browser
 * suites, which quote the newest open deal) should find it without quotes.
 */
export const UNQUOTED_NEWEST_OPEN_DEALS = 5;

/** Where the quoted deals stand, in the order they are handed out. */
const scenarios = ['revised', 'accepted', 'sent', 'draft'] as const;

export interface DemoQuotes {
  readonly quotes: Quote[];
  /** An accepted quote sets its deal's amount to the quote's net (as acceptQuote does). */
  readonly dealAmounts: Map<string, number>;
}

/**
 * Quotes for a handful of open deals in the last stages, priced from the demo price book with
 * the quote arithmetic (ADR 0025): one quote revised once (revision 1 superseded, 2 sent),
 * one accepted, one sent and one draft, each valid well past today so no sweep expires them.
 */
export function generateDemoQuotes(
  random: Random,
  deals: readonly Opportunity[],
  lateStageIds: ReadonlySet<string>,
  catalog: DemoCatalog,
  clock: L2cClock,
  firstSequence: number,
): DemoQuotes {
  const open = deals
    .filter((deal) => deal.status === 'open')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const candidates = open
    .slice(UNQUOTED_NEWEST_OPEN_DEALS)
    .filter(
      (deal) =>
        lateStageIds.has(deal.stageId) && deal.amount.currency === catalog.priceBook.currency,
    );
  const quotes: Quote[] = [];
  const dealAmounts = new Map<string, number>();
  candidates.slice(0, scenarios.length).forEach((deal, index) => {
    const scenario = scenarios[index] ?? 'draft';
    const number = formatQuoteNumber(firstSequence + index);
    const lines = quoteLines(random, catalog);
    const first = makeQuote(random, deal, catalog, clock, number, 1, lines, scenario);
    quotes.push(first);
    if (scenario === 'revised') {
      // The customer pushed back on price: revision 2 gives 3 % more overall.
      const second = makeQuote(random, deal, catalog, clock, number, 2, lines, 'sent', 300);
      quotes.push(second);
    }
    if (scenario === 'accepted') dealAmounts.set(deal.id, first.netMinor);
  });
  return { quotes, dealAmounts };
}

interface LineChoice {
  readonly entry: PriceBookEntry;
  readonly quantity: number;
  readonly discountBp: number;
}

function quoteLines(random: Random, catalog: DemoCatalog): LineChoice[] {
  const count = random.int(1, 3);
  const entries = [...catalog.entries];
  const chosen: LineChoice[] = [];
  for (let i = 0; i < count && entries.length > 0; i++) {
    const [entry] = entries.splice(random.int(0, entries.length - 1), 1);
    if (!entry) break;
    const product = productOf(catalog, entry);
    const quantity =
      product?.unit === '用户·年'
        ? random.int(10, 120)
        : product?.unit === '人天'
          ? random.int(5, 40)
          : random.int(1, 3);
    chosen.push({ entry, quantity, discountBp: random.pick([0, 0, 500, 800]) });
  }
  return chosen;
}

function makeQuote(
  random: Random,
  deal: Opportunity,
  catalog: DemoCatalog,
  clock: L2cClock,
  number: string,
  revision: number,
  choices: readonly LineChoice[],
  scenario: (typeof scenarios)[number],
  extraOverallBp = 0,
): Quote {
  const status: QuoteStatus = scenario === 'revised' ? 'superseded' : scenario;
  // Revision 1 of the revised quote went out three weeks ago, everything else recently.
  const daysAgo = scenario === 'revised' ? 21 : revision === 2 ? 4 : random.int(6, 12);
  const createdMs = Math.max(Date.parse(deal.createdAt), clock.nowMs - daysAgo * DAY_MS);
  const createdAt = new Date(createdMs).toISOString();
  const sentAt =
    status === 'draft' ? null : new Date(Math.min(createdMs + DAY_MS, clock.nowMs)).toISOString();
  const decidedAt = status === 'accepted' ? atOn(addDays(clock.today, -2), 6, clock) : null;
  const overallDiscountBp = (choices.length > 1 ? 200 : 0) + extraOverallBp;
  const figures = choices.map((choice) => {
    const tier = [...choice.entry.volumeTiers]
      .reverse()
      .find((t) => choice.quantity >= t.minQuantity);
    return {
      quantity: choice.quantity,
      unitPriceMinor: tier?.unitPriceMinor ?? choice.entry.unitPriceMinor,
      discountBp: choice.discountBp,
      // Software licences are goods (13 % VAT), services 6 %.
      taxRateBp: productOf(catalog, choice.entry)?.series === '服务' ? 600 : 1300,
    };
  });
  const priced = priceQuote(figures, overallDiscountBp);
  const lines = choices.map((choice, index): QuoteLine => {
    const product = productOf(catalog, choice.entry);
    const figure = figures[index];
    const line = priced.lines[index];
    if (!product || !figure || !line) throw new Error('demo quote line without its product');
    return {
      id: idAt(random, createdMs),
      position: index + 1,
      productId: product.id,
      name: product.name,
      productType: product.productType,
      customisation: product.customisation,
      quantity: choice.quantity,
      listUnitPriceMinor: choice.entry.unitPriceMinor,
      unitPriceMinor: figure.unitPriceMinor,
      discountBp: choice.discountBp,
      taxRateBp: figure.taxRateBp,
      grossMinor: line.grossMinor,
      discountMinor: line.discountMinor,
      netMinor: line.netMinor,
      taxMinor: line.taxMinor,
      totalMinor: line.totalMinor,
    };
  });
  const { totals } = priced;
  return {
    id: idAt(random, createdMs),
    opportunityId: deal.id,
    number,
    revision,
    status,
    currency: catalog.priceBook.currency,
    priceBookId: catalog.priceBook.id,
    validUntil: addDays(clock.today, 30),
    overallDiscountBp,
    subtotalMinor: totals.subtotalMinor,
    lineDiscountMinor: totals.lineDiscountMinor,
    overallDiscountMinor: totals.overallDiscountMinor,
    netMinor: totals.netMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
    approvalId: null,
    sentAt,
    acceptedAt: decidedAt,
    decidedAt,
    notes: null,
    createdBy: deal.ownerId,
    createdAt,
    updatedAt: decidedAt ?? sentAt ?? createdAt,
    version: status === 'draft' ? 1 : status === 'sent' ? 2 : 3,
    lines,
  };
}

const productOf = (catalog: DemoCatalog, entry: PriceBookEntry) =>
  catalog.products.find((p) => p.id === entry.productId);
