import { z } from 'zod';
import { bucketsOf } from '../../domain/analytics/period.js';
import type { Period } from '../../domain/analytics/period.js';
import { stageConversion } from '../../store/analytics/conversion.sql.js';
import { defineReport } from './report.js';
import {
  headers,
  percent,
  ReportHeader,
  reportHeader,
  ReportPeriod,
  stageName,
  StageRef,
  withStages,
} from './report-schemas.js';

/** The counts behind a cohort rate; shared with the people report. */
export const ConversionCounts = {
  cohort: z.number().int().describe('Deals whose first entry into the stage fell in the period'),
  advanced: z
    .number()
    .int()
    .describe('Of the cohort: later entered a higher open stage or won (stage→next)'),
  won: z.number().int().describe('Of the cohort: won now'),
  lost: z.number().int().describe('Of the cohort: lost now'),
  open: z.number().int().describe('Of the cohort: still open'),
  toNext: z.number().nullable().describe('advanced ÷ cohort; null for an empty cohort'),
  toWon: z.number().nullable().describe('won ÷ cohort; null for an empty cohort'),
};

export const ConversionGrain = z.enum(['none', 'month', 'quarter']);

const ConversionResult = z
  .object({
    ...ReportHeader,
    grain: ConversionGrain,
    buckets: z.array(
      z.object({
        period: ReportPeriod.describe('The cohort bucket (local dates), by first entry'),
        stages: z.array(z.object({ stage: StageRef, ...ConversionCounts })),
      }),
    ),
  })
  .meta({ id: 'ConversionReport' });

export const conversionReport = defineReport({
  name: 'conversion',
  summary: 'Conversion: stage→next and stage→won rates by cohort, with the counts behind them',
  description:
    'Per open stage, the cohort of deals whose first entry into the stage fell in the period (re-entries never count twice), how many of them later reached a higher open stage or won (stage→next), and how many are now won, lost or still open (stage→won = won ÷ cohort). With `grain` month or quarter, the same per cohort bucket, a deal falling in the bucket of its first entry.',
  options: z.strictObject({
    grain: ConversionGrain.default('none').describe('Cohort buckets: none, month or quarter'),
  }),
  result: ConversionResult,
  async run({ db, scope }, options) {
    const periods: Period[] =
      options.grain === 'none'
        ? [scope.period]
        : bucketsOf(scope.period, options.grain, scope.timeZone);
    const figures = await stageConversion(db, scope, periods);
    return {
      ...reportHeader(scope),
      grain: options.grain,
      buckets: figures.map((bucket, index) => ({
        period: { from: periods[index]?.from ?? '', to: periods[index]?.to ?? '' },
        stages: withStages(scope.pipeline, bucket.stages),
      })),
    };
  },
  table(result, locale) {
    return {
      headers: headers(locale, [
        ['From', '开始'],
        ['To', '结束'],
        ['Stage', '阶段'],
        ['Cohort', '进入数'],
        ['Advanced', '推进数'],
        ['Stage→next', '阶段转化率'],
        ['Won', '赢单数'],
        ['Lost', '输单数'],
        ['Open', '仍在跟进'],
        ['Stage→won', '赢单转化率'],
      ]),
      rows: result.buckets.flatMap((bucket) =>
        bucket.stages.map((row) => [
          bucket.period.from,
          bucket.period.to,
          stageName(row.stage, locale),
          row.cohort,
          row.advanced,
          percent(row.toNext),
          row.won,
          row.lost,
          row.open,
          percent(row.toWon),
        ]),
      ),
    };
  },
});
