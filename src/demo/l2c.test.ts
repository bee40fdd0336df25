import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryStatusOf, recognitionStatusOf } from '../domain/contracts/contract.js';
import { addMonths, planProblem } from '../domain/contracts/payment-plan.js';
import { installmentStatus, receiptStatus } from '../domain/contracts/receivables.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { noRules } from '../domain/pipeline/stage-rules.js';
import type { Pipeline, StageKind } from '../domain/pipeline/pipeline.js';
import { generateDemoCatalog } from './catalog.js';
import { generateDemoChunks } from './generate.js';
import { initialLeadToCashState, generateLeadToCash, CONTRACT_PAPERWORK_DAYS } from './l2c.js';
import type { DemoLeadToCash } from './l2c.js';
import { draftContract, paymentPlan } from './l2c-contracts.js';
import { addDays, daysFrom } from './l2c-dates.js';
import { UNQUOTED_NEWEST_OPEN_DEALS } from './l2c-quotes.js';
import { collectPlan } from './l2c-receipts.js';
import { generateOrganisation } from './organisation.js';
import { Random } from './random.js';

const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2026-03-01T08:00:00.000Z');
const TODAY = '2026-03-01';
const clock = { today: TODAY, nowMs: NOW_MS };

const stages: [string, StageKind, number, number | null][] = [
  ['initial-contact', 'open', 60, 14],
  ['needs-confirmed', 'open', 50, 21],
  ['solution', 'open', 60, 30],
  ['negotiation', 'open', 70, 21],
  ['won', 'won', 100, null],
  ['lost', 'lost', 0, null],
];
const pipeline: Pipeline = {
  id: '0195f3a2-0000-7000-8000-000000000001',
  key: 'b2b-standard',
  nameZh: 'B2B',
  nameEn: 'B2B',
  description: null,
  allowSkip: false,
  isDefault: true,
  archivedAt: null,
  teamIds: [],
  scorecard: null,
  stages: stages.map(([key, kind, targetConversion, expectedDwellDays], position) => ({
    id: `0195f3a2-0000-7000-8000-${String(position + 100).padStart(12, '0')}`,
    key,
    nameZh: key,
    nameEn: key,
    position,
    kind,
    probability: kind === 'won' ? 100 : 10 * (position + 1),
    forecastCategory: 'pipeline',
    targetConversion,
    expectedDwellDays,
    cadenceDays: null,
    guidance: null,
    rules: noRules,
  })),
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 1,
};
const lateStageIds = new Set(pipeline.stages.slice(2, 4).map((stage) => stage.id));

/** Mirrors seedDemoTenant: the deals from one Random, lead-to-cash from its own. */
function world(seed: number, opportunities = 300, chunkSize = 150) {
  const random = new Random(seed);
  const org = generateOrganisation(random, 'demo.pipewright.dev', NOW_MS - 540 * DAY_MS);
  const catalog = generateDemoCatalog(new Random(seed + 21), 'CNY', NOW_MS);
  const chunks = [
    ...generateDemoChunks(
      random,
      {
        opportunities,
        pipeline,
        poolId: 'pool',
        currency: 'CNY',
        nowMs: NOW_MS,
        historyDays: 540,
        chunkSize,
      },
      org,
    ),
  ];
  const l2cRandom = new Random(seed + 23);
  const state = initialLeadToCashState();
  const parts = chunks.map((chunk) =>
    generateLeadToCash(l2cRandom, chunk.opportunities, { clock, catalog, lateStageIds }, state),
  );
  const deals = chunks.flatMap((chunk) => chunk.opportunities);
  const merged: DemoLeadToCash = {
    contracts: parts.flatMap((p) => p.contracts),
    lines: parts.flatMap((p) => p.lines),
    installments: parts.flatMap((p) => p.installments),
    orders: parts.flatMap((p) => p.orders),
    receipts: parts.flatMap((p) => p.receipts),
    allocations: parts.flatMap((p) => p.allocations),
    recognitions: parts.flatMap((p) => p.recognitions),
    quotes: parts.flatMap((p) => p.quotes),
    dealAmounts: new Map(parts.flatMap((p) => [...p.dealAmounts])),
  };
  return { deals, l2c: merged };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const unique = (values: readonly unknown[]) => new Set(values).size === values.length;

/** Every invariant of the contract (docs: /l2c contract) that the posting services keep. */
function checkInvariants(deals: readonly Opportunity[], l2c: DemoLeadToCash): void {
  const dealById = new Map(deals.map((d) => [d.id, d]));
  const { contracts, installments, allocations, receipts } = l2c;
  expect(unique(contracts.map((c) => c.opportunityId))).toBe(true);
  expect(contracts.map((c) => c.number)).toEqual(
    contracts.map((_, i) => `C-${String(i + 1).padStart(6, '0')}`),
  );
  expect(unique(l2c.orders.map((o) => o.number))).toBe(true);
  expect(unique(receipts.map((r) => r.number))).toBe(true);
  expect(unique(receipts.flatMap((r) => (r.reference ? [r.reference] : [])))).toBe(true);
  const receiptById = new Map(receipts.map((r) => [r.id, r]));
  for (const contract of contracts) {
    const deal = dealById.get(contract.opportunityId);
    expect(deal?.status).toBe('won');
    expect(contract.accountId).toBe(deal?.accountId);
    expect(contract.amountMinor).toBe(deal?.amount.amountMinor);
    expect(contract.startDate).toBe(deal?.closedAt?.slice(0, 10));
    expect(contract.endDate).toBe(addMonths(contract.startDate, 12));
    expect(contract.status).toBe(contract.endDate < TODAY ? 'completed' : 'active');
    const lines = l2c.lines.filter((l) => l.contractId === contract.id);
    expect(sum(lines.map((l) => l.amountMinor))).toBe(contract.amountMinor);
    const plan = installments.filter((i) => i.contractId === contract.id);
    expect(plan.length).toBeGreaterThanOrEqual(1);
    expect(plan.length).toBeLessThanOrEqual(4);
    expect(plan.map((i) => i.seq)).toEqual(plan.map((_, i) => i + 1));
    expect(planProblem(contract.amountMinor, plan)).toBeNull();
    const orders = l2c.orders.filter((o) => o.contractId === contract.id);
    expect(sum(orders.map((o) => o.amountMinor))).toBe(contract.amountMinor);
    expect(contract.deliveryStatus).toBe(deliveryStatusOf(orders));
    const recognised = sum(
      l2c.recognitions.filter((r) => r.contractId === contract.id).map((r) => r.amountMinor),
    );
    expect(contract.recognisedMinor).toBe(recognised);
    expect(recognised).toBeLessThanOrEqual(contract.amountMinor);
    expect(contract.recognitionStatus).toBe(recognitionStatusOf(recognised, contract.amountMinor));
    for (const order of orders) {
      if (order.deliveredOn) expect(order.deliveredOn <= TODAY).toBe(true);
      if (order.acceptedOn) expect(order.acceptedOn >= (order.deliveredOn ?? '')).toBe(true);
      expect(order.acceptedOn !== null).toBe(order.status === 'accepted');
    }
  }
  for (const installment of installments) {
    const mine = allocations.filter((a) => a.installmentId === installment.id);
    const collected = sum(mine.map((a) => a.amountMinor));
    expect(installment.collectedMinor).toBe(collected);
    expect(collected).toBeLessThanOrEqual(installment.amountMinor);
    expect(installment.status).toBe(installmentStatus(collected, installment.amountMinor));
    const last = mine.at(-1);
    expect(installment.paidOn).toBe(
      installment.status === 'paid' && last ? receiptById.get(last.receiptId)?.receivedOn : null,
    );
  }
  for (const receipt of receipts) {
    const applied = sum(
      allocations.filter((a) => a.receiptId === receipt.id).map((a) => a.amountMinor),
    );
    expect(receipt.amountMinor).toBeGreaterThan(0);
    expect(receipt.unappliedMinor).toBe(receipt.amountMinor - applied);
    expect(receipt.unappliedMinor).toBeGreaterThanOrEqual(0);
    expect(receipt.status).toBe(receiptStatus(receipt.amountMinor, receipt.unappliedMinor));
    expect(receipt.receivedOn <= TODAY).toBe(true);
  }
  expect(allocations.every((a) => a.amountMinor > 0 && receiptById.has(a.receiptId))).toBe(true);
}

/** Outstanding money by aging bucket, as the receivables-aging report buckets it. */
function agingBuckets(l2c: DemoLeadToCash): number[] {
  const buckets = [0, 0, 0, 0, 0];
  for (const i of l2c.installments) {
    const owed = i.amountMinor - i.collectedMinor;
    const late = daysFrom(i.dueDate, TODAY);
    const bucket = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
    buckets[bucket] = (buckets[bucket] ?? 0) + owed;
  }
  return buckets;
}

describe('generateLeadToCash', () => {
  const seeds = [1, 7, 42, 20_261_123];

  it.each(seeds)('keeps every balance invariant (seed %i)', (seed) => {
    const { deals, l2c } = world(seed);
    checkInvariants(deals, l2c);
  });

  it.each(seeds)('gives the receivables screens something in every column (seed %i)', (seed) => {
    const { deals, l2c } = world(seed);
    const won = deals.filter((d) => d.status === 'won');
    // Most won deals have a contract, but not all: some wait for theirs on purpose.
    expect(l2c.contracts.length).toBeGreaterThan(won.length * 0.6);
    expect(l2c.contracts.length).toBeLessThan(won.length);
    const recent = addDays(TODAY, -CONTRACT_PAPERWORK_DAYS);
    const contracted = new Set(l2c.contracts.map((c) => c.opportunityId));
    for (const deal of won.filter((d) => (d.closedAt ?? '').slice(0, 10) > recent))
      expect(contracted.has(deal.id)).toBe(false);
    expect(agingBuckets(l2c).every((owed) => owed > 0)).toBe(true);
    expect(l2c.installments.some((i) => i.status === 'partial')).toBe(true);
    const paidOld = l2c.installments.filter(
      (i) => daysFrom(i.dueDate, TODAY) > 90 && i.status === 'paid',
    ).length;
    const allOld = l2c.installments.filter((i) => daysFrom(i.dueDate, TODAY) > 90).length;
    expect(paidOld).toBeGreaterThan(allOld * 0.7);
    expect(l2c.receipts.filter((r) => r.unappliedMinor > 0)).toHaveLength(1);
    expect(l2c.recognitions.length).toBeGreaterThan(0);
    // Renewals can appear: active contracts ending within the next 90 days.
    expect(
      l2c.contracts.some((c) => c.status === 'active' && c.endDate <= addDays(TODAY, 90)),
    ).toBe(true);
    expect(l2c.contracts.some((c) => c.status === 'active')).toBe(true);
  });

  it('spreads orders and contracts over the delivery statuses', () => {
    const orders = seeds.flatMap((seed) => world(seed).l2c.orders.map((o) => o.status));
    expect(new Set(orders)).toEqual(
      new Set(['pending', 'in_delivery', 'delivered', 'accepted', 'cancelled']),
    );
    const delivery = new Set(world(1).l2c.contracts.map((c) => c.deliveryStatus));
    expect(delivery).toEqual(new Set(['not_started', 'in_progress', 'delivered', 'accepted']));
  });

  it.each(seeds)('quotes a few late-stage open deals (seed %i)', (seed) => {
    const { deals, l2c } = world(seed);
    const newest = deals
      .filter((d) => d.status === 'open')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, UNQUOTED_NEWEST_OPEN_DEALS)
      .map((d) => d.id);
    const quotes = l2c.quotes;
    expect(quotes.length).toBe(5);
    for (const quote of quotes) {
      const deal = deals.find((d) => d.id === quote.opportunityId);
      expect(deal?.status).toBe('open');
      expect(lateStageIds.has(deal?.stageId ?? '')).toBe(true);
      expect(newest).not.toContain(quote.opportunityId);
      expect(sum(quote.lines.map((l) => l.totalMinor))).toBe(quote.totalMinor);
      expect(quote.netMinor + quote.taxMinor).toBe(quote.totalMinor);
      expect(quote.validUntil !== null && quote.validUntil > TODAY).toBe(true);
    }
    const revised = quotes.filter((q) => q.number === quotes[0]?.number);
    expect(revised.map((q) => [q.revision, q.status])).toEqual([
      [1, 'superseded'],
      [2, 'sent'],
    ]);
    const accepted = quotes.filter((q) => q.status === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(l2c.dealAmounts.get(accepted[0]?.opportunityId ?? '')).toBe(accepted[0]?.netMinor);
    expect(new Set(quotes.map((q) => q.status))).toEqual(
      new Set(['superseded', 'sent', 'accepted', 'draft']),
    );
  });

  it('is reproducible from the seed', () => {
    expect(JSON.stringify(world(5, 120).l2c.receipts)).toBe(
      JSON.stringify(world(5, 120).l2c.receipts),
    );
    expect(world(5, 120).l2c.contracts).toEqual(world(5, 120).l2c.contracts);
  });
});

describe('payment plans and collection (property)', () => {
  it('a plan has 1–4 positive installments in date order summing to the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000_000 }),
        fc.integer(),
        fc.integer({ min: 0, max: 3000 }),
        (amount, seed, offset) => {
          const start = addDays('2024-01-31', offset);
          const plan = paymentPlan(new Random(seed), amount, start);
          expect(plan.length).toBeGreaterThanOrEqual(1);
          expect(plan.length).toBeLessThanOrEqual(4);
          expect(planProblem(amount, plan)).toBeNull();
          expect(plan.every((i) => i.dueDate > start && i.dueDate <= addMonths(start, 12))).toBe(
            true,
          );
        },
      ),
    );
  });

  it('collection keeps collected = Σ allocations and unapplied = amount − Σ allocations', () => {
    const deal = world(3, 60).deals.find((d) => d.status === 'won');
    if (!deal) throw new Error('no won deal');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000_000 }),
        fc.integer(),
        fc.integer({ min: 0, max: 700 }),
        fc.boolean(),
        (amount, seed, age, overpaid) => {
          const random = new Random(seed);
          const today = addDays((deal.closedAt ?? '').slice(0, 10), age);
          const at = { today, nowMs: Date.parse(`${today}T12:00:00Z`) };
          const won = { ...deal, amount: { ...deal.amount, amountMinor: amount } };
          const draft = draftContract(random, won, 'C-000001', at);
          const state = { overpaid };
          const got = collectPlan(random, draft.contract, draft.installments, at, state);
          const l2c: DemoLeadToCash = {
            contracts: [draft.contract],
            lines: draft.lines,
            installments: got.installments,
            orders: [],
            receipts: got.receipts.map((r, i) => ({ ...r, number: `R-${i}` })),
            allocations: got.allocations,
            recognitions: [],
            quotes: [],
            dealAmounts: new Map(),
          };
          for (const installment of l2c.installments) {
            const collected = sum(
              got.allocations
                .filter((a) => a.installmentId === installment.id)
                .map((a) => a.amountMinor),
            );
            expect(installment.collectedMinor).toBe(collected);
            expect(installment.status).toBe(installmentStatus(collected, installment.amountMinor));
          }
          for (const receipt of got.receipts) {
            const applied = sum(
              got.allocations.filter((a) => a.receiptId === receipt.id).map((a) => a.amountMinor),
            );
            expect(receipt.unappliedMinor).toBe(receipt.amountMinor - applied);
            expect(receipt.receivedOn <= today).toBe(true);
            expect(receipt.receivedOn >= draft.contract.startDate).toBe(true);
          }
          // At most one over-payment, and only while none was made.
          const over = got.receipts.filter((r) => r.unappliedMinor > 0).length;
          expect(over).toBeLessThanOrEqual(overpaid ? 0 : 1);
          expect(sum(l2c.lines.map((l) => l.amountMinor))).toBe(amount);
        },
      ),
      { numRuns: 200 },
    );
  });
});
