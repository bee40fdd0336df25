import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.js';
import type { StageKind } from './pipeline.js';
import type { StageDraft } from './validate-pipeline.js';
import { validateStages } from './validate-pipeline.js';

const draft = (key: string, kind: StageKind, probability?: number): StageDraft => ({
  key,
  kind,
  probability: probability ?? (kind === 'won' ? 100 : kind === 'lost' ? 0 : 50),
});

const valid: StageDraft[] = [
  draft('a', 'open', 10),
  draft('b', 'open', 60),
  draft('won', 'won'),
  draft('lost', 'lost'),
];

/** Issues reduced to `path code`, which is what an admin acts on. */
const summary = (issues: readonly FieldIssue[]) => issues.map((i) => `${i.path} ${i.code}`);

describe('validateStages', () => {
  it('accepts a well-formed pipeline', () => {
    expect(validateStages(valid)).toEqual([]);
  });

  it.each<[string, StageDraft[]]>([
    // lost before won is fine: only open-after-closed is an error
    ['lost before won', [draft('a', 'open'), draft('l', 'lost'), draft('w', 'won')]],
    [
      'several won and lost stages',
      [
        draft('a', 'open'),
        ...['w1', 'w2'].map((k) => draft(k, 'won')),
        draft('l1', 'lost'),
        draft('l2', 'lost'),
      ],
    ],
    [
      'open stages at 0 and 100 percent',
      [draft('a', 'open', 0), draft('b', 'open', 100), draft('w', 'won'), draft('l', 'lost')],
    ],
  ])('accepts %s', (_name, stages) => {
    expect(validateStages(stages)).toEqual([]);
  });

  it.each<[string, StageDraft[], string[]]>([
    [
      'duplicate key',
      [draft('a', 'open'), draft('a', 'open'), draft('w', 'won'), draft('l', 'lost')],
      ['stages/1/key duplicate_key'],
    ],
    [
      // every repeat is reported, each at its own index
      'a key used three times',
      [draft('a', 'open'), draft('a', 'open'), draft('a', 'won'), draft('l', 'lost')],
      ['stages/1/key duplicate_key', 'stages/2/key duplicate_key'],
    ],
    [
      'open stage after a won stage',
      [draft('a', 'open'), draft('w', 'won'), draft('b', 'open'), draft('l', 'lost')],
      ['stages/2/kind open_after_closed'],
    ],
    [
      'open stage after a lost stage',
      [draft('a', 'open'), draft('l', 'lost'), draft('w', 'won'), draft('b', 'open')],
      ['stages/3/kind open_after_closed'],
    ],
    [
      'won stage below 100',
      [draft('a', 'open'), draft('w', 'won', 99), draft('l', 'lost')],
      ['stages/1/probability won_probability'],
    ],
    [
      'lost stage above 0',
      [draft('a', 'open'), draft('w', 'won'), draft('l', 'lost', 1)],
      ['stages/2/probability lost_probability'],
    ],
    ['no open stage', [draft('w', 'won'), draft('l', 'lost')], ['stages missing_open_stage']],
    ['no won stage', [draft('a', 'open'), draft('l', 'lost')], ['stages missing_won_stage']],
    ['no lost stage', [draft('a', 'open'), draft('w', 'won')], ['stages missing_lost_stage']],
    [
      'no stages at all',
      [],
      ['stages missing_open_stage', 'stages missing_won_stage', 'stages missing_lost_stage'],
    ],
  ])('reports %s', (_name, stages, expected) => {
    expect(summary(validateStages(stages))).toEqual(expected);
  });

  it('reports every problem at once, in stage order then the missing kinds', () => {
    // an admin fixes the whole file in one pass instead of one error per round trip
    const stages = [
      draft('w', 'won', 90),
      draft('w', 'open'),
      draft('x', 'won', 100),
      draft('x', 'open', 20),
    ];
    expect(validateStages(stages)).toEqual([
      {
        path: 'stages/0/probability',
        code: 'won_probability',
        message: 'a won stage has probability 100',
      },
      { path: 'stages/1/key', code: 'duplicate_key', message: 'duplicate stage key "w"' },
      {
        path: 'stages/1/kind',
        code: 'open_after_closed',
        message: 'open stages must come before won and lost stages',
      },
      { path: 'stages/3/key', code: 'duplicate_key', message: 'duplicate stage key "x"' },
      {
        path: 'stages/3/kind',
        code: 'open_after_closed',
        message: 'open stages must come before won and lost stages',
      },
      {
        path: 'stages',
        code: 'missing_lost_stage',
        message: 'a pipeline needs at least one lost stage',
      },
    ]);
  });

  it('reports a single stage with several problems once per problem', () => {
    // duplicate key, wrong kind order and wrong probability on the same stage
    const stages = [
      draft('a', 'open'),
      draft('l', 'lost'),
      draft('l', 'lost', 5),
      draft('w', 'won'),
    ];
    expect(summary(validateStages(stages))).toEqual([
      'stages/2/key duplicate_key',
      'stages/2/probability lost_probability',
    ]);
  });
});
