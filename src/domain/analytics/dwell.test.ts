import { describe, expect, it } from 'vitest';
import { dwellOf } from './dwell.js';
import type { DealFact, DealHistory, StageFact, StageVisit } from './facts.js';

const stages: StageFact[] = [
  { id: 'a', key: 'a', position: 0, kind: 'open', probability: 10 },
  { id: 'b', key: 'b', position: 1, kind: 'open', probability: 50 },
  { id: 'won', key: 'won', position: 2, kind: 'won', probability: 100 },
];

const deal: DealFact = {
  id: 'd',
  ownerId: 'u',
  accountId: 'x',
  stageId: 'a',
  status: 'open',
  amountMinor: 100,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: null,
  source: null,
  sourceLeadId: null,
};

const at = (day: string) => `2026-${day}T00:00:00.000Z`;
const visit = (stageId: string, from: string, to: string | null): StageVisit => ({
  opportunityId: 'd',
  stageId,
  fromStageId: null,
  enteredAt: at(from),
  leftAt: to === null ? null : at(to),
  amountMinor: 100,
});

const period = { start: at('02-01'), end: at('03-01') };
const history = (visits: StageVisit[]): DealHistory => ({
  stages,
  deals: [deal],
  visits,
  changes: [],
});

describe('dwell', () => {
  it('counts every visit that ended in the period, re-entries included, as such', () => {
    const [a] = dwellOf(
      history([
        visit('a', '01-20', '02-02'), // first visit, ended in the period: 13 days
        visit('b', '02-02', '02-03'),
        visit('a', '02-03', '02-05'), // re-entry: 2 days
        visit('b', '02-05', null), // still there: not counted
      ]),
      period,
    );
    expect(a).toMatchObject({ n: 2, reentries: 1, total: 15 * 86_400, median: 2 * 86_400 });
  });

  it('counts a re-entry whose first visit ended before the period', () => {
    const [a] = dwellOf(
      history([
        visit('a', '01-01', '01-05'),
        visit('b', '01-05', '02-10'),
        visit('a', '02-10', '02-11'),
      ]),
      period,
    );
    expect(a).toMatchObject({ n: 1, reentries: 1 });
  });

  it('leaves out visits that ended after the period and stages nobody left', () => {
    const [a, b] = dwellOf(
      history([visit('a', '02-20', '03-02'), visit('b', '03-02', null)]),
      period,
    );
    expect(a).toMatchObject({ n: 0, mean: null, median: null, reentries: 0 });
    expect(b).toMatchObject({ n: 0 });
  });
});
