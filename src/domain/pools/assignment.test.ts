import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseAssignee, ruleMatches } from './assignment.js';
import type { AssignmentRule, Candidate, LeadTraits } from './assignment.js';

const lead: LeadTraits = {
  region: '华东',
  industry: 'manufacturing',
  source: 'website',
  size: 'medium',
  language: 'zh',
};

const rep = (userId: string, overrides: Partial<Candidate> = {}): Candidate => ({
  userId,
  away: false,
  capacity: null,
  load: 0,
  languages: [],
  lastAssignedAt: null,
  ...overrides,
});

const rule = (overrides: Partial<AssignmentRule>): AssignmentRule => ({
  id: 'r',
  name: 'East',
  when: {},
  userIds: [],
  strategy: 'round_robin',
  ...overrides,
});

describe('ruleMatches', () => {
  it.each<[string, AssignmentRule['when'], boolean]>([
    ['no conditions: a catch-all', {}, true],
    ['region listed', { region: ['华东', '华南'] }, true],
    ['region not listed', { region: ['华北'] }, false],
    ['industry', { industry: ['manufacturing'] }, true],
    ['source', { source: ['event'] }, false],
    ['size', { size: ['medium', 'large'] }, true],
    ['language', { language: ['en'] }, false],
    ['all conditions must hold', { region: ['华东'], source: ['event'] }, false],
    [
      'all conditions hold',
      { region: ['华东'], industry: ['manufacturing'], size: ['medium'] },
      true,
    ],
  ])('%s', (_name, when, expected) => {
    expect(ruleMatches(rule({ when }), lead)).toBe(expected);
  });

  it('never matches a condition on a trait the lead does not have', () => {
    expect(ruleMatches(rule({ when: { region: ['华东'] } }), { ...lead, region: null })).toBe(
      false,
    );
  });
});

describe('chooseAssignee: round-robin', () => {
  it('gives the lead to whoever waited longest, reps never assigned first', () => {
    const pool = [
      rep('a', { lastAssignedAt: '2026-11-20T09:00:00.000Z' }),
      rep('b', { lastAssignedAt: '2026-11-19T09:00:00.000Z' }),
      rep('c'),
    ];
    expect(chooseAssignee(lead, pool, [], 'round_robin').userId).toBe('c');
    expect(chooseAssignee(lead, pool.slice(0, 2), [], 'round_robin').userId).toBe('b');
  });

  it('goes round the whole team in turn when each choice is recorded', () => {
    let pool = ['c', 'a', 'b'].map((id) => rep(id));
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const chosen = chooseAssignee(lead, pool, [], 'round_robin').userId ?? '';
      order.push(chosen);
      const at = new Date(Date.UTC(2026, 10, 23, 9, i)).toISOString();
      pool = pool.map((c) => (c.userId === chosen ? { ...c, lastAssignedAt: at } : c));
    }
    // Ties (nobody assigned yet) break by id, so the order is stable.
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});

describe('chooseAssignee: weighted by capacity and load', () => {
  it('picks the most spare capacity, not the lowest load', () => {
    const pool = [
      rep('small', { capacity: 10, load: 2 }), // 8 spare
      rep('big', { capacity: 40, load: 20 }), // 20 spare
      rep('busy', { capacity: 30, load: 29 }), // 1 spare
    ];
    const decision = chooseAssignee(lead, pool, [], 'capacity');
    expect(decision.userId).toBe('big');
    expect(decision.explanation.why).toContain('most spare capacity');
  });

  it('treats a rep without a cap as having the most room, the lighter load first', () => {
    const pool = [
      rep('capped', { capacity: 100, load: 0 }),
      rep('x', { load: 5 }),
      rep('y', { load: 3 }),
    ];
    expect(chooseAssignee(lead, pool, [], 'capacity').userId).toBe('y');
  });

  it('skips reps at capacity under either strategy', () => {
    const pool = [rep('full', { capacity: 5, load: 5 }), rep('free', { capacity: 5, load: 4 })];
    for (const strategy of ['round_robin', 'capacity'] as const) {
      const decision = chooseAssignee(lead, pool, [], strategy);
      expect(decision.userId).toBe('free');
      expect(decision.explanation.skipped).toEqual([{ userId: 'full', why: 'at_capacity' }]);
    }
  });
});

describe('chooseAssignee: rules', () => {
  const rules = [
    rule({ id: '1', name: 'North', when: { region: ['华北'] }, userIds: ['n1'] }),
    rule({
      id: '2',
      name: 'East factories',
      when: { region: ['华东'], industry: ['manufacturing'] },
      userIds: ['e1', 'e2'],
      strategy: 'capacity',
    }),
    rule({ id: '3', name: 'Everyone else', when: {}, userIds: ['n1', 'e1', 'e2', 'x'] }),
  ];
  const pool = [
    rep('n1'),
    rep('e1', { capacity: 10, load: 8 }),
    rep('e2', { capacity: 10, load: 1 }),
    rep('x'),
  ];

  it('routes by the first matching rule, with its strategy, among its reps only', () => {
    const decision = chooseAssignee(lead, pool, rules, 'round_robin');
    expect(decision.userId).toBe('e2');
    expect(decision.explanation).toMatchObject({
      rule: 'East factories',
      strategy: 'capacity',
      considered: 2,
      skipped: [],
    });
    expect(decision.explanation.why).toBe(
      'rule "East factories"; most spare capacity among 2 eligible',
    );
  });

  it('falls through to later rules, and to the tenant strategy when none matches', () => {
    const west = { ...lead, region: '西南' };
    expect(chooseAssignee(west, pool, rules, 'capacity').explanation.rule).toBe('Everyone else');
    const noRule = chooseAssignee(west, pool, rules.slice(0, 2), 'capacity');
    expect(noRule.explanation).toMatchObject({ rule: null, strategy: 'capacity', considered: 4 });
    expect(noRule.explanation.why).toMatch(/^no rule matched; most spare capacity among 4/);
  });

  it('routes by source, size and language as well', () => {
    const bySource = [rule({ name: 'Events', when: { source: ['event'] }, userIds: ['x'] })];
    expect(chooseAssignee({ ...lead, source: 'event' }, pool, bySource, 'round_robin').userId).toBe(
      'x',
    );
    const bySize = [
      rule({ name: 'Key accounts', when: { size: ['enterprise'] }, userIds: ['n1'] }),
    ];
    expect(chooseAssignee({ ...lead, size: 'enterprise' }, pool, bySize, 'capacity').userId).toBe(
      'n1',
    );
    const byLanguage = [rule({ name: 'English', when: { language: ['en'] }, userIds: ['e1'] })];
    expect(chooseAssignee({ ...lead, language: 'en' }, pool, byLanguage, 'capacity').userId).toBe(
      'e1',
    );
  });

  it('does not fall back to other reps when the matching rule has nobody free', () => {
    const onlyNorth = [rule({ name: 'North', when: { region: ['华东'] }, userIds: ['n1'] })];
    const decision = chooseAssignee(
      lead,
      [rep('n1', { away: true }), rep('x')],
      onlyNorth,
      'capacity',
    );
    expect(decision.userId).toBeNull();
    expect(decision.explanation.why).toBe('rule "North"; nobody eligible');
  });
});

describe('chooseAssignee: availability and language', () => {
  it('skips reps on leave and reps without the lead’s language, and says so', () => {
    const pool = [
      rep('away', { away: true }),
      rep('english', { languages: ['en'] }),
      rep('bilingual', { languages: ['en', 'zh'] }),
      rep('any'), // lists no languages: takes any lead
    ];
    const decision = chooseAssignee(lead, pool, [], 'round_robin');
    expect(decision.userId).toBe('any');
    expect(decision.explanation.skipped).toEqual([
      { userId: 'away', why: 'away' },
      { userId: 'english', why: 'language' },
    ]);
    expect(decision.explanation.why).toBe('no rule matched; next in turn among 2 eligible');
  });

  it('ignores languages for a lead that has none', () => {
    const decision = chooseAssignee(
      { ...lead, language: null },
      [rep('en', { languages: ['en'] })],
      [],
      'round_robin',
    );
    expect(decision.userId).toBe('en');
  });

  it('answers nobody, with every reason, when all are away or full', () => {
    const decision = chooseAssignee(
      lead,
      [rep('a', { away: true }), rep('b', { capacity: 0 })],
      [],
      'round_robin',
    );
    expect(decision).toEqual({
      userId: null,
      explanation: {
        rule: null,
        strategy: 'round_robin',
        considered: 2,
        skipped: [
          { userId: 'a', why: 'away' },
          { userId: 'b', why: 'at_capacity' },
        ],
        why: 'no rule matched; nobody eligible',
      },
    });
  });
});

describe('chooseAssignee: invariants', () => {
  const candidate = fc.record({
    userId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    away: fc.boolean(),
    capacity: fc.option(fc.integer({ min: 0, max: 5 })),
    load: fc.integer({ min: 0, max: 6 }),
    languages: fc.subarray(['zh', 'en']),
    lastAssignedAt: fc.option(
      fc
        .integer({ min: 0, max: 1000 })
        .map((m) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString()),
    ),
  });
  const pools = fc.uniqueArray(candidate, { selector: (c) => c.userId, maxLength: 5 });

  // The chosen rep is always one who can take the lead, and somebody is chosen whenever
  // anybody could be; every candidate is either eligible or listed with why it was skipped.
  it('chooses an eligible rep whenever there is one, and accounts for everyone else', () => {
    fc.assert(
      fc.property(
        pools,
        fc.constantFrom('round_robin' as const, 'capacity' as const),
        (pool, strategy) => {
          const decision = chooseAssignee(lead, pool, [], strategy);
          const eligible = pool.filter(
            (c) =>
              !c.away &&
              (c.capacity === null || c.load < c.capacity) &&
              (c.languages.length === 0 || c.languages.includes('zh')),
          );
          expect(decision.userId === null).toBe(eligible.length === 0);
          if (decision.userId) expect(eligible.map((c) => c.userId)).toContain(decision.userId);
          expect(decision.explanation.skipped.length + eligible.length).toBe(pool.length);
        },
      ),
    );
  });
});
