import { z } from 'zod';
import { MIN_CLOSED_DEALS } from '../../domain/analytics/win-model/training.js';
import { closedDealCount, winDistribution } from '../../store/analytics/win-distribution.sql.js';
import { defineReport } from './report.js';
import { headers, money, ReportHeader, reportHeader } from './report-schemas.js';
import { activeWinModel } from './win-probability.service.js';
import { WinModelMetricsSchema } from './win-model.schema.js';

const OpenBand = z.object({
  fromBp: z.number().int(),
  toBp: z.number().int(),
  count: z.number().int().describe('Open deals in scope whose learned probability is in the band'),
  amountMinor: z.number().int(),
  weightedMinor: z.number().int().describe('Amount × learned probability'),
});

const WinModelResult = z
  .object({
    ...ReportHeader,
    minimumClosedDeals: z.number().int().describe('Closed deals needed before a model is trained'),
    closedDeals: z.number().int().describe('Closed deals of the pipeline (the whole tenant’s)'),
    model: z
      .object({
        id: z.string(),
        algorithm: z.string(),
        trainedAt: z.string(),
        sampleSize: z.number().int().describe('Closed deals read: training plus held out'),
        metrics: WinModelMetricsSchema,
      })
      .nullable()
      .describe('The pipeline’s active model; null until one could be trained'),
    openDeals: z.object({
      scored: z.number().int(),
      unscored: z.number().int().describe('Open deals in scope the active model has not scored'),
      meanProbabilityBp: z.number().int().nullable(),
      amountMinor: z.number().int(),
      weightedMinor: z.number().int(),
      bands: z.array(OpenBand),
    }),
  })
  .meta({ id: 'WinModelReport' });

type Result = z.output<typeof WinModelResult>;

const pct = (bp: number | null) => (bp === null ? null : `${(bp / 100).toFixed(1)}%`);

export const winModelReport = defineReport({
  name: 'win-model',
  summary: 'Learned win probability: accuracy on held-out deals, and how open deals score',
  description:
    'The pipeline’s active win model (naive Bayes over stage, source, industry, account size, main product, owner, age in stage and activity count, trained daily on the tenant’s closed deals): its Brier score on the ~20% of closed deals held out from training, against the stage probabilities and the plain win rate, and its calibration — per 10% band of predicted probability, the mean prediction against the share actually won, with counts. Then the open deals in scope per band of learned probability, with amounts and the probability-weighted amount. The period does not apply: the model describes the history it was trained on, and open deals stand as of now.',
  options: z.strictObject({}),
  result: WinModelResult,
  async run({ db, scope, app }) {
    const model = await activeWinModel(app, scope.tenantId, scope.pipelineId);
    const rows = await winDistribution(db, scope, model?.id ?? null);
    const scoredRows = rows.filter((row) => row.band !== null);
    const sum = (pick: (row: (typeof rows)[number]) => number, of = rows) =>
      of.reduce((total, row) => total + pick(row), 0);
    const scored = sum((row) => row.count, scoredRows);
    return {
      ...reportHeader(scope),
      minimumClosedDeals: MIN_CLOSED_DEALS,
      closedDeals: await closedDealCount(db, scope.tenantId, scope.pipelineId),
      model: model && {
        id: model.id,
        algorithm: model.algorithm,
        trainedAt: model.trainedAt,
        sampleSize: model.sampleSize,
        metrics: model.metrics,
      },
      openDeals: {
        scored,
        unscored: sum((row) => row.count) - scored,
        meanProbabilityBp: scored === 0 ? null : Math.round(sum((row) => row.sumBp) / scored),
        amountMinor: sum((row) => row.amountMinor),
        weightedMinor: Math.round(sum((row) => row.amountTimesBp) / 10_000),
        bands: Array.from({ length: 10 }, (_, band) => {
          const row = scoredRows.find((candidate) => candidate.band === band);
          return {
            fromBp: band * 1_000,
            toBp: (band + 1) * 1_000,
            count: row?.count ?? 0,
            amountMinor: row?.amountMinor ?? 0,
            weightedMinor: Math.round((row?.amountTimesBp ?? 0) / 10_000),
          };
        }),
      },
    };
  },
  table(result: Result, locale) {
    const zh = locale === 'zh-CN';
    const calibration = result.model?.metrics.bands ?? [];
    const metrics = result.model?.metrics;
    const brier = (label: [string, string], value: number | null | undefined) => [
      zh ? label[1] : label[0],
      value === null || value === undefined ? null : value.toFixed(4),
      null,
      null,
      null,
      null,
      null,
      null,
    ];
    return {
      headers: headers(locale, [
        ['Probability band', '概率区间'],
        ['Held-out deals', '留出商机数'],
        ['Held-out won', '留出赢单数'],
        ['Predicted', '预测均值'],
        ['Actual', '实际赢率'],
        ['Open deals', '未关闭商机数'],
        ['Open amount', '未关闭金额'],
        ['Weighted', '加权金额'],
      ]),
      rows: [
        ...result.openDeals.bands.map((band, i) => {
          const held = calibration[i];
          return [
            `${band.fromBp / 100}–${band.toBp / 100}%`,
            held?.count ?? null,
            held?.wins ?? null,
            pct(held?.predictedMeanBp ?? null),
            pct(held?.actualShareBp ?? null),
            band.count,
            money(band.amountMinor),
            money(band.weightedMinor),
          ];
        }),
        [
          zh ? '未打分' : 'Not scored',
          null,
          null,
          null,
          null,
          result.openDeals.unscored,
          null,
          null,
        ],
        brier(['Brier (model)', 'Brier（模型）'], metrics?.brier),
        brier(['Brier (stage probability)', 'Brier（阶段概率）'], metrics?.stageBaselineBrier),
        brier(['Brier (win rate)', 'Brier（基准赢率）'], metrics?.baseRateBrier),
      ],
    };
  },
});
