import { expect } from 'vitest';
import { lossAnalysisReport } from '../../src/app/analytics/loss-analysis.report.js';
import { breakdownFrom, reviewCellsOf } from '../../src/domain/analytics/loss-analysis.js';
import type { ReviewFact } from '../../src/domain/analytics/loss-analysis.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';
import type { World } from '../support/analytics-world.js';

type Reason = { key: string; nameZh: string; nameEn: string } | null;
interface Figures {
  count: number;
  amountMinor: number;
}
interface BreakdownJson {
  deals: number;
  amountMinor: number;
  reviewed: number;
  reviewedAmountMinor: number;
  cube: ({ reason: Reason; stageId: string; competitor: string | null } & Figures)[];
  byReason: ({ reason: Reason } & Figures)[];
  byStage: ({ stageId: string } & Figures)[];
  byCompetitor: ({ competitor: string | null } & Figures)[];
}

const ZONE = 'Asia/Shanghai';
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

/**
 * The world has one review per closed deal; real tenants re-review. Add reviews the report
 * must see past: an older one (superseded), a later review of the other outcome (ignored),
 * two later ones at the same instant (the higher id wins) and one with no reasons.
 */
function extraReviews(world: World): ReviewFact[] {
  return world.reviews.flatMap((review, i): ReviewFact[] => {
    const base = { opportunityId: review.opportunityId, stageId: review.stageId };
    const other = review.outcome === 'won' ? 'lost' : 'won';
    switch (i % 5) {
      case 0:
        return [
          {
            ...base,
            id: `zz-old-${i}`,
            outcome: review.outcome,
            reasons: ['timing', 'price'],
            competitor: 'Old',
            createdAt: hours(review.createdAt, -24),
          },
        ];
      case 1:
        return [
          {
            ...base,
            id: `zz-other-${i}`,
            outcome: other,
            reasons: ['relationship'],
            competitor: 'Other',
            createdAt: hours(review.createdAt, 2),
          },
        ];
      case 2:
        return [
          {
            ...base,
            id: `zz-a-${i}`,
            outcome: review.outcome,
            reasons: ['solution'],
            competitor: null,
            createdAt: hours(review.createdAt, 1),
          },
          {
            ...base,
            id: `zz-b-${i}`,
            outcome: review.outcome,
            reasons: ['price', 'timing', 'price'],
            competitor: 'Acme',
            createdAt: hours(review.createdAt, 1),
          },
        ];
      case 3:
        return [
          {
            ...base,
            id: `zz-none-${i}`,
            outcome: review.outcome,
            reasons: [],
            competitor: 'Globex',
            createdAt: hours(review.createdAt, 1),
          },
        ];
      default:
        return [];
    }
  });
}

const simple = (json: BreakdownJson) => ({
  deals: json.deals,
  amountMinor: json.amountMinor,
  reviewed: json.reviewed,
  reviewedAmountMinor: json.reviewedAmountMinor,
  cube: json.cube.map(({ reason, stageId, competitor, count, amountMinor }) => ({
    reason: reason?.key ?? null,
    stageId,
    competitor,
    count,
    amountMinor,
  })),
  byReason: json.byReason.map(({ reason, ...figures }) => ({
    key: reason?.key ?? null,
    ...figures,
  })),
  byStage: json.byStage.map(({ stageId, count, amountMinor }) => ({
    key: stageId,
    count,
    amountMinor,
  })),
  byCompetitor: json.byCompetitor.map(({ competitor, ...figures }) => ({
    key: competitor,
    ...figures,
  })),
});

describeAgreement(
  'loss analysis: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    const db = app.store.db;
    const extra = extraReviews(world);
    const t = { tenant_id: loaded.tenantId };
    for (const review of extra)
      await db
        .insertInto('opportunity_reviews')
        .values({
          ...t,
          id: review.id,
          opportunity_id: review.opportunityId,
          outcome: review.outcome,
          reasons: JSON.stringify(review.reasons),
          competitor: review.competitor,
          stage_id: review.stageId,
          notes: null,
          reviewed_by: null,
          created_at: review.createdAt,
        })
        .execute();
    const at = world.now;
    await db
      .insertInto('close_reasons')
      .values([
        {
          ...t,
          id: 'cr-1',
          outcome: 'lost',
          key: 'price',
          name_zh: '价格',
          name_en: 'Price',
          position: 0,
          active: 1,
          created_at: at,
          updated_at: at,
          version: 1,
        },
        {
          ...t,
          id: 'cr-2',
          outcome: 'won',
          key: 'value',
          name_zh: '价值',
          name_en: 'Value',
          position: 0,
          active: 1,
          created_at: at,
          updated_at: at,
          version: 1,
        },
      ])
      .execute();
    const reviews: ReviewFact[] = [
      ...world.reviews.map((review, i) => ({ ...review, id: `rv-world-${i}` })),
      ...extra,
    ];
    const period = periodOf('2025-07-01', '2026-06-30', ZONE);
    const filters = [
      { filter: {}, scope: {} },
      { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
      {
        filter: { teamId: world.teams[2]?.id ?? '' },
        scope: { ownerIds: ownersOfTeam(world, world.teams[2]?.id ?? '') },
      },
    ];
    for (const { filter, scope } of filters) {
      const outcome = await lossAnalysisReport.execute(
        app,
        loaded.principal,
        { from: period.from, to: period.to, ...filter },
        {},
      );
      const json = outcome.json as { lost: BreakdownJson; won: BreakdownJson };
      const history = historyInScope(world, scope);
      for (const side of ['lost', 'won'] as const) {
        const expected = breakdownFrom(reviewCellsOf(history, reviews, side, period));
        expect(simple(json[side])).toEqual({
          deals: expected.deals,
          amountMinor: expected.amountMinor,
          reviewed: expected.reviewed,
          reviewedAmountMinor: expected.reviewedAmountMinor,
          cube: expected.cube,
          byReason: expected.byReason,
          byStage: expected.byStage,
          byCompetitor: expected.byCompetitor,
        });
      }
      // Labels: the tenant's names where it has them, else the key.
      const names = new Map(json.lost.byReason.map((row) => [row.reason?.key, row.reason?.nameEn]));
      if (names.has('price')) expect(names.get('price')).toBe('Price');
      if (names.has('timing')) expect(names.get('timing')).toBe('timing');
      const won = json.won.byReason.find((row) => row.reason?.key === 'value');
      if (won) expect(won.reason?.nameZh).toBe('价值');
    }
  },
);
