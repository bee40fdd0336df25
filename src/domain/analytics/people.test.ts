import { describe, expect, it } from 'vitest';
import type { DealFact, DealHistory, StageFact, StageVisit } from './facts.js';
import { peopleOf } from './people.js';

const stages: StageFact[] = [
  { id: 'a', key: 'a', position: 0, kind: 'open', probability: 10 },
  { id: 'b', key: 'b', position: 1, kind: 'open', probability: 50 },
  { id: 'won', key: 'won', position: 2, kind: 'won', probability: 100 },
];

const deal = (id: string, ownerId: string, stageId: string, amountMinor: number): DealFact => ({
  id,
  ownerId,
  accountId: 'x',
  stageId,
  status: stageId === 'won' ? 'won' : 'open',
  amountMinor,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: null,
  source: null,
  sourceLeadId: null,
});

const at = (day: string) => `2026-${day}T00:00:00.000Z`;
const visit = (id: string, stageId: string, from: string, to: string | null): StageVisit => ({
  opportunityId: id,
  stageId,
  fromStageId: null,
  enteredAt: at(from),
  leftAt: to === null ? null : at(to),
  amountMinor: 0,
});

const history: DealHistory = {
  stages,
  // ann advances her deal to won in 1 day; bob's sits in a for 3 days, then in b.
  deals: [deal('d1', 'ann', 'won', 100), deal('d2', 'bob', 'b', 1000)],
  visits: [
    visit('d1', 'a', '02-01', '02-02'),
    visit('d1', 'won', '02-02', null),
    visit('d2', 'a', '02-01', '02-04'),
    visit('d2', 'b', '02-04', null),
  ],
  changes: [],
};

describe('people against the team', () => {
  const figures = peopleOf(history, { start: at('02-01'), end: at('03-01') });

  it('compares each owner with the whole scope, counts and differences', () => {
    const [ann, bob] = figures.people;
    expect(figures.team[0]?.conversion).toMatchObject({ cohort: 2, advanced: 2, won: 1 });
    expect(figures.team[0]?.dwell).toEqual({ n: 2, median: 86_400 });
    expect(ann?.stages[0]).toMatchObject({
      conversion: { cohort: 1, toWon: 1 },
      toNextDiff: 0,
      medianDiff: 0,
    });
    expect(bob?.stages[0]).toMatchObject({
      conversion: { cohort: 1, won: 0, toWon: 0 },
      dwell: { n: 1, median: 3 * 86_400 },
      medianDiff: 2 * 86_400,
    });
  });

  it('leaves differences null where the owner has no cohort or no ended visit', () => {
    const ann = figures.people[0];
    // Ann's deal skipped b: no cohort there, while Bob's is in it.
    expect(ann?.stages[1]).toMatchObject({ toNextDiff: null, medianDiff: null });
  });

  it('carries each owner’s open pipeline now, weighted by the current stage', () => {
    expect(figures.people.map((person) => person.pipeline)).toEqual([
      { count: 0, amountMinor: 0, weightedMinor: 0 },
      { count: 1, amountMinor: 1000, weightedMinor: 500 },
    ]);
  });
});
