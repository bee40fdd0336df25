/**
 * How good the probabilities are, on held-out closed deals the model never saw: the Brier
 * score (mean squared gap between the probability and what happened, 0 is perfect, 0.25 is
 * a coin toss) and calibration — within each 10% band of predicted probability, did about
 * that share of deals win? Pure, so the stored metrics can be checked by hand.
 */
export interface ScoredOutcome {
  /** 0–10000. */
  readonly probabilityBp: number;
  readonly won: boolean;
}

export interface CalibrationBand {
  /** Band [fromBp, toBp); the last band includes 10000. */
  readonly fromBp: number;
  readonly toBp: number;
  readonly count: number;
  readonly wins: number;
  /** Mean predicted probability in the band; null when the band is empty. */
  readonly predictedMeanBp: number | null;
  /** Share of the band's deals that won; null when the band is empty. */
  readonly actualShareBp: number | null;
}

const BAND_BP = 1_000;

/** Rounded to 6 decimals: enough to compare models, and the same in every JSON round trip. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** null when there is nothing to score. */
export function brierScore(outcomes: readonly ScoredOutcome[]): number | null {
  if (outcomes.length === 0) return null;
  let sum = 0;
  for (const { probabilityBp, won } of outcomes) {
    const gap = probabilityBp / 10_000 - (won ? 1 : 0);
    sum += gap * gap;
  }
  return round6(sum / outcomes.length);
}

export function bandIndex(probabilityBp: number): number {
  return Math.min(9, Math.max(0, Math.floor(probabilityBp / BAND_BP)));
}

/** Ten bands, always all of them, so a chart's axis never shifts. */
export function calibrationBands(outcomes: readonly ScoredOutcome[]): CalibrationBand[] {
  const sums = Array.from({ length: 10 }, () => ({ count: 0, wins: 0, bp: 0 }));
  for (const { probabilityBp, won } of outcomes) {
    const band = sums[bandIndex(probabilityBp)];
    if (!band) continue;
    band.count++;
    band.bp += probabilityBp;
    if (won) band.wins++;
  }
  return sums.map((band, i) => ({
    fromBp: i * BAND_BP,
    toBp: (i + 1) * BAND_BP,
    count: band.count,
    wins: band.wins,
    predictedMeanBp: band.count === 0 ? null : Math.round(band.bp / band.count),
    actualShareBp: band.count === 0 ? null : Math.round((band.wins / band.count) * 10_000),
  }));
}
