import { winFeatures } from './features.js';
import type { FeatureValues, WinFeature } from './features.js';

/**
 * Naive Bayes over categorical features, as Odoo's predictive lead scoring does: the odds of
 * winning are the prior odds times, for each feature, how much more often won deals had the
 * deal's value than lost deals did. Counts are Laplace-smoothed (`alpha` added to every
 * value's count), so a value seen only in won deals raises the odds a lot but not infinitely.
 * The model is its counts: stored as JSON, it predicts the same everywhere.
 */
export interface NaiveBayesModel {
  readonly algorithm: 'naive_bayes';
  readonly alpha: number;
  readonly won: number;
  readonly lost: number;
  /** Per feature, per value: [won deals with it, lost deals with it]. */
  readonly counts: Readonly<
    Record<WinFeature, Readonly<Record<string, readonly [number, number]>>>
  >;
}

export interface TrainingExample {
  readonly features: FeatureValues;
  readonly won: boolean;
}

/** One feature's pull on a prediction: natural-log likelihood ratio, positive raises. */
export interface WinFactor {
  readonly feature: WinFeature;
  readonly value: string;
  readonly weight: number;
  readonly direction: 'raises' | 'lowers';
}

export interface WinPrediction {
  /** 0–10000. */
  readonly probabilityBp: number;
  /** The features that moved the odds most, strongest first. */
  readonly factors: readonly WinFactor[];
}

export const LAPLACE_ALPHA = 1;
export const TOP_FACTORS = 3;

/**
 * Counts examples one at a time, so a trainer can read closed deals page by page and hold
 * only counts, never every deal; `model()` may be called at any point.
 */
export interface NaiveBayesTrainer {
  add(example: TrainingExample): void;
  model(): NaiveBayesModel;
}

export function naiveBayesTrainer(alpha: number = LAPLACE_ALPHA): NaiveBayesTrainer {
  const counts = Object.fromEntries(
    winFeatures.map((feature) => [feature, new Map<string, [number, number]>()]),
  ) as Record<WinFeature, Map<string, [number, number]>>;
  let won = 0;
  let lost = 0;
  return {
    add(example) {
      if (example.won) won++;
      else lost++;
      for (const feature of winFeatures) {
        const value = example.features[feature];
        const cell = counts[feature].get(value) ?? [0, 0];
        cell[example.won ? 0 : 1]++;
        counts[feature].set(value, cell);
      }
    },
    model() {
      const sorted = (feature: WinFeature) =>
        // Sorted keys: the stored JSON is the same whatever order the deals came in.
        Object.fromEntries(
          [...counts[feature].entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([value, [w, l]]) => [value, [w, l] as const]),
        );
      return {
        algorithm: 'naive_bayes',
        alpha,
        won,
        lost,
        counts: Object.fromEntries(
          winFeatures.map((feature) => [feature, sorted(feature)]),
        ) as NaiveBayesModel['counts'],
      };
    },
  };
}

/** Counts the examples; order does not matter. */
export function trainNaiveBayes(
  examples: Iterable<TrainingExample>,
  alpha: number = LAPLACE_ALPHA,
): NaiveBayesModel {
  const trainer = naiveBayesTrainer(alpha);
  for (const example of examples) trainer.add(example);
  return trainer.model();
}

/**
 * ln(P(value | won) / P(value | lost)) with Laplace smoothing over the values the feature
 * took in training; null for a value never seen, which then says nothing either way.
 */
export function logLikelihoodRatio(
  model: NaiveBayesModel,
  feature: WinFeature,
  value: string,
): number | null {
  const values = model.counts[feature];
  const cell = values[value];
  if (cell === undefined) return null;
  const k = Object.keys(values).length;
  const pWon = (cell[0] + model.alpha) / (model.won + model.alpha * k);
  const pLost = (cell[1] + model.alpha) / (model.lost + model.alpha * k);
  return Math.log(pWon / pLost);
}

/** The prior log-odds of winning, smoothed so a one-sided history stays finite. */
export function priorLogOdds(model: NaiveBayesModel): number {
  return Math.log((model.won + model.alpha) / (model.lost + model.alpha));
}

/** Probability in basis points, clamped to 0–10000 (a logistic of the summed log-odds). */
export function toBasisPoints(logOdds: number): number {
  const p = 1 / (1 + Math.exp(-logOdds));
  return Math.min(10_000, Math.max(0, Math.round(p * 10_000)));
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function predictWin(model: NaiveBayesModel, features: FeatureValues): WinPrediction {
  let logOdds = priorLogOdds(model);
  const pulls: WinFactor[] = [];
  for (const feature of winFeatures) {
    const value = features[feature];
    const llr = logLikelihoodRatio(model, feature, value);
    if (llr === null) continue;
    logOdds += llr;
    const weight = round4(llr);
    if (weight !== 0)
      pulls.push({ feature, value, weight, direction: weight > 0 ? 'raises' : 'lowers' });
  }
  // Strongest first; ties keep the feature order, so factors are stable.
  pulls.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { probabilityBp: toBasisPoints(logOdds), factors: pulls.slice(0, TOP_FACTORS) };
}
