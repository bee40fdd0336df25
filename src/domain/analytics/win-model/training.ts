import { brierScore, calibrationBands } from './evaluation.js';
import type { CalibrationBand } from './evaluation.js';
import type { FeatureValues } from './features.js';
import { predictWin } from './naive-bayes.js';
import type { NaiveBayesModel } from './naive-bayes.js';

/**
 * When a pipeline's history is enough to learn from, and what the stored metrics hold.
 * Below the minimum the model would mostly echo noise, so nothing is trained and no deal
 * gets a learned probability: the stage probability stays the only estimate.
 */
export const MIN_CLOSED_DEALS = 30;

export type InsufficientReason = 'too_few_closed_deals' | 'one_outcome_only';

export type TrainingDecision =
  { readonly train: true } | { readonly train: false; readonly reason: InsufficientReason };

export function trainingDecision(counts: {
  readonly closedDeals: number;
  readonly trainingWon: number;
  readonly trainingLost: number;
}): TrainingDecision {
  if (counts.closedDeals < MIN_CLOSED_DEALS)
    return { train: false, reason: 'too_few_closed_deals' };
  // A history with no wins (or no losses) among the training deals teaches only the prior.
  if (counts.trainingWon === 0 || counts.trainingLost === 0)
    return { train: false, reason: 'one_outcome_only' };
  return { train: true };
}

/** A closed deal kept aside for evaluation. */
export interface HeldOutDeal {
  readonly features: FeatureValues;
  readonly won: boolean;
  /** Its stage's own probability, percent; null when it was never in an open stage. */
  readonly stageProbability: number | null;
}

export interface WinModelMetrics {
  readonly trainingSize: number;
  readonly trainingWins: number;
  readonly heldOutSize: number;
  readonly heldOutWins: number;
  /** The model's Brier score on held-out deals (lower is better); null with none held out. */
  readonly brier: number | null;
  /** The same deals scored with their stage's configured probability. */
  readonly stageBaselineBrier: number | null;
  /** The same deals all given the training win rate: the bar any model must clear. */
  readonly baseRateBrier: number | null;
  readonly bands: readonly CalibrationBand[];
}

export function evaluateWinModel(
  model: NaiveBayesModel,
  heldOut: readonly HeldOutDeal[],
): WinModelMetrics {
  const predicted = heldOut.map((deal) => ({
    probabilityBp: predictWin(model, deal.features).probabilityBp,
    won: deal.won,
  }));
  const total = model.won + model.lost;
  const baseRateBp = total === 0 ? 5_000 : Math.round((model.won / total) * 10_000);
  return {
    trainingSize: total,
    trainingWins: model.won,
    heldOutSize: heldOut.length,
    heldOutWins: heldOut.filter((deal) => deal.won).length,
    brier: brierScore(predicted),
    stageBaselineBrier: brierScore(
      heldOut.map((deal) => ({
        probabilityBp: Math.min(100, Math.max(0, deal.stageProbability ?? 0)) * 100,
        won: deal.won,
      })),
    ),
    baseRateBrier: brierScore(
      heldOut.map((deal) => ({ probabilityBp: baseRateBp, won: deal.won })),
    ),
    bands: calibrationBands(predicted),
  };
}
