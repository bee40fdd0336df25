import { z } from 'zod';
import { winFeatures } from '../../domain/analytics/win-model/features.js';
import type { NaiveBayesModel, WinFactor } from '../../domain/analytics/win-model/naive-bayes.js';
import type { WinModelMetrics } from '../../domain/analytics/win-model/training.js';

/**
 * The shapes of the learned win probability's stored JSON (a model's parameters and
 * metrics, a prediction's factors), parsed on the way out so nothing downstream trusts a
 * column blindly, and reused as the API's response schemas.
 */
export const WinFeatureName = z.enum(winFeatures);

export const WinFactorSchema = z.object({
  feature: WinFeatureName,
  value: z.string(),
  weight: z.number().describe('Natural-log likelihood ratio: > 0 raises the odds, < 0 lowers'),
  direction: z.enum(['raises', 'lowers']),
});

export const WinFactors = z.array(WinFactorSchema);

const Cell = z.tuple([z.number().int(), z.number().int()]);

export const NaiveBayesParameters = z.object({
  algorithm: z.literal('naive_bayes'),
  alpha: z.number(),
  won: z.number().int(),
  lost: z.number().int(),
  counts: z.object(
    Object.fromEntries(winFeatures.map((f) => [f, z.record(z.string(), Cell)])) as Record<
      (typeof winFeatures)[number],
      z.ZodRecord<z.ZodString, typeof Cell>
    >,
  ),
});

export const CalibrationBandSchema = z
  .object({
    fromBp: z.number().int(),
    toBp: z.number().int(),
    count: z.number().int().describe('Held-out closed deals predicted in this band'),
    wins: z.number().int(),
    predictedMeanBp: z.number().int().nullable().describe('Their mean predicted probability'),
    actualShareBp: z.number().int().nullable().describe('The share of them that was won'),
  })
  .meta({ id: 'WinCalibrationBand' });

export const WinModelMetricsSchema = z
  .object({
    trainingSize: z.number().int(),
    trainingWins: z.number().int(),
    heldOutSize: z.number().int(),
    heldOutWins: z.number().int(),
    brier: z.number().nullable().describe('Brier score on held-out deals; lower is better'),
    stageBaselineBrier: z
      .number()
      .nullable()
      .describe('The same deals scored with their stage probability'),
    baseRateBrier: z.number().nullable().describe('The same deals all given the win rate'),
    bands: z.array(CalibrationBandSchema),
  })
  .meta({ id: 'WinModelMetrics' });

export function parseParameters(value: unknown): NaiveBayesModel {
  return NaiveBayesParameters.parse(value);
}

export function parseMetrics(value: unknown): WinModelMetrics {
  return WinModelMetricsSchema.parse(value);
}

export function parseFactors(value: unknown): WinFactor[] {
  return WinFactors.parse(value);
}
