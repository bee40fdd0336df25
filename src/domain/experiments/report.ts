import type { Variant } from './experiment.js';
import { holmAdjust, mannWhitneyTest, mean, median, twoProportionTest } from './statistics.js';
import type { ProportionTest, RankTest } from './statistics.js';

/**
 * The experiment report, computed from the facts of the assigned records. For deals the
 * outcome is "won" and the funnel is the pipeline's open stages; for leads the outcome is
 * "converted" and there is no funnel. Every variant after the first is compared with the
 * first (the control); with more than one treatment the p-values of a family (one metric,
 * one stage) are Holm-adjusted, and "significant" means adjusted p < 0.05.
 */
export const ALPHA = 0.05;
const DAY_MS = 86_400_000;

export interface StageVisit {
  readonly stageId: string;
  readonly enteredAt: string;
  readonly leftAt: string | null;
}

export interface RecordFacts {
  readonly variantKey: string;
  /** Won (a deal) or converted (a lead). */
  readonly won: boolean;
  readonly closedAt: string | null;
  readonly createdAt: string;
  readonly visits: readonly StageVisit[];
}

export interface FunnelStage {
  readonly id: string;
  readonly pipelineId: string;
  readonly position: number;
  readonly kind: string;
}

export interface Durations {
  readonly n: number;
  readonly medianDays: number | null;
  readonly meanDays: number | null;
}

export interface Comparison<T> {
  readonly variantKey: string;
  /** null: not enough data for the test. */
  readonly test: (T & { readonly adjustedPValue: number; readonly significant: boolean }) | null;
}

export interface VariantSummary {
  readonly key: string;
  readonly name: string;
  readonly assigned: number;
  readonly won: number;
  readonly winRate: number | null;
  readonly timeToClose: Durations;
}

export interface StageRow {
  readonly stageId: string;
  readonly variants: readonly {
    readonly key: string;
    readonly entered: number;
    readonly advanced: number;
    readonly conversion: number | null;
    readonly timeInStage: Durations;
  }[];
  readonly conversion: readonly Comparison<ProportionTest>[];
  readonly timeInStage: readonly Comparison<RankTest>[];
}

export type Verdict = 'significant' | 'not_significant' | 'not_enough_data';

export interface ExperimentReport {
  readonly controlKey: string;
  readonly variants: readonly VariantSummary[];
  readonly winRate: readonly Comparison<ProportionTest>[];
  readonly timeToClose: readonly Comparison<RankTest>[];
  readonly stages: readonly StageRow[];
  /** On the overall win (conversion) rate, the experiment's primary metric. */
  readonly verdict: Verdict;
}

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

function durations(values: readonly number[]): Durations {
  return { n: values.length, medianDays: median(values), meanDays: mean(values) };
}

/** Runs one test per treatment against the control, then Holm-adjusts the family. */
function compareAll<S, T extends { readonly pValue: number }>(
  samples: readonly S[],
  keys: readonly string[],
  test: (control: S, treatment: S) => T | null,
): Comparison<T>[] {
  const [control, ...treatments] = samples;
  if (control === undefined) return [];
  const raw = treatments.map((sample) => test(control, sample));
  const adjusted = holmAdjust(raw.map((result) => result?.pValue ?? null));
  return raw.map((result, i) => {
    const p = adjusted[i] ?? null;
    return {
      variantKey: keys[i + 1] ?? '',
      test: result && p !== null ? { ...result, adjustedPValue: p, significant: p < ALPHA } : null,
    };
  });
}

/** Whether a record, after first entering `stage`, reached a later stage of its pipeline. */
function advancedFrom(record: RecordFacts, stage: FunnelStage, byId: Map<string, FunnelStage>) {
  const first = record.visits.find((visit) => visit.stageId === stage.id);
  if (!first) return false;
  return record.visits.some((visit) => {
    const to = byId.get(visit.stageId);
    return (
      to !== undefined &&
      to.pipelineId === stage.pipelineId &&
      to.kind !== 'lost' &&
      (to.position > stage.position || to.kind === 'won') &&
      visit.enteredAt >= first.enteredAt
    );
  });
}

/** Days a record spent in a stage it has left: all its finished visits, only if none is open. */
function daysIn(record: RecordFacts, stageId: string): number | null {
  const visits = record.visits.filter((visit) => visit.stageId === stageId);
  if (visits.length === 0 || visits.some((visit) => visit.leftAt === null)) return null;
  return visits.reduce((sum, visit) => sum + days(visit.enteredAt, visit.leftAt ?? ''), 0);
}

export function buildReport(
  variants: readonly Variant[],
  records: readonly RecordFacts[],
  funnel: readonly FunnelStage[],
): ExperimentReport {
  const keys = variants.map((variant) => variant.key);
  const groups = keys.map((key) => records.filter((record) => record.variantKey === key));
  const closeTimes = groups.map((group) =>
    group
      .filter((record) => record.won && record.closedAt !== null)
      .map((record) => days(record.createdAt, record.closedAt ?? '')),
  );
  const summaries: VariantSummary[] = variants.map((variant, i) => {
    const group = groups[i] ?? [];
    const won = group.filter((record) => record.won).length;
    return {
      key: variant.key,
      name: variant.name,
      assigned: group.length,
      won,
      winRate: group.length === 0 ? null : won / group.length,
      timeToClose: durations(closeTimes[i] ?? []),
    };
  });
  const winRate = compareAll(
    summaries.map((s) => ({ successes: s.won, n: s.assigned })),
    keys,
    twoProportionTest,
  );
  const byId = new Map(funnel.map((stage) => [stage.id, stage]));
  const stages = [...funnel]
    .filter((stage) => stage.kind === 'open')
    .sort((x, y) => x.pipelineId.localeCompare(y.pipelineId) || x.position - y.position)
    .map((stage): StageRow => {
      const cells = groups.map((group) => {
        const entered = group.filter((r) => r.visits.some((v) => v.stageId === stage.id));
        const advanced = entered.filter((r) => advancedFrom(r, stage, byId)).length;
        const times = entered
          .map((r) => daysIn(r, stage.id))
          .filter((d): d is number => d !== null);
        return { entered: entered.length, advanced, times };
      });
      return {
        stageId: stage.id,
        variants: cells.map((cell, i) => ({
          key: keys[i] ?? '',
          entered: cell.entered,
          advanced: cell.advanced,
          conversion: cell.entered === 0 ? null : cell.advanced / cell.entered,
          timeInStage: durations(cell.times),
        })),
        conversion: compareAll(
          cells.map((cell) => ({ successes: cell.advanced, n: cell.entered })),
          keys,
          twoProportionTest,
        ),
        timeInStage: compareAll(
          cells.map((cell) => cell.times),
          keys,
          mannWhitneyTest,
        ),
      };
    });
  const tested = winRate.filter((comparison) => comparison.test !== null);
  const verdict: Verdict = winRate.some((comparison) => comparison.test?.significant)
    ? 'significant'
    : tested.length === winRate.length && tested.length > 0
      ? 'not_significant'
      : 'not_enough_data';
  return {
    controlKey: keys[0] ?? '',
    variants: summaries,
    winRate,
    timeToClose: compareAll(closeTimes, keys, mannWhitneyTest),
    stages,
    verdict,
  };
}
