import { z } from 'zod';
import { addDays, startOfLocalDate } from '../../domain/analytics/period.js';
import { monthsBefore, reverseFunnel } from '../../domain/analytics/reverse-funnel.js';
import { MAX_AMOUNT_MINOR } from '../../domain/money.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { reverseFunnelInputs } from '../../store/analytics/reverse-funnel.sql.js';
import { defineReport } from './report.js';
import {
  headers,
  money,
  percent,
  ReportHeader,
  reportHeader,
  ReportPeriod,
  stageName,
  StageRef,
  withStages,
} from './report-schemas.js';
import { headlineTarget } from './targets-in-scope.js';

const ReverseFunnelResult = z
  .object({
    ...ReportHeader,
    targetMinor: z.number().int().describe('The revenue planned for'),
    targetSource: z
      .enum(['option', 'targets'])
      .describe('option: given as `target`; targets: the sum of the targets in scope'),
    lookback: ReportPeriod.describe('Where deal size and conversion rates come from'),
    won: z.object({ count: z.number().int(), amountMinor: z.number().int() }),
    averageWonMinor: z.number().int().nullable(),
    dealsToWin: z.number().int().nullable().describe('Won deals the target takes'),
    stages: z.array(
      z.object({
        stage: StageRef,
        cohort: z.number().int().describe('Look-back cohort of the stage (first entries)'),
        advanced: z.number().int(),
        rate: z.number().nullable().describe('Stage→next: advanced ÷ cohort'),
        pathRate: z.number().nullable().describe('Π of the rates from here to won'),
        status: z
          .enum(['ok', 'unreachable', 'no_data'])
          .describe('unreachable: a rate on the way to won is zero; no_data: one is unknown'),
        neededDeals: z.number().int().nullable().describe('target ÷ deal size ÷ pathRate, up'),
        openDeals: z.number().int().describe('Open deals in the stage now'),
        openAmountMinor: z.number().int(),
        gap: z.number().int().nullable().describe('needed − open (negative: enough)'),
      }),
    ),
  })
  .meta({ id: 'ReverseFunnelReport' });

export const reverseFunnelReport = defineReport({
  name: 'reverse-funnel',
  summary: 'Reverse funnel: deals each stage needs now to reach a revenue target, and the gap',
  description:
    'From a revenue target (`target`, minor units; default: the targets in scope for the period, pro-rated, each subject once), the average won deal size over the `lookbackMonths` before the period (default 12) and each open stage’s stage→next conversion over the same months (the conversion report’s cohorts): how many deals each stage needs now (target ÷ deal size ÷ product of the rates to won, rounded up), the open deals standing there now and the gap. A zero rate on the way makes a stage unreachable.',
  options: z.strictObject({
    target: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_AMOUNT_MINOR)
      .optional()
      .describe('Revenue target in minor units; default: the targets in scope'),
    lookbackMonths: z.coerce
      .number()
      .int()
      .min(1)
      .max(120)
      .default(12)
      .describe('Months before the period that size deals and rate stages'),
  }),
  result: ReverseFunnelResult,
  async run(report, options) {
    const { db, scope } = report;
    const from = monthsBefore(scope.period.from, options.lookbackMonths);
    const lookback = { start: startOfLocalDate(from, scope.timeZone), end: scope.period.start };
    const inputs = await reverseFunnelInputs(db, scope, lookback);
    const targetMinor = options.target ?? (await headlineTarget(report));
    const funnel = reverseFunnel({ targetMinor, ...inputs });
    return {
      ...reportHeader(scope),
      targetMinor,
      targetSource: options.target === undefined ? ('targets' as const) : ('option' as const),
      lookback: { from, to: addDays(scope.period.from, -1) },
      won: inputs.won,
      averageWonMinor: funnel.averageWonMinor,
      dealsToWin: funnel.dealsToWin,
      stages: withStages(scope.pipeline, funnel.stages),
    };
  },
  table(result, locale) {
    return {
      headers: headers(locale, [
        ['Stage', '阶段'],
        ['Stage→next', '阶段转化率'],
        ['To won', '至赢单'],
        ['Needed', '所需商机数'],
        ['Open now', '现有商机数'],
        ['Gap', '缺口'],
        ['Status', '状态'],
      ]),
      rows: [
        ...result.stages.map((row) => [
          stageName(row.stage, locale),
          percent(row.rate),
          percent(row.pathRate),
          row.neededDeals,
          row.openDeals,
          row.gap,
          statusText(row.status, locale),
        ]),
        [
          locale === 'zh-CN' ? '目标' : 'Target',
          money(result.targetMinor),
          locale === 'zh-CN' ? '平均赢单金额' : 'Average won deal',
          result.averageWonMinor === null ? null : money(result.averageWonMinor),
          locale === 'zh-CN' ? '需赢单数' : 'Deals to win',
          result.dealsToWin,
          null,
        ],
      ],
    };
  },
});

function statusText(status: 'ok' | 'unreachable' | 'no_data', locale: Locale): string {
  const texts = {
    ok: ['ok', '可达'],
    unreachable: ['unreachable (a rate is 0)', '不可达（转化率为 0）'],
    no_data: ['no data', '数据不足'],
  } as const;
  return texts[status][locale === 'zh-CN' ? 1 : 0];
}
