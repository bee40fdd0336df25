import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../days.js';
import type { Stage } from './pipeline.js';
import type { DwellStats, StallCode, StallFacts, StallFlag, StallWindow } from './stalled.js';
import { detectStall, MIN_DWELL_SAMPLE, stallCodes, stallWindow } from './stalled.js';
import type { KeyAction } from './stage-rules.js';
import { noRules } from './stage-rules.js';

const NOW = new Date('2026-03-20T10:00:00.000Z');
const daysAgo = (days: number, base = NOW) =>
  new Date(base.getTime() - days * DAY_MS).toISOString();

const action = (key: string, required: boolean): KeyAction => ({
  key,
  nameZh: `动作${key}`,
  nameEn: `Action ${key}`,
  required,
});

function stage(overrides: Partial<Stage> = {}): Stage {
  return {
    id: 'stage-1',
    key: 'solution',
    nameZh: '方案',
    nameEn: 'Solution',
    position: 1,
    kind: 'open',
    probability: 50,
    forecastCategory: 'best_case',
    targetConversion: null,
    expectedDwellDays: null,
    cadenceDays: null,
    guidance: null,
    rules: noRules,
    ...overrides,
  };
}

const withActions = (...actions: KeyAction[]) => ({ ...noRules, actions });

function facts(overrides: Partial<StallFacts> = {}): StallFacts {
  return {
    status: 'open',
    createdAt: daysAgo(100),
    stageEnteredAt: daysAgo(1),
    nextStepDate: null,
    lastActivityAt: daysAgo(0),
    doneActions: new Set(),
    ...overrides,
  };
}

const enough: DwellStats = { p75Days: 10, sampleSize: MIN_DWELL_SAMPLE };
const codes = (flags: readonly StallFlag[]) => flags.map((flag) => flag.code);

describe('detectStall', () => {
  it.each<[string, Partial<StallFacts>, Partial<Stage>, DwellStats | null, StallFlag[]]>([
    [
      'nothing configured, nothing flagged',
      { stageEnteredAt: daysAgo(400), lastActivityAt: null },
      {},
      null,
      [],
    ],
    [
      'dwell exactly at the expectation is not over it',
      { stageEnteredAt: daysAgo(14) },
      { expectedDwellDays: 14 },
      null,
      [],
    ],
    [
      'one second short of the 15th day is still 14 days',
      { stageEnteredAt: new Date(NOW.getTime() - 15 * DAY_MS + 1000).toISOString() },
      { expectedDwellDays: 14 },
      null,
      [],
    ],
    [
      'the 15th day is over a 14-day expectation',
      { stageEnteredAt: daysAgo(15) },
      { expectedDwellDays: 14 },
      null,
      [{ code: 'dwell_over_expected', days: 15, expectedDays: 14 }],
    ],
    [
      'an expectation of 0 days flags the next day',
      { stageEnteredAt: daysAgo(1) },
      { expectedDwellDays: 0 },
      null,
      [{ code: 'dwell_over_expected', days: 1, expectedDays: 0 }],
    ],
    [
      'history below the minimum sample is ignored',
      { stageEnteredAt: daysAgo(30) },
      {},
      { p75Days: 10, sampleSize: MIN_DWELL_SAMPLE - 1 },
      [],
    ],
    [
      'history with enough sample flags over its 75th percentile',
      { stageEnteredAt: daysAgo(11) },
      {},
      enough,
      [{ code: 'dwell_over_p75', days: 11, p75Days: 10, sampleSize: MIN_DWELL_SAMPLE }],
    ],
    ['at the percentile is not over it', { stageEnteredAt: daysAgo(10) }, {}, enough, []],
    [
      'both dwell flags when over both, each with its own evidence',
      { stageEnteredAt: daysAgo(20) },
      { expectedDwellDays: 14 },
      enough,
      [
        { code: 'dwell_over_expected', days: 20, expectedDays: 14 },
        { code: 'dwell_over_p75', days: 20, p75Days: 10, sampleSize: MIN_DWELL_SAMPLE },
      ],
    ],
    [
      'a looser percentile does not silence the configured expectation',
      { stageEnteredAt: daysAgo(15) },
      { expectedDwellDays: 14 },
      { p75Days: 30, sampleSize: 500 },
      [{ code: 'dwell_over_expected', days: 15, expectedDays: 14 }],
    ],
    [
      'required actions pending after the cadence',
      { stageEnteredAt: daysAgo(4), doneActions: new Set(['b']) },
      { cadenceDays: 3, rules: withActions(action('a', true), action('b', true)) },
      null,
      [
        {
          code: 'required_actions_pending',
          actions: [{ key: 'a', nameZh: '动作a', nameEn: 'Action a' }],
          daysInStage: 4,
          afterDays: 3,
        },
      ],
    ],
    [
      'required actions pending after 7 days when the stage has no cadence',
      { stageEnteredAt: daysAgo(8) },
      { rules: withActions(action('a', true)) },
      null,
      [
        {
          code: 'required_actions_pending',
          actions: [{ key: 'a', nameZh: '动作a', nameEn: 'Action a' }],
          daysInStage: 8,
          afterDays: 7,
        },
      ],
    ],
    [
      'not yet after 7 days',
      { stageEnteredAt: daysAgo(7) },
      { rules: withActions(action('a', true)) },
      null,
      [],
    ],
    [
      'optional actions never count',
      { stageEnteredAt: daysAgo(50) },
      { rules: withActions(action('a', false)) },
      null,
      [],
    ],
    [
      'all required actions done',
      { stageEnteredAt: daysAgo(50), doneActions: new Set(['a']) },
      { rules: withActions(action('a', true), action('b', false)) },
      null,
      [],
    ],
    [
      'no activity beyond the cadence',
      { lastActivityAt: daysAgo(6) },
      { cadenceDays: 5 },
      null,
      [{ code: 'no_recent_activity', lastActivityAt: daysAgo(6), cadenceDays: 5, daysSince: 6 }],
    ],
    [
      'activity on the last day of the cadence is recent',
      { lastActivityAt: daysAgo(5) },
      { cadenceDays: 5 },
      null,
      [],
    ],
    ['no cadence, no activity flag', { lastActivityAt: daysAgo(300) }, {}, null, []],
    [
      'never any activity: counted from creation',
      { lastActivityAt: null, createdAt: daysAgo(9) },
      { cadenceDays: 5 },
      null,
      [{ code: 'no_recent_activity', lastActivityAt: null, cadenceDays: 5, daysSince: 9 }],
    ],
    [
      'a new deal without activity is not silent yet',
      { lastActivityAt: null, createdAt: daysAgo(2) },
      { cadenceDays: 5 },
      null,
      [],
    ],
    [
      'an old activity on a new deal: counted from creation',
      { lastActivityAt: daysAgo(40), createdAt: daysAgo(3) },
      { cadenceDays: 5 },
      null,
      [],
    ],
    [
      'a next step today suppresses the activity flag',
      { lastActivityAt: daysAgo(30), nextStepDate: '2026-03-20' },
      { cadenceDays: 5 },
      null,
      [],
    ],
    [
      'a next step in the future suppresses the activity flag',
      { lastActivityAt: daysAgo(30), nextStepDate: '2026-04-01' },
      { cadenceDays: 5 },
      null,
      [],
    ],
    [
      'an overdue next step does not',
      { lastActivityAt: daysAgo(30), nextStepDate: '2026-03-19' },
      { cadenceDays: 5 },
      null,
      [{ code: 'no_recent_activity', lastActivityAt: daysAgo(30), cadenceDays: 5, daysSince: 30 }],
    ],
    [
      'a next step suppresses only the activity flag',
      { stageEnteredAt: daysAgo(20), lastActivityAt: daysAgo(30), nextStepDate: '2026-04-01' },
      { cadenceDays: 5, expectedDwellDays: 14 },
      null,
      [{ code: 'dwell_over_expected', days: 20, expectedDays: 14 }],
    ],
    [
      'every flag at once, in a fixed order',
      { stageEnteredAt: daysAgo(40), lastActivityAt: null, createdAt: daysAgo(60) },
      { cadenceDays: 5, expectedDwellDays: 14, rules: withActions(action('a', true)) },
      enough,
      [
        { code: 'dwell_over_expected', days: 40, expectedDays: 14 },
        { code: 'dwell_over_p75', days: 40, p75Days: 10, sampleSize: MIN_DWELL_SAMPLE },
        {
          code: 'required_actions_pending',
          actions: [{ key: 'a', nameZh: '动作a', nameEn: 'Action a' }],
          daysInStage: 40,
          afterDays: 5,
        },
        { code: 'no_recent_activity', lastActivityAt: null, cadenceDays: 5, daysSince: 60 },
      ],
    ],
  ])('%s', (_name, dealFacts, stageConfig, stats, expected) => {
    expect(detectStall(facts(dealFacts), stage(stageConfig), stats, NOW)).toEqual(expected);
  });

  it.each(['won', 'lost'] as const)('never flags a %s deal, however stale', (kind) => {
    const stale = facts({ stageEnteredAt: daysAgo(900), lastActivityAt: null });
    const config = {
      expectedDwellDays: 1,
      cadenceDays: 1,
      rules: withActions(action('a', true)),
    };
    expect(detectStall({ ...stale, status: kind }, stage(config), enough, NOW)).toEqual([]);
    expect(detectStall(stale, stage({ ...config, kind }), enough, NOW)).toEqual([]);
  });

  it('judges "today" for the next step in the tenant’s zone', () => {
    // 20:00 UTC on the 19th is already the 20th in Shanghai: a next step on the 19th is
    // overdue there, but still today in UTC.
    const evening = new Date('2026-03-19T20:00:00.000Z');
    const deal = facts({ lastActivityAt: daysAgo(30, evening), nextStepDate: '2026-03-19' });
    const quiet = stage({ cadenceDays: 5 });
    expect(codes(detectStall(deal, quiet, null, evening, 'UTC'))).toEqual([]);
    expect(codes(detectStall(deal, quiet, null, evening, 'Asia/Shanghai'))).toEqual([
      'no_recent_activity',
    ]);
  });
});

/** Arbitrary deals and stages around NOW, in whole and fractional days. */
const offset = fc.integer({ min: 0, max: 120 * DAY_MS });
const arbitraryStage = fc.record({
  expectedDwellDays: fc.option(fc.integer({ min: 0, max: 60 })),
  cadenceDays: fc.option(fc.integer({ min: 0, max: 30 })),
  required: fc.subarray(['a', 'b', 'c']),
});
const arbitraryFacts = fc
  .record({
    createdAgo: offset,
    enteredAfterCreation: offset,
    activityAgo: fc.option(offset),
    nextStepInDays: fc.option(fc.integer({ min: -30, max: 30 })),
    done: fc.subarray(['a', 'b', 'c']),
  })
  .map(({ createdAgo, enteredAfterCreation, activityAgo, nextStepInDays, done }) => ({
    status: 'open' as const,
    createdAt: new Date(NOW.getTime() - createdAgo).toISOString(),
    stageEnteredAt: new Date(
      NOW.getTime() - createdAgo + Math.min(enteredAfterCreation, createdAgo),
    ).toISOString(),
    lastActivityAt:
      activityAgo === null ? null : new Date(NOW.getTime() - activityAgo).toISOString(),
    nextStepDate:
      nextStepInDays === null
        ? null
        : new Date(NOW.getTime() + nextStepInDays * DAY_MS).toISOString().slice(0, 10),
    doneActions: new Set(done),
  }));
const arbitraryStats = fc.option(
  fc.record({
    p75Days: fc.integer({ min: 0, max: 60 }),
    sampleSize: fc.integer({ min: 0, max: 60 }),
  }),
);

const toStage = (config: {
  expectedDwellDays: number | null;
  cadenceDays: number | null;
  required: string[];
}) =>
  stage({
    expectedDwellDays: config.expectedDwellDays,
    cadenceDays: config.cadenceDays,
    rules: withActions(...config.required.map((key) => action(key, true)), action('x', false)),
  });

/** The window's conditions as the store's query evaluates them. */
function inWindow(deal: StallFacts, window: StallWindow | null): boolean {
  if (window === null) return false;
  const at = (iso: string) => Date.parse(iso);
  const entered = window.enteredBy !== null && at(deal.stageEnteredAt) <= at(window.enteredBy);
  const quiet =
    window.quietSince !== null &&
    at(deal.createdAt) <= at(window.quietSince) &&
    (deal.lastActivityAt === null || at(deal.lastActivityAt) <= at(window.quietSince)) &&
    (deal.nextStepDate === null || deal.nextStepDate < window.today);
  return entered || quiet;
}

const subset = (small: readonly StallCode[], large: readonly StallCode[]) =>
  small.every((code) => large.includes(code));

describe('detectStall properties', () => {
  it('a next step today or later never yields no_recent_activity', () => {
    fc.assert(
      fc.property(
        arbitraryFacts,
        arbitraryStage,
        arbitraryStats,
        fc.integer({ min: 0, max: 400 }),
        (deal, config, stats, ahead) => {
          const nextStepDate = new Date(NOW.getTime() + ahead * DAY_MS).toISOString().slice(0, 10);
          const flags = detectStall({ ...deal, nextStepDate }, toStage(config), stats, NOW);
          expect(codes(flags)).not.toContain('no_recent_activity');
        },
      ),
    );
  });

  it('logging an activity never adds a flag', () => {
    fc.assert(
      fc.property(
        arbitraryFacts,
        arbitraryStage,
        arbitraryStats,
        offset,
        (deal, config, stats, ago) => {
          const activity = new Date(NOW.getTime() - ago).toISOString();
          const latest =
            deal.lastActivityAt === null || Date.parse(activity) > Date.parse(deal.lastActivityAt)
              ? activity
              : deal.lastActivityAt;
          const before = codes(detectStall(deal, toStage(config), stats, NOW));
          const after = codes(
            detectStall({ ...deal, lastActivityAt: latest }, toStage(config), stats, NOW),
          );
          expect(subset(after, before)).toBe(true);
        },
      ),
    );
  });

  it('doing a key action never adds a flag', () => {
    fc.assert(
      fc.property(
        arbitraryFacts,
        arbitraryStage,
        arbitraryStats,
        fc.constantFrom('a', 'b', 'c', 'x'),
        (deal, config, stats, key) => {
          const before = codes(detectStall(deal, toStage(config), stats, NOW));
          const done = new Set([...deal.doneActions, key]);
          const after = codes(
            detectStall({ ...deal, doneActions: done }, toStage(config), stats, NOW),
          );
          expect(subset(after, before)).toBe(true);
        },
      ),
    );
  });

  it('a longer dwell never removes a flag', () => {
    fc.assert(
      fc.property(
        arbitraryFacts,
        arbitraryStage,
        arbitraryStats,
        offset,
        (deal, config, stats, more) => {
          const earlier = new Date(
            Math.max(Date.parse(deal.stageEnteredAt) - more, Date.parse(deal.createdAt)),
          ).toISOString();
          const before = codes(detectStall(deal, toStage(config), stats, NOW));
          const after = codes(
            detectStall({ ...deal, stageEnteredAt: earlier }, toStage(config), stats, NOW),
          );
          expect(subset(before, after)).toBe(true);
        },
      ),
    );
  });

  it('time passing never removes a time flag', () => {
    const timeCodes: StallCode[] = [
      'dwell_over_expected',
      'dwell_over_p75',
      'required_actions_pending',
    ];
    fc.assert(
      fc.property(
        arbitraryFacts,
        arbitraryStage,
        arbitraryStats,
        offset,
        (deal, config, stats, wait) => {
          const later = new Date(NOW.getTime() + wait);
          const time = (flags: StallFlag[]) =>
            codes(flags).filter((code) => timeCodes.includes(code));
          const before = time(detectStall(deal, toStage(config), stats, NOW));
          const after = time(detectStall(deal, toStage(config), stats, later));
          expect(subset(before, after)).toBe(true);
        },
      ),
    );
  });

  it('every flagged deal is inside the window the store queries', () => {
    fc.assert(
      fc.property(arbitraryFacts, arbitraryStage, arbitraryStats, (deal, config, stats) => {
        const flags = detectStall(deal, toStage(config), stats, NOW);
        if (flags.length > 0)
          expect(inWindow(deal, stallWindow(toStage(config), stats, NOW))).toBe(true);
        for (const flag of flags)
          expect(inWindow(deal, stallWindow(toStage(config), stats, NOW, 'UTC', flag.code))).toBe(
            true,
          );
      }),
    );
  });

  it('the window of one time or activity code is exact, so pages are rarely short', () => {
    const exact: StallCode[] = ['dwell_over_expected', 'dwell_over_p75', 'no_recent_activity'];
    fc.assert(
      fc.property(
        arbitraryFacts,
        arbitraryStage,
        arbitraryStats,
        fc.constantFrom(...exact),
        (deal, config, stats, code) => {
          const flagged = codes(detectStall(deal, toStage(config), stats, NOW)).includes(code);
          expect(inWindow(deal, stallWindow(toStage(config), stats, NOW, 'UTC', code))).toBe(
            flagged,
          );
        },
      ),
    );
  });

  it('has a window only for open stages that can flag something', () => {
    expect(stallWindow(stage({ kind: 'won', expectedDwellDays: 3 }), null, NOW)).toBeNull();
    expect(stallWindow(stage(), enoughButSmall(), NOW)).toBeNull();
    expect(
      stallWindow(stage({ expectedDwellDays: 3 }), null, NOW, 'UTC', 'no_recent_activity'),
    ).toBeNull();
    expect(stallCodes).toHaveLength(4);
  });
});

function enoughButSmall(): DwellStats {
  return { p75Days: 1, sampleSize: MIN_DWELL_SAMPLE - 1 };
}
