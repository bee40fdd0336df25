import { describe, expect, it } from 'vitest';
import type { Variant } from './experiment.js';
import { buildReport } from './report.js';
import type { FunnelStage, RecordFacts } from './report.js';

const variants: Variant[] = ['a', 'b'].map((key) => ({
  key,
  name: key,
  weight: 5000,
  content: { kind: 'text', text: key },
}));

const funnel: FunnelStage[] = [
  { id: 'qualify', pipelineId: 'p', position: 0, kind: 'open' },
  { id: 'propose', pipelineId: 'p', position: 1, kind: 'open' },
  { id: 'won', pipelineId: 'p', position: 2, kind: 'won' },
  { id: 'lost', pipelineId: 'p', position: 3, kind: 'lost' },
];

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();

/** A deal created on day 0 that visits the stages given as [stage, entered day] pairs. */
function deal(variantKey: string, path: [string, number][], won = false): RecordFacts {
  return {
    variantKey,
    won,
    createdAt: day(0),
    closedAt: won ? day(path[path.length - 1]?.[1] ?? 0) : null,
    visits: path.map(([stageId, entered], i) => ({
      stageId,
      enteredAt: day(entered),
      leftAt: path[i + 1] ? day(path[i + 1]?.[1] ?? 0) : null,
    })),
  };
}

describe('buildReport', () => {
  const records = [
    deal(
      'a',
      [
        ['qualify', 0],
        ['propose', 2],
        ['won', 5],
      ],
      true,
    ),
    deal('a', [
      ['qualify', 0],
      ['lost', 4],
    ]),
    deal('a', [['qualify', 0]]),
    deal(
      'b',
      [
        ['qualify', 0],
        ['propose', 1],
        ['qualify', 3],
        ['propose', 4],
        ['won', 6],
      ],
      true,
    ),
    deal('b', [
      ['qualify', 0],
      ['propose', 3],
      ['lost', 7],
    ]),
  ];
  const report = buildReport(variants, records, funnel);

  it('counts records, wins and time to win per variant', () => {
    expect(report.variants).toEqual([
      {
        key: 'a',
        name: 'a',
        assigned: 3,
        won: 1,
        winRate: 1 / 3,
        timeToClose: { n: 1, medianDays: 5, meanDays: 5 },
      },
      {
        key: 'b',
        name: 'b',
        assigned: 2,
        won: 1,
        winRate: 0.5,
        timeToClose: { n: 1, medianDays: 6, meanDays: 6 },
      },
    ]);
  });

  it('counts entries and advances per open stage; a loss is no advance', () => {
    expect(report.stages.map((s) => s.stageId)).toEqual(['qualify', 'propose']);
    const [qualify, propose] = report.stages;
    expect(qualify?.variants.map(({ entered, advanced }) => [entered, advanced])).toEqual([
      [3, 1],
      [2, 2],
    ]);
    expect(propose?.variants.map(({ entered, advanced }) => [entered, advanced])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('sums the time of every visit to a stage, only once the record has left it', () => {
    const qualify = report.stages[0];
    // a: 2 and 4 days (the third deal is still in qualify); b: 1 + 1 days, and 3 days.
    expect(qualify?.variants[0]?.timeInStage).toEqual({ n: 2, medianDays: 3, meanDays: 3 });
    expect(qualify?.variants[1]?.timeInStage).toEqual({ n: 2, medianDays: 2.5, meanDays: 2.5 });
  });

  it('says not enough data for so few records', () => {
    expect(report.winRate).toEqual([{ variantKey: 'b', test: null }]);
    expect(report.verdict).toBe('not_enough_data');
  });
});
