import { describe, expect, it } from 'vitest';
import type { DealChange, DealFact, DealHistory, StageFact, StageVisit } from './facts.js';
import { closeDateAt, pipelineChangesOf } from './pipeline-changes.js';

const stages: StageFact[] = [
  { id: 's1', key: 'discover', position: 0, kind: 'open', probability: 10 },
  { id: 's2', key: 'propose', position: 1, kind: 'open', probability: 50 },
  { id: 'won', key: 'won', position: 2, kind: 'won', probability: 100 },
  { id: 'lost', key: 'lost', position: 3, kind: 'lost', probability: 0 },
];
// The period: March 2026 (UTC, to keep the instants readable).
const question = {
  start: '2026-03-01T00:00:00.000Z',
  end: '2026-04-01T00:00:00.000Z',
  from: '2026-03-01',
  to: '2026-03-31',
};

const deal = (id: string, amountMinor: number, closeDate: string | null = null): DealFact => ({
  id,
  ownerId: 'u',
  accountId: 'a',
  stageId: 's1',
  status: 'open',
  amountMinor,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: closeDate,
  source: null,
  sourceLeadId: null,
});
const visit = (
  opportunityId: string,
  stageId: string,
  enteredAt: string,
  leftAt: string | null,
  amountMinor: number,
): StageVisit => ({ opportunityId, stageId, fromStageId: null, enteredAt, leftAt, amountMinor });
const amountChange = (id: string, at: string, from: number, to: number): DealChange => ({
  opportunityId: id,
  field: 'amount',
  fromAmountMinor: from,
  toAmountMinor: to,
  fromDate: null,
  toDate: null,
  changedAt: at,
});
const dateChange = (id: string, at: string, from: string, to: string): DealChange => ({
  opportunityId: id,
  field: 'close_date',
  fromAmountMinor: null,
  toAmountMinor: null,
  fromDate: from,
  toDate: to,
  changedAt: at,
});

describe('pipelineChangesOf', () => {
  // kept: open throughout, advanced, amount raised, close date pushed to April (slipped);
  // winner: open at the start, raised then won; fresh: created in March, still open;
  // flash: created and lost within March; later: created in April (not in the period).
  const history: DealHistory = {
    stages,
    deals: [
      deal('kept', 200, '2026-04-20'),
      deal('winner', 120),
      deal('fresh', 50),
      deal('flash', 70),
      deal('later', 999),
    ],
    visits: [
      visit('kept', 's1', '2026-02-01T00:00:00.000Z', '2026-03-10T00:00:00.000Z', 100),
      visit('kept', 's2', '2026-03-10T00:00:00.000Z', null, 100),
      visit('winner', 's2', '2026-02-01T00:00:00.000Z', '2026-03-20T00:00:00.000Z', 100),
      visit('winner', 'won', '2026-03-20T00:00:00.000Z', null, 120),
      visit('fresh', 's1', '2026-03-05T00:00:00.000Z', null, 50),
      visit('flash', 's1', '2026-03-06T00:00:00.000Z', '2026-03-07T00:00:00.000Z', 70),
      visit('flash', 'lost', '2026-03-07T00:00:00.000Z', null, 70),
      visit('later', 's1', '2026-04-02T00:00:00.000Z', null, 999),
    ],
    changes: [
      amountChange('kept', '2026-03-15T00:00:00.000Z', 100, 200),
      dateChange('kept', '2026-03-16T00:00:00.000Z', '2026-03-25', '2026-04-20'),
      amountChange('winner', '2026-03-12T00:00:00.000Z', 100, 120),
    ],
  };

  it('walks a hand-made month line by line, and reconciles', () => {
    const figures = pipelineChangesOf(history, question);
    expect(figures).toEqual({
      starting: { count: 2, amountMinor: 200 },
      new: { count: 2, amountMinor: 120 },
      won: { count: 1, amountMinor: 120 },
      lost: { count: 1, amountMinor: 70 },
      amountChanges: { count: 2, amountMinor: 120, increaseMinor: 120, decreaseMinor: 0 },
      ending: { count: 2, amountMinor: 250 },
      advanced: { count: 1, amountMinor: 200 },
      movedBack: { count: 0, amountMinor: 0 },
      slipped: { count: 1, amountMinor: 200 },
    });
    const { starting, new: added, won, lost, amountChanges, ending } = figures;
    expect(
      starting.amountMinor +
        added.amountMinor -
        won.amountMinor -
        lost.amountMinor +
        amountChanges.amountMinor,
    ).toBe(ending.amountMinor);
  });

  it('reads the close date as it was: before any change, the first change’s old value', () => {
    const kept = history.deals[0] as DealFact;
    expect(closeDateAt(history, kept, question.start)).toBe('2026-03-25');
    expect(closeDateAt(history, kept, question.end)).toBe('2026-04-20');
    expect(closeDateAt(history, history.deals[1] as DealFact, question.end)).toBeNull();
  });
});
