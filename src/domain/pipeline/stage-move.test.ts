import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { Stage, StageKind } from './pipeline.js';
import { noRules } from './stage-rules.js';
import type { StageMoveDecision } from './stage-move.js';
import { decideStageMove } from './stage-move.js';

const NOW = '2026-03-01T08:00:00.000Z';

function stage(key: string, position: number, kind: StageKind): Stage {
  return {
    id: `stage-${key}`,
    key,
    nameZh: key,
    nameEn: key,
    position,
    kind,
    probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : 10 * (position + 1),
    forecastCategory: kind === 'open' ? 'pipeline' : kind === 'won' ? 'closed' : 'omitted',
    targetConversion: null,
    expectedDwellDays: null,
    rules: noRules,
    cadenceDays: null,
    guidance: null,
  };
}

const first = stage('first', 0, 'open');
const second = stage('second', 1, 'open');
const third = stage('third', 2, 'open');
const won = stage('won', 3, 'won');
const lost = stage('lost', 4, 'lost');

const open = (direction: StageMoveDecision['direction']): StageMoveDecision => ({
  status: 'open',
  closedAt: null,
  direction,
});

const closed = (status: 'won' | 'lost'): StageMoveDecision => ({
  status,
  closedAt: NOW,
  direction: 'close',
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('decideStageMove', () => {
  it.each<[string, Stage, Stage, string | null, StageMoveDecision]>([
    ['forward one stage', first, second, null, open('forward')],
    ['forward skipping a stage', first, third, null, open('forward')],
    ['forward with a reason', second, third, 'budget approved', open('forward')],
    // same position is not backwards: nothing to explain
    ['to the same stage', second, second, null, open('forward')],
    ['backward with a reason', third, first, '客户需求调整', open('backward')],
    ['backward with a padded reason', second, first, '  re-scoping  ', open('backward')],
    ['close as won', third, won, null, closed('won')],
    ['close as lost', first, lost, null, closed('lost')],
    // closing from any open stage is allowed without a reason, even from the first one
    ['win straight from the first stage', first, won, null, closed('won')],
    ['close with a reason', second, lost, 'no budget', closed('lost')],
    // a closed deal re-closed in another closed stage is a close, not a reopen
    ['won to lost', won, lost, null, closed('lost')],
    ['lost to won', lost, won, null, closed('won')],
    ['reopen won with a reason', won, third, 'contract cancelled', open('reopen')],
    ['reopen lost with a reason', lost, first, 'customer came back', open('reopen')],
  ])('%s', (_name, from, to, reason, expected) => {
    expect(decideStageMove({ from, to, reason, now: NOW })).toEqual(expected);
  });

  it.each<[string, Stage, Stage, string | null]>([
    ['backward without a reason', second, first, null],
    ['backward with an empty reason', third, second, ''],
    // whitespace-only is as good as nothing: it explains nothing in a pipeline review
    ['backward with a whitespace-only reason', third, first, '   '],
    ['backward with tabs and newlines only', third, first, '\t\n '],
    ['reopen won without a reason', won, first, null],
    ['reopen lost without a reason', lost, third, null],
    ['reopen lost with a whitespace-only reason', lost, second, '  '],
  ])('%s throws backward_move_needs_reason', (_name, from, to, reason) => {
    expect(codeOf(() => decideStageMove({ from, to, reason, now: NOW }))).toBe(
      'backward_move_needs_reason',
    );
  });

  it('decides by position, not by array order or key', () => {
    // positions are what define "backwards"; a later id or key must not matter
    const late = stage('a-late', 7, 'open');
    const early = stage('z-early', 2, 'open');
    expect(decideStageMove({ from: late, to: early, reason: 'x', now: NOW }).direction).toBe(
      'backward',
    );
    expect(() => decideStageMove({ from: late, to: early, reason: null, now: NOW })).toThrow(
      DomainError,
    );
    expect(decideStageMove({ from: early, to: late, reason: null, now: NOW }).direction).toBe(
      'forward',
    );
  });

  it('stamps closedAt with the given now, not the clock', () => {
    const other = '2020-01-01T00:00:00.000Z';
    expect(decideStageMove({ from: first, to: won, reason: null, now: other }).closedAt).toBe(
      other,
    );
  });
});
