import { cohortMembers, countsOf } from './conversion.js';
import type { InstantRange } from './conversion.js';
import type { DealHistory } from './facts.js';
import { nearestRank } from './percentiles.js';
import { secondsOf } from './patterns.js';

/**
 * The bottleneck of a team: the open stage where it falls furthest short of the stage's
 * own standards. Per open stage, over the team's deals (owned by anyone in its subtree):
 * - conversion: the stage's cohort in the period (first entries, as in the conversion
 *   report), stage→next = advanced ÷ cohort, against `target_conversion` (percent);
 *   shortfall = 1 − actual ÷ target;
 * - dwell: the median (nearest rank) of the stage's visits entered in the period that have
 *   ended, against `expected_dwell_days`; overrun = median ÷ expected − 1.
 * A measure counts only with at least `minDeals` cohort deals (dwell: visits) and a
 * standard set. The bottleneck is the measure with the largest positive shortfall or
 * overrun (ties: earlier stage, conversion first); null when the team meets every standard.
 */
export interface StageStandard {
  readonly stageId: string;
  /** Percent, or null when the stage sets none. */
  readonly targetConversion: number | null;
  readonly expectedDwellDays: number | null;
}

export interface TeamStageFigures {
  readonly stageId: string;
  readonly cohort: number;
  readonly advanced: number;
  readonly conversion: number | null;
  readonly dwellVisits: number;
  readonly medianDwellSeconds: number | null;
}

export interface Bottleneck {
  readonly stageId: string;
  readonly measure: 'conversion' | 'dwell';
  /** conversion: a share; dwell: seconds. */
  readonly actual: number;
  /** conversion: the target share; dwell: the expected seconds. */
  readonly expected: number;
  /** How far off, as a share of the standard (0.25 = 25% short or over). */
  readonly severity: number;
}

export function teamStageFigures(
  stageId: string,
  cohort: number,
  advanced: number,
  dwellVisits: number,
  medianDwellSeconds: number | null,
): TeamStageFigures {
  return {
    stageId,
    cohort,
    advanced,
    conversion: cohort === 0 ? null : advanced / cohort,
    dwellVisits,
    medianDwellSeconds,
  };
}

/** Picks the bottleneck from a team's per-stage figures (in stage order). */
export function bottleneckOf(
  figures: readonly TeamStageFigures[],
  standards: readonly StageStandard[],
  minDeals: number,
): Bottleneck | null {
  let worst: Bottleneck | null = null;
  for (const stage of figures) {
    const standard = standards.find((s) => s.stageId === stage.stageId);
    const candidates: Bottleneck[] = [];
    if (
      standard?.targetConversion &&
      standard.targetConversion > 0 &&
      stage.conversion !== null &&
      stage.cohort >= minDeals
    ) {
      const expected = standard.targetConversion / 100;
      candidates.push({
        stageId: stage.stageId,
        measure: 'conversion',
        actual: stage.conversion,
        expected,
        severity: 1 - stage.conversion / expected,
      });
    }
    if (
      standard?.expectedDwellDays &&
      standard.expectedDwellDays > 0 &&
      stage.medianDwellSeconds !== null &&
      stage.dwellVisits >= minDeals
    ) {
      const expected = standard.expectedDwellDays * 86_400;
      candidates.push({
        stageId: stage.stageId,
        measure: 'dwell',
        actual: stage.medianDwellSeconds,
        expected,
        severity: stage.medianDwellSeconds / expected - 1,
      });
    }
    for (const candidate of candidates)
      if (candidate.severity > 0 && (worst === null || candidate.severity > worst.severity))
        worst = candidate;
  }
  return worst;
}

/** The reference: a team's per-stage figures from its deals' history. */
export function teamFiguresOf(history: DealHistory, range: InstantRange): TeamStageFigures[] {
  const members = cohortMembers(history, range);
  return [...history.stages]
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const counts = countsOf(members.filter((m) => m.stageId === stage.id));
      const dwell = history.visits
        .filter(
          (v) => v.stageId === stage.id && v.enteredAt >= range.start && v.enteredAt < range.end,
        )
        .map(secondsOf)
        .filter((s): s is number => s !== null)
        .sort((a, b) => a - b);
      return teamStageFigures(
        stage.id,
        counts.cohort,
        counts.advanced,
        dwell.length,
        nearestRank(dwell, 50),
      );
    });
}
