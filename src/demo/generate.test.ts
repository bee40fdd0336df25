import { beforeAll, describe, expect, it } from 'vitest';
import type { StageHistoryEntry } from '../domain/opportunities/opportunity.js';
import { noRules } from '../domain/pipeline/stage-rules.js';
import type { ForecastCategory, Pipeline, Stage, StageKind } from '../domain/pipeline/pipeline.js';
import { decideStageMove } from '../domain/pipeline/stage-move.js';
import { wouldCreateCycle } from '../domain/tree.js';
import type { DemoChunk, DemoSpec } from './generate.js';
import { generateDemoChunks } from './generate.js';
import type { DemoOrganisation } from './organisation.js';
import { generateOrganisation } from './organisation.js';
import { Random } from './random.js';

const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2026-03-01T08:00:00.000Z');
const HISTORY_DAYS = 540;
const POOL_ID = '0195f3a2-0000-7000-8000-00000000p001';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The stages of the B2B default (templates/pipelines/b2b-standard.yaml) as the store would
 * hold them. The generator reads only order, kind, probability and dwell, so the gates of
 * the template are left out; the figures are the template's.
 */
const b2bStages: [string, StageKind, number, ForecastCategory, number | null, number | null][] = [
  ['initial-contact', 'open', 10, 'pipeline', 60, 14],
  ['needs-confirmed', 'open', 30, 'pipeline', 50, 21],
  ['solution', 'open', 50, 'best_case', 60, 30],
  ['negotiation', 'open', 80, 'commit', 70, 21],
  ['won', 'won', 100, 'closed', null, null],
  ['lost', 'lost', 0, 'omitted', null, null],
];
const cadence: Record<string, number> = {
  'initial-contact': 7,
  'needs-confirmed': 5,
  solution: 5,
  negotiation: 2,
};

const pipeline: Pipeline = {
  id: '0195f3a2-0000-7000-8000-000000000001',
  key: 'b2b-standard',
  nameZh: 'B2B 标准销售流程',
  nameEn: 'B2B standard sales process',
  description: null,
  allowSkip: false,
  isDefault: true,
  archivedAt: null,
  teamIds: [],
  scorecard: null,
  stages: b2bStages.map(
    (
      [key, kind, probability, forecastCategory, targetConversion, expectedDwellDays],
      position,
    ): Stage => ({
      id: `0195f3a2-0000-7000-8000-${String(position + 100).padStart(12, '0')}`,
      key,
      nameZh: key,
      nameEn: key,
      position,
      kind,
      probability,
      forecastCategory,
      targetConversion,
      expectedDwellDays,
      cadenceDays: cadence[key] ?? null,
      guidance: null,
      rules: noRules,
    }),
  ),
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 1,
};
const stageById = new Map(pipeline.stages.map((stage) => [stage.id, stage]));

const spec = (opportunities: number, chunkSize: number): DemoSpec => ({
  opportunities,
  pipeline,
  poolId: POOL_ID,
  currency: 'CNY',
  nowMs: NOW_MS,
  historyDays: HISTORY_DAYS,
  chunkSize,
});

/** Mirrors seedDemoTenant: one Random feeds the organisation, then every chunk. */
function generate(
  seed: number,
  opportunities = 400,
  chunkSize = 150,
): { org: DemoOrganisation; chunks: DemoChunk[] } {
  const random = new Random(seed);
  const org = generateOrganisation(random, 'demo.pipewright.dev', NOW_MS - HISTORY_DAYS * DAY_MS);
  return { org, chunks: [...generateDemoChunks(random, spec(opportunities, chunkSize), org)] };
}

function byKey<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

describe('generateDemoChunks', () => {
  let org: DemoOrganisation;
  let chunks: DemoChunk[];
  let userIds: Set<string>;

  beforeAll(() => {
    ({ org, chunks } = generate(20_261_123));
    userIds = new Set(org.users.map((u) => u.id));
  });

  it('is deterministic for a seed', () => {
    expect(generate(20_261_123)).toEqual({ org, chunks });
  });

  it('differs for a different seed', () => {
    const other = generate(20_261_124).chunks;
    const ids = (cs: DemoChunk[]) => cs.flatMap((c) => c.opportunities.map((o) => o.id));
    expect(ids(other)).not.toEqual(ids(chunks));
    expect(other.flatMap((c) => c.accounts.map((a) => a.name))).not.toEqual(
      chunks.flatMap((c) => c.accounts.map((a) => a.name)),
    );
  });

  it('splits the requested deals into chunks with the documented proportions', () => {
    expect(chunks.map((c) => c.opportunities.length)).toEqual([150, 150, 100]);
    // ~0.6 accounts per deal; ~1.5 free leads per deal plus one converted lead per sourced deal
    expect(chunks.map((c) => c.accounts.length)).toEqual([90, 90, 60]);
    for (const chunk of chunks) {
      const sourced = chunk.opportunities.filter((o) => o.sourceLeadId !== null).length;
      expect(chunk.leads).toHaveLength(Math.round(chunk.opportunities.length * 1.5) + sourced);
    }
  });

  it.each<[number, number, number[]]>([
    [0, 10, []],
    [1, 10, [1]],
    [10, 10, [10]],
    [11, 5, [5, 5, 1]],
  ])('generates %d deals in chunks of %d as %j', (total, chunkSize, sizes) => {
    const { chunks: generated } = generate(3, total, chunkSize);
    expect(generated.map((c) => c.opportunities.length)).toEqual(sizes);
    // even a one-deal chunk gets an account to hang the deal on
    for (const chunk of generated) expect(chunk.accounts.length).toBeGreaterThanOrEqual(1);
  });

  it('gives every record a unique UUIDv7', () => {
    const ids = chunks
      .flatMap((c) => [
        ...c.accounts,
        ...c.contacts,
        ...c.opportunities,
        ...c.opportunities.flatMap((o) => o.products),
        ...c.history,
        ...c.activities,
        ...c.tasks,
        ...c.leads,
      ])
      .map((r) => r.id);
    ids.push(...org.users.map((u) => u.id), ...org.teams.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('covers every outcome, including backward moves, so the checks below bite', () => {
    const opportunities = chunks.flatMap((c) => c.opportunities);
    const statuses = new Set(opportunities.map((o) => o.status));
    expect(statuses).toEqual(new Set(['open', 'won', 'lost']));
    const history = chunks.flatMap((c) => c.history);
    const backward = history.filter((h) => {
      const from = stageById.get(h.fromStageId ?? '');
      const to = stageById.get(h.stageId);
      return from && to && to.kind === 'open' && to.position < from.position;
    });
    expect(backward.length).toBeGreaterThan(0);
    expect(opportunities.some((o) => o.sourceLeadId !== null)).toBe(true);
    expect(chunks.some((c) => c.accounts.some((a) => a.parentId !== null))).toBe(true);
    expect(chunks.some((c) => c.contacts.some((x) => x.reportsToId !== null))).toBe(true);
    expect(chunks.some((c) => c.leads.some((l) => l.poolId !== null))).toBe(true);
  });

  describe('stage history', () => {
    it('is a contiguous chain of intervals ending in the opportunity’s stage', () => {
      for (const chunk of chunks) {
        const historyByDeal = byKey(chunk.history, (h) => h.opportunityId);
        expect(historyByDeal.size).toBe(chunk.opportunities.length);
        for (const opportunity of chunk.opportunities) {
          const entries = historyByDeal.get(opportunity.id) ?? [];
          expect(entries.length).toBeGreaterThan(0);
          const first = entries[0];
          const last = entries.at(-1);
          expect(first?.enteredAt).toBe(opportunity.createdAt);
          expect(first?.fromStageId).toBeNull();
          expect(stageById.get(first?.stageId ?? '')?.position).toBe(0);
          entries.forEach((entry, index) => {
            const next = entries[index + 1];
            // each interval closes exactly when the next opens: no gaps, no overlaps
            expect(entry.leftAt).toBe(next ? next.enteredAt : null);
            if (next) {
              expect(next.fromStageId).toBe(entry.stageId);
              expect(Date.parse(next.enteredAt)).toBeGreaterThan(Date.parse(entry.enteredAt));
              // only the last interval may be in a closed stage
              expect(stageById.get(entry.stageId)?.kind).toBe('open');
            }
            expect(Date.parse(entry.enteredAt)).toBeLessThanOrEqual(NOW_MS);
            expect(entry.pipelineId).toBe(pipeline.id);
            expect(stageById.has(entry.stageId)).toBe(true);
            expect(entry.movedBy).toBe(opportunity.ownerId);
            expect(entry.amount).toEqual(opportunity.amount);
          });
          expect(last?.stageId).toBe(opportunity.stageId);
          expect(last?.enteredAt).toBe(opportunity.stageEnteredAt);
        }
      }
    });

    it('replays through the stage-move rules to the opportunity’s status and close date', () => {
      // every recorded move must be one the app itself would accept, reason included
      for (const chunk of chunks) {
        const historyByDeal = byKey(chunk.history, (h) => h.opportunityId);
        for (const opportunity of chunk.opportunities) {
          const entries = historyByDeal.get(opportunity.id) ?? [];
          let state: { status: string; closedAt: string | null } = {
            status: 'open',
            closedAt: null,
          };
          for (const entry of entries.slice(1)) {
            const from = stageById.get(entry.fromStageId ?? '');
            const to = stageById.get(entry.stageId);
            if (!from || !to) throw new Error(`unknown stage in ${entry.id}`);
            const decision = decideStageMove({
              from,
              to,
              reason: entry.reason,
              now: entry.enteredAt,
            });
            state = { status: decision.status, closedAt: decision.closedAt };
          }
          expect(state).toEqual({ status: opportunity.status, closedAt: opportunity.closedAt });
        }
      }
    });

    it('records a reason exactly on the intervals entered by a backward move', () => {
      // the app stores a move's reason on the interval the move opens (see openHistoryEntry)
      for (const entry of chunks.flatMap((c) => c.history)) {
        const from = stageById.get(entry.fromStageId ?? '');
        const to = stageById.get(entry.stageId);
        const backward = from !== undefined && to !== undefined && to.position < from.position;
        expect(entry.reason !== null, entry.id).toBe(backward);
      }
    });
  });

  describe('opportunities', () => {
    it('have a status matching their stage and closedAt set iff closed', () => {
      for (const opportunity of chunks.flatMap((c) => c.opportunities)) {
        const stage = stageById.get(opportunity.stageId);
        expect(opportunity.status).toBe(stage?.kind);
        expect(opportunity.pipelineId).toBe(pipeline.id);
        if (opportunity.status === 'open') {
          expect(opportunity.closedAt).toBeNull();
          expect(opportunity.nextStep).not.toBeNull();
        } else {
          expect(opportunity.closedAt).toBe(opportunity.stageEnteredAt);
          // a closed deal's expected close date is the day it closed
          expect(opportunity.expectedCloseDate).toBe(opportunity.closedAt?.slice(0, 10));
          expect(opportunity.nextStep).toBeNull();
          expect(opportunity.nextStepDate).toBeNull();
        }
        expect(opportunity.updatedAt).toBe(opportunity.stageEnteredAt);
        expect(Date.parse(opportunity.createdAt)).toBeLessThanOrEqual(NOW_MS);
      }
    });

    it('carry safe integer amounts in the tenant currency', () => {
      for (const opportunity of chunks.flatMap((c) => c.opportunities)) {
        const listTotal = opportunity.products.reduce((sum, p) => sum + p.amountMinor, 0);
        expect(Number.isSafeInteger(opportunity.amount.amountMinor)).toBe(true);
        expect(opportunity.amount.currency).toBe('CNY');
        // a 0–30% discount off list, rounded to whole yuan
        expect(opportunity.amount.amountMinor % 100).toBe(0);
        expect(opportunity.amount.amountMinor).toBeGreaterThan(0);
        expect(opportunity.amount.amountMinor).toBeLessThanOrEqual(listTotal);
        expect(opportunity.amount.amountMinor).toBeGreaterThanOrEqual(Math.floor(listTotal * 0.69));
        if (opportunity.budget) {
          expect(Number.isSafeInteger(opportunity.budget.amountMinor)).toBe(true);
          expect(opportunity.budget.currency).toBe('CNY');
        }
        expect(opportunity.products.length).toBeGreaterThanOrEqual(1);
        expect(opportunity.products.length).toBeLessThanOrEqual(3);
        for (const product of opportunity.products) {
          expect(Number.isSafeInteger(product.quantity)).toBe(true);
          expect(product.quantity).toBeGreaterThan(0);
          expect(Number.isSafeInteger(product.unitPriceMinor)).toBe(true);
          expect(product.amountMinor).toBe(product.quantity * product.unitPriceMinor);
        }
      }
    });
  });

  describe('references', () => {
    // chunks are written one transaction each, so every reference must resolve in its own chunk
    it('from opportunities, products’ owners and contacts resolve within the chunk', () => {
      for (const chunk of chunks) {
        const accounts = new Map(chunk.accounts.map((a) => [a.id, a]));
        const contacts = new Map(chunk.contacts.map((c) => [c.id, c]));
        const leads = new Map(chunk.leads.map((l) => [l.id, l]));
        for (const opportunity of chunk.opportunities) {
          expect(accounts.has(opportunity.accountId)).toBe(true);
          expect(userIds.has(opportunity.ownerId)).toBe(true);
          // the deal belongs to whoever owns the account
          expect(opportunity.ownerId).toBe(accounts.get(opportunity.accountId)?.ownerId);
          if (opportunity.primaryContactId !== null) {
            expect(contacts.get(opportunity.primaryContactId)?.accountId).toBe(
              opportunity.accountId,
            );
          }
          if (opportunity.sourceLeadId !== null) {
            const lead = leads.get(opportunity.sourceLeadId);
            expect(lead?.convertedOpportunityId).toBe(opportunity.id);
            expect(lead?.status).toBe('converted');
            expect(lead?.ownerId).toBe(opportunity.ownerId);
          }
        }
      }
    });

    it('from accounts and contacts resolve and stay acyclic', () => {
      for (const chunk of chunks) {
        const accounts = new Map(chunk.accounts.map((a) => [a.id, a]));
        const contacts = new Map(chunk.contacts.map((c) => [c.id, c]));
        const accountParents = new Map(chunk.accounts.map((a) => [a.id, a.parentId]));
        for (const account of chunk.accounts) {
          if (account.parentId !== null) expect(accounts.has(account.parentId)).toBe(true);
          expect(wouldCreateCycle(account.id, account.parentId, accountParents)).toBe(false);
          expect(account.ownerId !== null && userIds.has(account.ownerId)).toBe(true);
          expect(account.poolId).toBeNull();
        }
        const bosses = new Map(chunk.contacts.map((c) => [c.id, c.reportsToId]));
        for (const contact of chunk.contacts) {
          expect(accounts.has(contact.accountId)).toBe(true);
          expect(contact.ownerId).toBe(accounts.get(contact.accountId)?.ownerId);
          if (contact.reportsToId !== null) {
            // a contact reports to someone in the same company
            expect(contacts.get(contact.reportsToId)?.accountId).toBe(contact.accountId);
          }
          expect(wouldCreateCycle(contact.id, contact.reportsToId, bosses)).toBe(false);
        }
        for (const account of chunk.accounts) {
          expect(chunk.contacts.some((c) => c.accountId === account.id)).toBe(true);
        }
      }
    });

    it('from leads: owned by a user or in the pool, never both', () => {
      for (const chunk of chunks) {
        const opportunities = new Set(chunk.opportunities.map((o) => o.id));
        for (const lead of chunk.leads) {
          expect([lead.ownerId === null, lead.poolId === null]).not.toEqual([true, true]);
          expect([lead.ownerId !== null, lead.poolId !== null]).not.toEqual([true, true]);
          if (lead.ownerId !== null) expect(userIds.has(lead.ownerId)).toBe(true);
          if (lead.poolId !== null) {
            expect(lead.poolId).toBe(POOL_ID);
            // only untouched leads wait in the public pool
            expect(lead.status).toBe('new');
          }
          expect(lead.convertedOpportunityId !== null).toBe(lead.status === 'converted');
          if (lead.convertedOpportunityId !== null) {
            expect(opportunities.has(lead.convertedOpportunityId)).toBe(true);
          }
          expect(lead.disqualifyReason !== null).toBe(lead.status === 'disqualified');
          if (lead.bantBudget) expect(Number.isSafeInteger(lead.bantBudget.amountMinor)).toBe(true);
        }
      }
    });

    it('from activities and tasks resolve to the deal and its people', () => {
      for (const chunk of chunks) {
        const opportunities = new Map(chunk.opportunities.map((o) => [o.id, o]));
        for (const activity of chunk.activities) {
          const opportunity = opportunities.get(activity.opportunityId ?? '');
          expect(opportunity).toBeDefined();
          expect(activity.accountId).toBe(opportunity?.accountId);
          expect(activity.contactId).toBe(opportunity?.primaryContactId);
          expect(activity.ownerId).toBe(opportunity?.ownerId);
          expect(Date.parse(activity.occurredAt)).toBeGreaterThanOrEqual(
            Date.parse(opportunity?.createdAt ?? ''),
          );
        }
        const activityDeals = new Set(chunk.activities.map((a) => a.opportunityId));
        for (const opportunity of chunk.opportunities)
          expect(activityDeals.has(opportunity.id)).toBe(true);
        for (const task of chunk.tasks) {
          const opportunity = opportunities.get(task.opportunityId ?? '');
          // tasks are only left on deals still being worked
          expect(opportunity?.status).toBe('open');
          expect(task.accountId).toBe(opportunity?.accountId);
          expect(task.assigneeId).toBe(opportunity?.ownerId);
          expect(userIds.has(task.assigneeId)).toBe(true);
          expect([task.status, task.completedAt]).toEqual(['open', null]);
        }
      }
    });
  });

  it('keeps a history entry type that matches what the store writes', () => {
    // guards the test's own grouping: every entry belongs to a generated deal
    const ids = new Set(chunks.flatMap((c) => c.opportunities.map((o) => o.id)));
    const orphans = chunks
      .flatMap((c) => c.history)
      .filter((h: StageHistoryEntry) => !ids.has(h.opportunityId));
    expect(orphans).toEqual([]);
  });
});
