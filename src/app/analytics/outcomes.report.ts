import { z } from 'zod';
import { daysInPeriod, outcomesFrom } from '../../domain/analytics/outcomes.js';
import { DomainError } from '../../domain/errors.js';
import type { Stage } from '../../domain/pipeline/pipeline.js';
import { outcomeFactors } from '../../store/analytics/outcomes.sql.js';
import { defineReport } from './report.js';
import {
  headers,
  money,
  percent,
  ReportHeader,
  reportHeader,
  stageName,
  StageRef,
  stageRef,
} from './report-schemas.js';

const int = () => z.number().int();
const orNull = () => z.number().int().nullable();

const OutcomesResult = z
  .object({
    ...ReportHeader,
    periodDays: int().describe('Local calendar days in the period'),
    winRate: z.object({
      won: int().describe('Deals won in the period'),
      lost: int().describe('Deals lost in the period'),
      closed: int(),
      rate: z.number().nullable().describe('won ÷ closed; null when none closed'),
    }),
    wonSize: z.object({
      count: int(),
      totalMinor: int(),
      averageMinor: orNull().describe('Mean won amount, rounded to the minor unit'),
      medianMinor: orNull().describe('Nearest-rank median won amount'),
      p75Minor: orNull(),
      p90Minor: orNull(),
    }),
    acv: z.object({
      amountMinor: orNull().describe(
        'Until contracts carry terms: every won deal is taken as a 12-month contract, so ACV = average won amount',
      ),
      assumedTermMonths: int(),
      annualisedWonMinor: int().describe('Won amount per 365 days of the period'),
    }),
    cycle: z.object({
      count: int().describe('Won deals measured (created → closed)'),
      averageSeconds: orNull(),
      averageDays: z.number().nullable(),
      medianSeconds: orNull(),
    }),
    velocity: z.object({
      qualifiedFrom: StageRef.describe('Open deals at or beyond this stage count as qualified'),
      openQualified: int().describe('Open deals now at or beyond qualifiedFrom'),
      openQualifiedAmountMinor: int(),
      winRate: z.number().nullable(),
      averageWonMinor: orNull(),
      averageCycleDays: z.number().nullable(),
      perDayMinor: orNull().describe(
        'open qualified × win rate × average won ÷ average cycle days; null without a won deal',
      ),
      perPeriodMinor: orNull().describe('perDayMinor × periodDays'),
    }),
  })
  .meta({ id: 'OutcomesReport' });

/** The qualifying stage: the option's open stage, else the second open stage (or the first). */
function qualifyingStage(stages: readonly Stage[], key: string | undefined): Stage {
  const open = stages
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position);
  const found = key === undefined ? (open[1] ?? open[0]) : open.find((stage) => stage.key === key);
  if (!found)
    throw new DomainError('validation_failed', {}, [
      {
        path: 'qualifiedFrom',
        code: 'unknown_stage',
        message: 'qualifiedFrom must be the key of an open stage of the pipeline',
      },
    ]);
  return found;
}

export const outcomesReport = defineReport({
  name: 'outcomes',
  summary: 'Outcomes: win rate, won deal size, ACV and sales velocity',
  description:
    'Over the deals closed in the period: win rate (won ÷ closed, with the counts), the average and nearest-rank median won amount, ACV (every won deal taken as a 12-month contract until contract terms exist, so ACV equals the average won amount; plus the won amount annualised over the period), the sales cycle (created → closed) of the won deals, and sales velocity = open qualified deals × win rate × average won amount ÷ average cycle days, per day and over the period, with each factor so a change can be explained. Qualified = open deals now in an open stage at or beyond `qualifiedFrom` (default: the second open stage).',
  options: z.strictObject({
    qualifiedFrom: z
      .string()
      .min(1)
      .optional()
      .describe('Stage key; open deals at or beyond it are qualified. Default: second open stage'),
  }),
  result: OutcomesResult,
  async run({ db, scope }, options) {
    const from = qualifyingStage(scope.pipeline.stages, options.qualifiedFrom);
    const factors = await outcomeFactors(db, scope, {
      start: scope.period.start,
      end: scope.period.end,
      qualifiedFromPosition: from.position,
    });
    const f = outcomesFrom(factors, daysInPeriod(scope.period.from, scope.period.to));
    return {
      ...reportHeader(scope),
      periodDays: f.periodDays,
      winRate: { won: f.won, lost: f.lost, closed: f.closed, rate: f.winRate },
      wonSize: {
        count: f.wonAmounts.n,
        totalMinor: f.wonAmounts.total,
        averageMinor: f.wonAmounts.mean,
        medianMinor: f.wonAmounts.median,
        p75Minor: f.wonAmounts.p75,
        p90Minor: f.wonAmounts.p90,
      },
      acv: {
        amountMinor: f.acvMinor,
        assumedTermMonths: 12,
        annualisedWonMinor: f.annualisedWonMinor,
      },
      cycle: {
        count: f.wonCycles.n,
        averageSeconds: f.wonCycles.mean,
        averageDays: f.averageCycleDays,
        medianSeconds: f.wonCycles.median,
      },
      velocity: {
        qualifiedFrom: stageRef(from),
        openQualified: f.openQualified,
        openQualifiedAmountMinor: f.openQualifiedAmountMinor,
        winRate: f.winRate,
        averageWonMinor: f.wonAmounts.mean,
        averageCycleDays: f.averageCycleDays,
        perDayMinor: f.velocityPerDayMinor,
        perPeriodMinor: f.velocityPerPeriodMinor,
      },
    };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    const m = (value: number | null) => (value === null ? null : money(value));
    const from = stageName(result.velocity.qualifiedFrom, locale);
    const rows: [string, string, string | number | null][] = [
      ['Won', '赢单数', result.winRate.won],
      ['Lost', '输单数', result.winRate.lost],
      ['Win rate', '赢率', percent(result.winRate.rate)],
      ['Won amount', '赢单金额', money(result.wonSize.totalMinor)],
      ['Average won deal', '平均赢单金额', m(result.wonSize.averageMinor)],
      ['Median won deal', '赢单金额中位数', m(result.wonSize.medianMinor)],
      ['ACV (12-month terms assumed)', 'ACV（按 12 个月合同估算）', m(result.acv.amountMinor)],
      ['Won amount annualised', '年化赢单金额', money(result.acv.annualisedWonMinor)],
      ['Average sales cycle (days)', '平均销售周期（天）', result.cycle.averageDays],
      [
        `Open qualified deals (from ${from})`,
        `合格在手商机（${from} 及以后）`,
        result.velocity.openQualified,
      ],
      ['Open qualified amount', '合格在手金额', money(result.velocity.openQualifiedAmountMinor)],
      ['Sales velocity per day', '销售速度（每天）', m(result.velocity.perDayMinor)],
      [
        `Sales velocity per period (${result.periodDays} days)`,
        `销售速度（本期 ${result.periodDays} 天）`,
        m(result.velocity.perPeriodMinor),
      ],
    ];
    return {
      headers: headers(locale, [
        ['Figure', '指标'],
        ['Value', '数值'],
      ]),
      rows: rows.map(([en, zhText, value]) => [zh ? zhText : en, value]),
    };
  },
});
