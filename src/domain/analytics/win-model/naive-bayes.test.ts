import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureValues } from './features.js';
import { winFeatures } from './features.js';
import {
  logLikelihoodRatio,
  naiveBayesTrainer,
  predictWin,
  priorLogOdds,
  TOP_FACTORS,
  trainNaiveBayes,
} from './naive-bayes.js';
import type { TrainingExample } from './naive-bayes.js';

const base: FeatureValues = {
  stage: 'qualify',
  source: 'web',
  industry: 'retail',
  size: 'small',
  product: 'lighthouse',
  owner: 'u1',
  age_in_stage: '0-7',
  activities: '1-2',
};

const example = (won: boolean, overrides: Partial<FeatureValues> = {}): TrainingExample => ({
  won,
  features: { ...base, ...overrides },
});

const times = (n: number, make: () => TrainingExample) => Array.from({ length: n }, make);

describe('trainNaiveBayes', () => {
  it('counts each value per outcome, keys sorted', () => {
    const model = trainNaiveBayes([
      example(true, { source: 'referral' }),
      example(true, { source: 'referral' }),
      example(false, { source: 'cold' }),
    ]);
    expect([model.won, model.lost]).toEqual([2, 1]);
    expect(model.counts.source).toEqual({ cold: [0, 1], referral: [2, 0] });
    expect(Object.keys(model.counts.source)).toEqual(['cold', 'referral']);
    expect(model.counts.stage).toEqual({ qualify: [2, 1] });
  });

  it('is the same whichever order the deals come in', () => {
    const deals = [example(true, { owner: 'b' }), example(false, { owner: 'a' }), example(true)];
    expect(JSON.stringify(trainNaiveBayes([...deals].reverse()))).toBe(
      JSON.stringify(trainNaiveBayes(deals)),
    );
  });

  it('a trainer can be read part-way and keeps counting', () => {
    const trainer = naiveBayesTrainer();
    trainer.add(example(true));
    expect(trainer.model().won).toBe(1);
    trainer.add(example(false));
    expect([trainer.model().won, trainer.model().lost]).toEqual([1, 1]);
  });
});

describe('logLikelihoodRatio (Laplace, alpha = 1)', () => {
  // 8 won, 2 lost; source: referral 6 won / 0 lost, cold 2 won / 2 lost → k = 2.
  const model = trainNaiveBayes([
    ...times(6, () => example(true, { source: 'referral' })),
    ...times(2, () => example(true, { source: 'cold' })),
    ...times(2, () => example(false, { source: 'cold' })),
  ]);

  it.each([
    ['referral', Math.log((6 + 1) / (8 + 2) / ((0 + 1) / (2 + 2)))],
    ['cold', Math.log((2 + 1) / (8 + 2) / ((2 + 1) / (2 + 2)))],
  ])('source %s', (value, expected) => {
    expect(logLikelihoodRatio(model, 'source', value)).toBeCloseTo(expected, 12);
  });

  it('says nothing about a value never seen', () => {
    expect(logLikelihoodRatio(model, 'source', 'trade-show')).toBeNull();
  });

  it('a feature every deal shares moves the odds by the class sizes only', () => {
    // stage is 'qualify' everywhere: (8+1)/(8+1) over (2+1)/(2+1) = 1.
    expect(logLikelihoodRatio(model, 'stage', 'qualify')).toBeCloseTo(0, 12);
  });

  it('smooths the prior', () => {
    expect(priorLogOdds(model)).toBeCloseTo(Math.log(9 / 3), 12);
  });
});

describe('predictWin', () => {
  const model = trainNaiveBayes([
    ...times(8, () => example(true, { source: 'referral' })),
    ...times(2, () => example(false, { source: 'referral' })),
    ...times(2, () => example(true, { source: 'cold', owner: 'u2' })),
    ...times(8, () => example(false, { source: 'cold', owner: 'u2' })),
  ]);

  it('ranks a winning source above a losing one', () => {
    const referral = predictWin(model, base);
    const cold = predictWin(model, { ...base, source: 'cold', owner: 'u2' });
    expect(referral.probabilityBp).toBeGreaterThan(7_000);
    expect(cold.probabilityBp).toBeLessThan(3_000);
  });

  it('names the strongest factors first, with their direction', () => {
    const cold = predictWin(model, { ...base, source: 'cold', owner: 'u2' });
    expect(cold.factors.length).toBeLessThanOrEqual(TOP_FACTORS);
    expect(cold.factors[0]).toMatchObject({ direction: 'lowers' });
    expect(cold.factors.map((f) => f.feature).sort()).toEqual(['owner', 'source']);
    const weights = cold.factors.map((f) => Math.abs(f.weight));
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('ignores unseen values instead of guessing', () => {
    const unseen = predictWin(model, { ...base, source: 'trade-show', owner: 'u9' });
    expect(unseen.factors.map((f) => f.feature)).not.toContain('source');
    expect(unseen.probabilityBp).toBe(5_000);
  });
});

const value = fc.constantFrom('a', 'b', 'c');
const featureValues = fc.record(
  Object.fromEntries(winFeatures.map((feature) => [feature, value])) as Record<
    keyof FeatureValues,
    fc.Arbitrary<string>
  >,
);
const examples = fc.array(fc.record({ won: fc.boolean(), features: featureValues }), {
  maxLength: 60,
});

describe('properties', () => {
  it('every probability is within 0–10000 bp', () => {
    fc.assert(
      fc.property(examples, featureValues, (training, deal) => {
        const { probabilityBp } = predictWin(trainNaiveBayes(training), deal);
        return Number.isInteger(probabilityBp) && probabilityBp >= 0 && probabilityBp <= 10_000;
      }),
    );
  });

  it('a value with more wins and no more losses has the higher likelihood ratio', () => {
    fc.assert(
      fc.property(
        examples,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        (training, extraWins, losses) => {
          // 'x' and 'y' lose equally often; 'x' wins extraWins more times.
          const deals = [
            ...training,
            ...times(losses, () => example(false, { source: 'x' })),
            ...times(losses, () => example(false, { source: 'y' })),
            ...times(extraWins, () => example(true, { source: 'x' })),
          ];
          const model = trainNaiveBayes(deals);
          const x = logLikelihoodRatio(model, 'source', 'x') ?? Number.NaN;
          const y = logLikelihoodRatio(model, 'source', 'y') ?? Number.NaN;
          return x > y;
        },
      ),
    );
  });

  it('adding a won deal with a value never lowers that value’s likelihood ratio', () => {
    fc.assert(
      fc.property(examples, featureValues, (training, deal) => {
        const before = trainNaiveBayes(training);
        const after = trainNaiveBayes([...training, { won: true, features: deal }]);
        const was = logLikelihoodRatio(before, 'source', deal.source);
        const now = logLikelihoodRatio(after, 'source', deal.source) ?? Number.NaN;
        // A value already seen keeps the feature's cardinality: its share among won deals
        // can only rise, and its share among lost deals is unchanged.
        return was === null || now >= was - 1e-12;
      }),
    );
  });
});
