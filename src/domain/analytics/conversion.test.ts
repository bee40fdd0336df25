import { describe, expect, it } from 'vitest';
import { conversionOf } from './conversion.js';
import type { DealFact, DealHistory, StageFact, StageVisit } from './facts.js';

const stages: StageFact[] = [
  { id: 'a', key: 'a', position: 0, kind: 'open', probability: 10 },
  { id: 'b', key: 'b', position: 1, kind: 'open', probability: 50 },
  { id: 'won', key: 'won', position: 2, kind: 'won', probability: 100 },
  { id: 'lost', key: 'lost', position: 3, kind: 'lost', probability: 0 },
];

const deal = (id: string, status: DealFact['status']): DealFact => ({
  id,
  ownerId: 'u',
  accountId: 'x',
  stageId: 'a',
  status,
  amountMinor: 100,
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: null,
  source: null,
  sourceLeadId: null,
});

const visit = (opportunityId: string, stageId: string, enteredAt: string): StageVisit => ({
  opportunityId,
  stageId,
  fromStageId: null,
  enteredAt: `2026-${enteredAt}T00:00:00.000Z`,
  leftAt: null,
  amountMinor: 100,
});

const period = { start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' };

function history(deals: DealFact[], visits: StageVisit[]): DealHistory {
  return { stages, deals, visits, changes: [] };
}

describe('cohort conversion', () => {
  it('counts a deal once in a cohort however often it re-enters', () => {
    const h = history(
      [deal('d', 'open')],
      [visit('d', 'a', '02-01'), visit('d', 'b', '02-02'), visit('d', 'a', '02-03')],
    );
    const [a] = conversionOf(h, [period])[0]?.stages ?? [];
    expect(a).toMatchObject({ stageId: 'a', cohort: 1, advanced: 1, open: 1, toNext: 1 });
  });

  it('leaves out a deal whose first entry was before the period, even if it re-enters in it', () => {
    const h = history(
      [deal('d', 'won')],
      [visit('d', 'a', '01-15'), visit('d', 'a', '02-10'), visit('d', 'won', '02-11')],
    );
    const [a] = conversionOf(h, [period])[0]?.stages ?? [];
    expect(a).toMatchObject({ cohort: 0, toNext: null, toWon: null });
  });

  it('does not count a higher stage visited BEFORE the first entry as advancing', () => {
    // b first, then back to a for the first time, then lost: a's cohort did not advance.
    const h = history(
      [deal('d', 'lost')],
      [visit('d', 'b', '02-01'), visit('d', 'a', '02-02'), visit('d', 'lost', '02-03')],
    );
    const [a, b] = conversionOf(h, [period])[0]?.stages ?? [];
    expect(a).toMatchObject({ cohort: 1, advanced: 0, lost: 1, toNext: 0, toWon: 0 });
    expect(b).toMatchObject({ cohort: 1, advanced: 0, lost: 1 });
  });

  it('counts a skip straight to won as advancing and winning', () => {
    const h = history(
      [deal('d', 'won'), deal('e', 'open')],
      [visit('d', 'a', '02-01'), visit('d', 'won', '02-05'), visit('e', 'a', '02-03')],
    );
    const [a] = conversionOf(h, [period])[0]?.stages ?? [];
    expect(a).toMatchObject({ cohort: 2, advanced: 1, won: 1, open: 1, toNext: 0.5, toWon: 0.5 });
  });

  it('puts a deal in the bucket of its first entry', () => {
    const buckets = [
      { start: period.start, end: '2026-02-15T00:00:00.000Z' },
      { start: '2026-02-15T00:00:00.000Z', end: period.end },
    ];
    const h = history([deal('d', 'open')], [visit('d', 'a', '02-20'), visit('d', 'a', '02-25')]);
    const [first, second] = conversionOf(h, buckets);
    expect(first?.stages[0]?.cohort).toBe(0);
    expect(second?.stages[0]?.cohort).toBe(1);
  });
});
