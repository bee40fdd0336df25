import { formatContractNumber } from '../domain/contracts/contract.js';
import type {
  Allocation,
  Contract,
  Order,
  Receipt,
  Recognition,
} from '../domain/contracts/records.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { Quote } from '../domain/quotes/quote.js';
import type { DemoCatalog } from './catalog.js';
import { draftContract } from './l2c-contracts.js';
import type { DemoContractLine, DemoInstallment } from './l2c-contracts.js';
import { addDays } from './l2c-dates.js';
import type { L2cClock } from './l2c-dates.js';
import { deliverContract } from './l2c-delivery.js';
import { generateDemoQuotes } from './l2c-quotes.js';
import { collectPlan } from './l2c-receipts.js';
import type { Random } from './random.js';

/** Lead-to-cash records of one chunk of demo deals (issue 9, docs/l2c/demo.md). */
export interface DemoLeadToCash {
  readonly contracts: Contract[];
  readonly lines: DemoContractLine[];
  readonly installments: DemoInstallment[];
  readonly orders: Order[];
  readonly receipts: Receipt[];
  readonly allocations: Allocation[];
  readonly recognitions: Recognition[];
  readonly quotes: Quote[];
  /** Deals whose amount an accepted quote set (deal id → net amount). */
  readonly dealAmounts: Map<string, number>;
}

/** What runs on from chunk to chunk: the number series and the one-off records. */
export interface LeadToCashState {
  contracts: number;
  orders: number;
  receipts: number;
  quotes: number;
  overpaid: boolean;
  quoted: boolean;
}

export const initialLeadToCashState = (): LeadToCashState => ({
  contracts: 0,
  orders: 0,
  receipts: 0,
  quotes: 0,
  overpaid: false,
  quoted: false,
});

export interface LeadToCashSpec {
  readonly clock: L2cClock;
  readonly catalog: DemoCatalog;
  /** The last open stages of the pipeline, where deals get quotes. */
  readonly lateStageIds: ReadonlySet<string>;
}

/**
 * Deals won within this many days have no contract yet (the paperwork takes a week), and
 * about one won deal in ten has none either: reps — and the browser suites, which create
 * contracts on won deals — always find won deals waiting for their contract.
 */
export const CONTRACT_PAPERWORK_DAYS = 7;
const UNCONTRACTED_SHARE = 0.1;

/**
 * The lead-to-cash life of a chunk's deals, from its own Random so the rest of the demo is
 * unchanged: contracts (numbered C-000001… in order of signing, as the contracts service
 * numbers them) with lines, payment plans, orders, receipts and their allocations and
 * recognitions; and quotes on a handful of late-stage open deals of the first chunk.
 */
export function generateLeadToCash(
  random: Random,
  deals: readonly Opportunity[],
  spec: LeadToCashSpec,
  state: LeadToCashState,
): DemoLeadToCash {
  const { clock } = spec;
  const out: DemoLeadToCash = {
    contracts: [],
    lines: [],
    installments: [],
    orders: [],
    receipts: [],
    allocations: [],
    recognitions: [],
    quotes: [],
    dealAmounts: new Map(),
  };
  const paperworkFrom = addDays(clock.today, -CONTRACT_PAPERWORK_DAYS);
  const won = deals
    .filter((deal) => deal.status === 'won' && deal.closedAt && deal.amount.amountMinor > 0)
    .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? '') || a.id.localeCompare(b.id));
  for (const deal of won) {
    if (random.chance(UNCONTRACTED_SHARE) || (deal.closedAt ?? '').slice(0, 10) > paperworkFrom)
      continue;
    state.contracts += 1;
    const draft = draftContract(random, deal, formatContractNumber('C', state.contracts), clock);
    const collection = collectPlan(random, draft.contract, draft.installments, clock, state);
    const delivery = deliverContract(random, draft.contract, draft.lines, clock);
    out.contracts.push(delivery.contract);
    out.lines.push(...draft.lines);
    out.installments.push(...collection.installments);
    out.allocations.push(...collection.allocations);
    out.receipts.push(...collection.receipts);
    out.recognitions.push(...delivery.recognitions);
    for (const order of delivery.orders) {
      state.orders += 1;
      out.orders.push({ ...order, number: formatContractNumber('O', state.orders) });
    }
  }
  // Receipts are numbered as the money came in; bank transfers carry the bank's slip number.
  out.receipts.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  out.receipts.forEach((receipt, index) => {
    state.receipts += 1;
    out.receipts[index] = {
      ...receipt,
      number: formatContractNumber('R', state.receipts),
      reference:
        receipt.method === 'bank_transfer'
          ? `HX${receipt.receivedOn.replaceAll('-', '')}${String(state.receipts).padStart(6, '0')}`
          : null,
    };
  });
  if (!state.quoted) {
    const quoted = generateDemoQuotes(
      random,
      deals,
      spec.lateStageIds,
      spec.catalog,
      clock,
      state.quotes + 1,
    );
    state.quoted = quoted.quotes.length > 0;
    state.quotes += new Set(quoted.quotes.map((q) => q.number)).size;
    out.quotes.push(...quoted.quotes);
    for (const [id, amount] of quoted.dealAmounts) out.dealAmounts.set(id, amount);
  }
  return out;
}
