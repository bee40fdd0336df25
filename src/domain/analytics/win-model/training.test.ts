import { describe, expect, it } from 'vitest';
import type { FeatureValues } from './features.js';
import { trainNaiveBayes } from './naive-bayes.js';
import { evaluateWinModel, MIN_CLOSED_DEALS, trainingDecision } from './training.js';
import type { HeldOutDeal } from './training.js';

describe('trainingDecision', () => {
  it.each([
    ['enough of both', { closedDeals: 40, trainingWon: 10, trainingLost: 22 }, { train: true }],
    [
      'one short of the minimum',
      { closedDeals: MIN_CLOSED_DEALS - 1, trainingWon: 10, trainingLost: 13 },
      { train: false, reason: 'too_few_closed_deals' },
    ],
    [
      'exactly the minimum',
      { closedDeals: MIN_CLOSED_DEALS, trainingWon: 10, trainingLost: 14 },
      { train: true },
    ],
    [
      'nothing ever lost',
      { closedDeals: 50, trainingWon: 40, trainingLost: 0 },
      { train: false, reason: 'one_outcome_only' },
    ],
    [
      'nothing ever won',
      { closedDeals: 50, trainingWon: 0, trainingLost: 40 },
      { train: false, reason: 'one_outcome_only' },
    ],
  ])('%s', (_why, counts, expected) => expect(trainingDecision(counts)).toEqual(expected));
});

describe('evaluateWinModel', () => {
  const features = (source: string): FeatureValues => ({
    stage: 's',
    source,
    industry: '-',
    size: '-',
    product: '-',
    owner: 'u1',
    age_in_stage: '0-7',
    activities: '0',
  });
  const deals = (n: number, source: string, won: boolean) =>
    Array.from({ length: n }, () => ({ features: features(source), won }));
  const model = trainNaiveBayes([
    ...deals(16, 'referral', true),
    ...deals(4, 'referral', false),
    ...deals(4, 'cold', true),
    ...deals(16, 'cold', false),
  ]);
  const heldOut: HeldOutDeal[] = [
    ...deals(4, 'referral', true).map((d) => ({ ...d, stageProbability: 50 })),
    ...deals(1, 'referral', false).map((d) => ({ ...d, stageProbability: 50 })),
    ...deals(1, 'cold', true).map((d) => ({ ...d, stageProbability: 50 })),
    ...deals(4, 'cold', false).map((d) => ({ ...d, stageProbability: 50 })),
  ];
  const metrics = evaluateWinModel(model, heldOut);

  it('counts what it learned from and what it was judged on', () => {
    expect(metrics).toMatchObject({
      trainingSize: 40,
      trainingWins: 20,
      heldOutSize: 10,
      heldOutWins: 5,
    });
  });

  it('beats the stage probability and the base rate when a feature truly predicts', () => {
    // Both baselines say 50% for every deal here: a Brier of exactly 0.25.
    expect(metrics.stageBaselineBrier).toBe(0.25);
    expect(metrics.baseRateBrier).toBe(0.25);
    expect(metrics.brier).not.toBeNull();
    expect(metrics.brier ?? 1).toBeLessThan(0.2);
  });

  it('puts every held-out deal in one calibration band', () => {
    expect(metrics.bands.reduce((n, band) => n + band.count, 0)).toBe(10);
    const high = metrics.bands.filter((band) => band.fromBp >= 5_000);
    expect(high.reduce((n, band) => n + band.wins, 0)).toBe(4);
  });

  it('reports no scores when nothing is held out', () => {
    const empty = evaluateWinModel(model, []);
    expect([empty.brier, empty.stageBaselineBrier, empty.baseRateBrier]).toEqual([
      null,
      null,
      null,
    ]);
  });
});
