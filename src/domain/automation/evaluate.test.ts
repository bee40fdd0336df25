import { describe, expect, it } from 'vitest';
import type { AutomationEvent, RecordFacts } from './event.js';
import { changedFieldsBetween } from './event.js';
import { conditionMatches, evaluateRules, triggerMatches } from './evaluate.js';
import type { AutomationRule, ComparisonOp, Condition } from './rule.js';
import { MAX_CHAIN_DEPTH } from './rule.js';
import { scheduledPeriod, timeEventKey } from './time-triggers.js';

const STAGE_A = 'stage-a';
const STAGE_B = 'stage-b';

const facts: RecordFacts = {
  fields: {
    name: 'Acme ERP',
    amountMinor: 500_000,
    currency: 'CNY',
    stageId: STAGE_A,
    pipelineId: 'p1',
    tags: ['vip', 'erp'],
    nextStep: null,
    expectedCloseDate: '2026-12-31',
    'custom.region': 'east',
  },
  ownerTeamPath: ['team-east-1', 'team-east', 'team-company'],
};

const event = (overrides: Partial<AutomationEvent> = {}): AutomationEvent => ({
  id: 'e1',
  type: 'stage_entered',
  entity: { type: 'opportunity', id: 'o1' },
  changedFields: [],
  fromStageId: STAGE_B,
  toStageId: STAGE_A,
  ruleId: null,
  chain: [],
  occurredAt: '2026-11-24T08:00:00.000Z',
  ...overrides,
});

const rule = (overrides: Partial<AutomationRule> = {}): AutomationRule => ({
  id: 'r1',
  name: 'rule',
  entity: 'opportunity',
  enabled: true,
  trigger: { type: 'stage_entered', stageId: STAGE_A },
  conditions: [],
  actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'hi' }],
  createdAt: '2026-11-24T00:00:00.000Z',
  updatedAt: '2026-11-24T00:00:00.000Z',
  version: 1,
  ...overrides,
});

describe('triggerMatches', () => {
  it('matches stage entered and left by the stage the deal moved into or out of', () => {
    expect(triggerMatches({ type: 'stage_entered', stageId: STAGE_A }, event())).toBe(true);
    expect(triggerMatches({ type: 'stage_entered', stageId: STAGE_B }, event())).toBe(false);
    const left = event({ type: 'stage_left' });
    expect(triggerMatches({ type: 'stage_left', stageId: STAGE_B }, left)).toBe(true);
    expect(triggerMatches({ type: 'stage_left', stageId: STAGE_A }, left)).toBe(false);
  });

  it('matches a field change only when one of the watched fields changed', () => {
    const changed = event({ type: 'field_changed', changedFields: ['amountMinor', 'name'] });
    expect(triggerMatches({ type: 'field_changed', fields: ['amountMinor'] }, changed)).toBe(true);
    expect(triggerMatches({ type: 'field_changed', fields: ['ownerId'] }, changed)).toBe(false);
    expect(triggerMatches({ type: 'created' }, changed)).toBe(false);
  });
});

describe('conditionMatches', () => {
  const field = (f: string, op: ComparisonOp, value?: unknown) =>
    conditionMatches({ kind: 'field', field: f, op, value } as Condition, facts);

  it('compares numbers, dates and text', () => {
    expect(field('amountMinor', 'gt', 499_999)).toBe(true);
    expect(field('amountMinor', 'gt', 500_000)).toBe(false);
    expect(field('amountMinor', 'gte', 500_000)).toBe(true);
    expect(field('amountMinor', 'lt', 500_000)).toBe(false);
    expect(field('amountMinor', 'lte', 500_000)).toBe(true);
    expect(field('expectedCloseDate', 'lt', '2027-01-01')).toBe(true);
    expect(field('expectedCloseDate', 'gt', '2027-01-01')).toBe(false);
    expect(field('name', 'eq', 'Acme ERP')).toBe(true);
    expect(field('name', 'ne', 'Acme ERP')).toBe(false);
    expect(field('name', 'contains', 'erp')).toBe(true);
    expect(field('custom.region', 'in', ['east', 'north'])).toBe(true);
    expect(field('custom.region', 'in', ['west'])).toBe(false);
  });

  it('treats missing values as empty, and never orders them', () => {
    expect(field('nextStep', 'empty')).toBe(true);
    expect(field('nextStep', 'not_empty')).toBe(false);
    expect(field('custom.unknown', 'empty')).toBe(true);
    expect(field('nextStep', 'lt', 'z')).toBe(false);
    expect(field('tags', 'contains', 'vip')).toBe(true);
    expect(field('tags', 'contains', 'smb')).toBe(false);
  });

  it('checks pipeline, stage, amount with currency, and the owner’s team tree', () => {
    expect(conditionMatches({ kind: 'pipeline', pipelineIds: ['p1'] }, facts)).toBe(true);
    expect(conditionMatches({ kind: 'stage', stageIds: [STAGE_B] }, facts)).toBe(false);
    const amount = (currency?: string): Condition => ({
      kind: 'amount',
      op: 'gte',
      amountMinor: 100_000,
      ...(currency ? { currency } : {}),
    });
    expect(conditionMatches(amount(), facts)).toBe(true);
    expect(conditionMatches(amount('CNY'), facts)).toBe(true);
    expect(conditionMatches(amount('USD'), facts)).toBe(false);
    const team = (includeSubTeams: boolean): Condition => ({
      kind: 'owner_team',
      teamIds: ['team-east'],
      includeSubTeams,
    });
    // The owner sits in a sub-team of team-east: only "including sub-teams" counts them.
    expect(conditionMatches(team(true), facts)).toBe(true);
    expect(conditionMatches(team(false), facts)).toBe(false);
  });
});

describe('evaluateRules', () => {
  it('plans the actions of enabled rules whose trigger and conditions hold', () => {
    const rules = [
      rule({ id: 'fires' }),
      rule({ id: 'disabled', enabled: false }),
      rule({ id: 'other-trigger', trigger: { type: 'created' } }),
      rule({ id: 'unmet', conditions: [{ kind: 'stage', stageIds: [STAGE_B] }] }),
    ];
    const result = evaluateRules(rules, event(), facts);
    expect(result.map((r) => [r.ruleId, r.outcome, r.reason])).toEqual([
      ['fires', 'planned', null],
      ['unmet', 'skipped', 'conditions_not_met'],
    ]);
    expect(result[0]?.actions).toHaveLength(1);
    expect(result[1]?.actions).toHaveLength(0);
    expect(result[1]?.conditions.map((c) => c.matched)).toEqual([false]);
  });

  it('never fires a rule on an event its own action caused, directly or via another rule', () => {
    const rules = [rule({ id: 'a' }), rule({ id: 'b' })];
    const result = evaluateRules(rules, event({ chain: ['a'] }), facts);
    expect(result.map((r) => [r.ruleId, r.outcome, r.reason])).toEqual([
      ['a', 'skipped', 'loop'],
      ['b', 'planned', null],
    ]);
  });

  it('stops a chain at the depth limit', () => {
    const chain = Array.from({ length: MAX_CHAIN_DEPTH }, (_, i) => `x${i}`);
    const [only] = evaluateRules([rule()], event({ chain }), facts);
    expect(only?.reason).toBe('depth_exceeded');
    const [shorter] = evaluateRules([rule()], event({ chain: chain.slice(1) }), facts);
    expect(shorter?.outcome).toBe('planned');
  });

  it('gives a time event raised for one rule to that rule only', () => {
    const rules = [
      rule({ id: 'r1', trigger: { type: 'inactive_for', days: 7 } }),
      rule({ id: 'r2', trigger: { type: 'inactive_for', days: 10 } }),
    ];
    const raised = event({ type: 'inactive_for', ruleId: 'r2' });
    expect(evaluateRules(rules, raised, facts).map((r) => r.ruleId)).toEqual(['r2']);
  });
});

describe('time triggers and changes', () => {
  it('names the scheduled period once it has begun', () => {
    const daily = { type: 'scheduled', every: 'daily', hourUtc: 9 } as const;
    expect(scheduledPeriod(daily, new Date('2026-11-24T08:59:00Z'))).toBeNull();
    expect(scheduledPeriod(daily, new Date('2026-11-24T09:00:00Z'))).toBe('2026-11-24');
    // 2026-11-24 is a Tuesday; a Wednesday rule is not due yet, a Monday one is (that week).
    const wednesday = { type: 'scheduled', every: 'weekly', hourUtc: 9, weekday: 3 } as const;
    expect(scheduledPeriod(wednesday, new Date('2026-11-24T12:00:00Z'))).toBeNull();
    expect(scheduledPeriod(wednesday, new Date('2026-11-26T12:00:00Z'))).toBe('week-2026-11-23');
    const monday = { type: 'scheduled', every: 'weekly', hourUtc: 9 } as const;
    expect(scheduledPeriod(monday, new Date('2026-11-24T00:00:00Z'))).toBe('week-2026-11-23');
    expect(timeEventKey('r', 'o', 'p')).toBe('rule:r:o:p');
  });

  it('lists the fields that differ, arrays by value', () => {
    expect(
      changedFieldsBetween(
        { a: 1, tags: ['x'], same: ['y'] },
        { a: 2, tags: ['x', 'z'], same: ['y'], added: 'n' },
      ),
    ).toEqual(['a', 'added', 'tags']);
  });
});
