import { z } from 'zod';
import { bucketsOf } from '../../domain/analytics/period.js';
import {
  lastSnapshotPerBucket,
  metricOf,
  trendGrains,
  trendMetrics,
} from '../../domain/analytics/trend.js';
import type { TrendCell } from '../../domain/analytics/trend.js';
import { snapshotCells, snapshotDates } from '../../store/analytics/trend.sql.js';
import { defineReport } from './report.js';
import {
  headers,
  money,
  ReportHeader,
  reportHeader,
  stageName,
  StageRef,
  stageRef,
} from './report-schemas.js';

const Cell = {
  count: z.number().int(),
  amountMinor: z.number().int(),
  weightedMinor: z.number().int(),
};

const TrendResult = z
  .object({
    ...ReportHeader,
    grain: z.enum(trendGrains),
    metric: z.enum(trendMetrics).describe('The figure the table shows; the JSON has all three'),
    stages: z.array(StageRef).describe('The pipeline’s open stages, in order'),
    buckets: z.array(
      z.object({
        from: z.string().describe('First local date of the bucket (clipped to the period)'),
        to: z.string(),
        snapshotDate: z
          .string()
          .nullable()
          .describe('The last snapshot taken in the bucket, whose figures these are; null: none'),
        ...Cell,
        stages: z.array(z.object({ stageId: z.string(), ...Cell })),
        forecastCategories: z.array(z.object({ category: z.string(), ...Cell })),
      }),
    ),
  })
  .meta({ id: 'TrendReport' });

const zero = (): { count: number; amountMinor: number; weightedMinor: number } => ({
  count: 0,
  amountMinor: 0,
  weightedMinor: 0,
});
const addTo = (sum: ReturnType<typeof zero>, cell: TrendCell) => {
  sum.count += cell.count;
  sum.amountMinor += cell.amountMinor;
  sum.weightedMinor += cell.weightedMinor;
};

export const trendReport = defineReport({
  name: 'trend',
  summary: 'Trend: the open pipeline over time, from the daily snapshots',
  description:
    'Per day, week or month of the period, the open pipeline as the last daily snapshot taken in the bucket recorded it: deal count, amount and probability-weighted amount, in total, per open stage and per forecast category (the deal’s own, else its stage’s). Owner and team filters apply; visibility applies by owner — deals shared with the reader through the opportunity team are not reflected, since snapshots are kept per owner. Buckets without a snapshot have none (snapshotDate null).',
  options: z.strictObject({
    grain: z.enum(trendGrains).default('week').describe('Bucket size; default week'),
    metric: z.enum(trendMetrics).default('amount').describe('What the table shows; default amount'),
  }),
  result: TrendResult,
  async run({ db, scope }, options) {
    const { period, timeZone } = scope;
    const picked = lastSnapshotPerBucket(
      bucketsOf(period, options.grain, timeZone),
      await snapshotDates(db, scope.tenantId, period.from, period.to),
    );
    const dates = picked.flatMap(({ snapshotDate }) => (snapshotDate ? [snapshotDate] : []));
    const cells = await snapshotCells(db, scope, dates);
    const open = scope.pipeline.stages.filter((stage) => stage.kind === 'open');
    return {
      ...reportHeader(scope),
      grain: options.grain,
      metric: options.metric,
      stages: open.map(stageRef),
      buckets: picked.map(({ bucket, snapshotDate }) => {
        const total = zero();
        const byStage = new Map(open.map((stage) => [stage.id, zero()]));
        const byCategory = new Map<string, ReturnType<typeof zero>>();
        for (const cell of cells) {
          if (cell.snapshotDate !== snapshotDate) continue;
          const stage = byStage.get(cell.stageId);
          if (!stage) continue; // A stage no longer open in the pipeline's definition.
          addTo(total, cell);
          addTo(stage, cell);
          const category = byCategory.get(cell.forecastCategory) ?? zero();
          addTo(category, cell);
          byCategory.set(cell.forecastCategory, category);
        }
        return {
          from: bucket.from,
          to: bucket.to,
          snapshotDate,
          ...total,
          stages: [...byStage].map(([stageId, sum]) => ({ stageId, ...sum })),
          forecastCategories: [...byCategory]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([category, sum]) => ({ category, ...sum })),
        };
      }),
    };
  },
  table(result, locale) {
    const show = (cell: TrendCell) => {
      const value = metricOf(cell, result.metric);
      return result.metric === 'count' ? value : money(value);
    };
    return {
      headers: [
        ...headers(locale, [
          ['From', '起始日'],
          ['Snapshot', '快照日'],
        ]),
        ...result.stages.map((stage) => stageName(stage, locale)),
        ...headers(locale, [['Total', '合计']]),
      ],
      rows: result.buckets.map((bucket) => [
        bucket.from,
        bucket.snapshotDate,
        ...bucket.stages.map((cell) => (bucket.snapshotDate === null ? null : show(cell))),
        bucket.snapshotDate === null ? null : show(bucket),
      ]),
    };
  },
});
