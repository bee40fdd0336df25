import { z } from 'zod';
import { secondsAsDays } from '../../domain/analytics/percentiles.js';
import { stageDwellFigures } from '../../store/analytics/dwell.sql.js';
import { defineReport } from './report.js';
import {
  headers,
  ReportHeader,
  reportHeader,
  stageName,
  StageRef,
  stageRef,
} from './report-schemas.js';

/** Seconds summaries, shared with the cycle and people reports. */
export const SecondsSummary = {
  n: z.number().int(),
  totalSeconds: z.number().int(),
  meanSeconds: z.number().int().nullable().describe('Rounded to whole seconds; null when n = 0'),
  medianSeconds: z.number().int().nullable().describe('Nearest rank'),
  p75Seconds: z.number().int().nullable().describe('Nearest rank'),
  p90Seconds: z.number().int().nullable().describe('Nearest rank'),
};

export function secondsSummary(summary: {
  n: number;
  total: number;
  mean: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
}) {
  return {
    n: summary.n,
    totalSeconds: summary.total,
    meanSeconds: summary.mean,
    medianSeconds: summary.median,
    p75Seconds: summary.p75,
    p90Seconds: summary.p90,
  };
}

const DwellResult = z
  .object({
    ...ReportHeader,
    stages: z.array(
      z.object({
        stage: StageRef,
        ...SecondsSummary,
        reentries: z
          .number()
          .int()
          .describe('Of the n visits: re-entries (the deal had been in the stage before)'),
        expectedDwellDays: z
          .number()
          .nullable()
          .describe('The stage’s expected dwell, days (pipeline settings), for comparison'),
      }),
    ),
  })
  .meta({ id: 'DwellReport' });

export const dwellReport = defineReport({
  name: 'dwell',
  summary: 'Dwell: how long deals stay in each stage (mean, median, p75, p90), re-entries counted',
  description:
    'Per open stage, over the stage visits that ended in the period (re-entries included, each visit counted): how many, total, mean, and nearest-rank median, p75 and p90 in seconds; how many of those visits were re-entries; and the stage’s expected dwell in days for comparison.',
  options: z.strictObject({}),
  result: DwellResult,
  async run({ db, scope }) {
    const figures = await stageDwellFigures(db, scope, scope.period);
    const stages = new Map(scope.pipeline.stages.map((stage) => [stage.id, stage]));
    return {
      ...reportHeader(scope),
      stages: figures.flatMap((row) => {
        const stage = stages.get(row.stageId);
        if (!stage) return [];
        return [
          {
            stage: stageRef(stage),
            ...secondsSummary(row),
            reentries: row.reentries,
            expectedDwellDays: stage.expectedDwellDays,
          },
        ];
      }),
    };
  },
  table(result, locale) {
    return {
      headers: headers(locale, [
        ['Stage', '阶段'],
        ['Visits', '停留次数'],
        ['Re-entries', '重复进入'],
        ['Mean days', '平均天数'],
        ['Median days', '中位天数'],
        ['P75 days', 'P75 天数'],
        ['P90 days', 'P90 天数'],
        ['Expected days', '预期天数'],
      ]),
      rows: result.stages.map((row) => [
        stageName(row.stage, locale),
        row.n,
        row.reentries,
        secondsAsDays(row.meanSeconds),
        secondsAsDays(row.medianSeconds),
        secondsAsDays(row.p75Seconds),
        secondsAsDays(row.p90Seconds),
        row.expectedDwellDays,
      ]),
    };
  },
});
