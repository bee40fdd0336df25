import { describe, expect, it } from 'vitest';
import type { DealFact } from './facts.js';
import { breakdownFrom, latestReviews, reviewCellsOf } from './loss-analysis.js';
import type { ReviewFact } from './loss-analysis.js';

const lost = (
  id: string,
  amountMinor: number,
  closedAt = '2026-02-01T00:00:00.000Z',
): DealFact => ({
  id,
  ownerId: 'u',
  accountId: 'a',
  stageId: 'lost',
  status: 'lost',
  amountMinor,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt,
  expectedCloseDate: null,
  source: null,
  sourceLeadId: null,
});

const review = (id: string, opportunityId: string, over: Partial<ReviewFact>): ReviewFact => ({
  id,
  opportunityId,
  outcome: 'lost',
  reasons: [],
  competitor: null,
  stageId: 'propose',
  createdAt: '2026-02-01T00:00:00.000Z',
  ...over,
});

const period = { start: '2026-01-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' };

describe('loss analysis', () => {
  it('counts a deal once under each of its reasons, and once per stage and competitor', () => {
    const deals = [
      lost('a', 100),
      lost('b', 10),
      lost('c', 1),
      lost('old', 5, '2025-01-01T00:00:00.000Z'),
    ];
    const reviews = [
      review('r1', 'a', { reasons: ['price', 'timing', 'price'], competitor: 'Acme' }),
      review('r2', 'b', { reasons: ['price'], competitor: 'Acme', stageId: 'negotiate' }),
      review('r3', 'old', { reasons: ['price'] }),
    ];
    const b = breakdownFrom(
      reviewCellsOf({ stages: [], deals, visits: [], changes: [] }, reviews, 'lost', period),
    );
    expect(b.deals).toBe(3);
    expect(b.amountMinor).toBe(111);
    expect(b.reviewed).toBe(2);
    expect(b.byReason).toEqual([
      { key: 'price', count: 2, amountMinor: 110 },
      { key: 'timing', count: 1, amountMinor: 100 },
    ]);
    expect(b.byCompetitor).toEqual([{ key: 'Acme', count: 2, amountMinor: 110 }]);
    expect(b.byStage).toEqual([
      { key: 'propose', count: 1, amountMinor: 100 },
      { key: 'negotiate', count: 1, amountMinor: 10 },
    ]);
    expect(b.cube).toHaveLength(3);
  });

  it('reads a review without reasons as the null reason', () => {
    const b = breakdownFrom(
      reviewCellsOf(
        { stages: [], deals: [lost('a', 7)], visits: [], changes: [] },
        [review('r', 'a', { reasons: [] })],
        'lost',
        period,
      ),
    );
    expect(b.byReason).toEqual([{ key: null, count: 1, amountMinor: 7 }]);
  });

  it('uses the latest review of the outcome, the higher id breaking a tie', () => {
    const reviews = [
      review('r1', 'a', { reasons: ['old'], createdAt: '2026-01-01T00:00:00.000Z' }),
      review('r3', 'a', { reasons: ['b'], createdAt: '2026-02-01T00:00:00.000Z' }),
      review('r2', 'a', { reasons: ['a'], createdAt: '2026-02-01T00:00:00.000Z' }),
      review('r9', 'a', { outcome: 'won', createdAt: '2026-03-01T00:00:00.000Z' }),
    ];
    expect(latestReviews(reviews, 'lost').get('a')?.id).toBe('r3');
    expect(latestReviews(reviews, 'won').get('a')?.id).toBe('r9');
  });
});
