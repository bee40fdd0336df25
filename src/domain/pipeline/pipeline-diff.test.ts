import { describe, expect, it } from 'vitest';
import type { Pipeline, Stage } from './pipeline.js';
import { diffPipelines } from './pipeline-diff.js';
import { noRules } from './stage-rules.js';

const stage = (id: string, position: number, extra: Partial<Stage> = {}): Stage => ({
  id,
  key: id,
  nameZh: id,
  nameEn: id,
  position,
  kind: 'open',
  probability: 10,
  forecastCategory: 'pipeline',
  targetConversion: null,
  expectedDwellDays: null,
  cadenceDays: null,
  guidance: null,
  rules: noRules,
  ...extra,
});

const base: Pipeline = {
  id: 'p',
  key: 'p',
  nameZh: '流程',
  nameEn: 'Process',
  description: null,
  allowSkip: false,
  isDefault: false,
  archivedAt: null,
  teamIds: ['t1', 't2'],
  scorecard: null,
  stages: [stage('a', 0), stage('b', 1), stage('won', 2, { kind: 'won', probability: 100 })],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('diffPipelines', () => {
  it('reports a new pipeline with its stages', () => {
    expect(diffPipelines(null, base)).toEqual([{ kind: 'created', stages: ['a', 'b', 'won'] }]);
  });

  it('finds nothing when only the version, timestamps and order of team ids differ', () => {
    // an unchanged re-apply must be recognised as such, or it would bump the version
    const again = { ...base, version: 2, updatedAt: 'later', teamIds: ['t2', 't1'] };
    expect(diffPipelines(base, again)).toEqual([]);
  });

  it('compares rules by content, not by the order their keys were written in', () => {
    const withRules = (entry: object[]) => ({
      ...base,
      stages: [stage('a', 0, { rules: { ...noRules, entry: entry as Stage['rules']['entry'] } })],
    });
    const stored = withRules([{ type: 'field', field: 'budget' }]);
    const fromFile = withRules([{ field: 'budget', type: 'field' }]);
    expect(diffPipelines(stored, fromFile)).toEqual([]);
  });

  it('names the pipeline fields and the stage fields that changed', () => {
    const [a, b, won] = base.stages as [Stage, Stage, Stage];
    const after: Pipeline = {
      ...base,
      nameEn: 'Renamed',
      scorecard: { dimensions: [{ key: 'need', nameZh: '需求', nameEn: 'Need', weight: 1 }] },
      stages: [
        { ...a, nameEn: 'A', rules: { ...noRules, exit: [{ type: 'score', min: 50 }] } },
        b,
        won,
      ],
    };
    expect(diffPipelines(base, after)).toEqual([
      { kind: 'field', field: 'nameEn' },
      { kind: 'field', field: 'scorecard' },
      { kind: 'stage_changed', stage: 'a', fields: ['nameEn', 'exit'] },
    ]);
  });

  it('tells added, removed and re-ordered stages apart', () => {
    const [a, b, won] = base.stages as [Stage, Stage, Stage];
    const inserted = { ...base, stages: [a, stage('new', 1), { ...b, position: 2 }, won] };
    // an insertion shifts positions but is not a re-order
    expect(diffPipelines(base, inserted)).toEqual([{ kind: 'stage_added', stage: 'new' }]);
    expect(diffPipelines(base, { ...base, stages: [a, won] })).toEqual([
      { kind: 'stage_removed', stage: 'b' },
    ]);
    expect(diffPipelines(base, { ...base, stages: [b, a, won] })).toEqual([
      { kind: 'stages_reordered', order: ['b', 'a', 'won'] },
    ]);
  });

  it('reports a renamed key on a kept stage as a change of that stage', () => {
    const [a, b, won] = base.stages as [Stage, Stage, Stage];
    expect(diffPipelines(base, { ...base, stages: [a, { ...b, key: 'beta' }, won] })).toEqual([
      { kind: 'stage_changed', stage: 'beta', fields: ['key'] },
    ]);
  });
});
