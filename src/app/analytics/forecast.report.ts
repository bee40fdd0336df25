import { z } from 'zod';
import { pastPeriods } from '../../domain/analytics/forecast-periods.js';
import { periodOf } from '../../domain/analytics/period.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { forecastFigures } from '../../store/analytics/forecast.sql.js';
import { pastForecasts } from '../../store/analytics/forecast-history.sql.js';
import { forecastOverrideLines } from './forecast-overrides.js';
import { ForecastResult } from './forecast.schema.js';
import type { ForecastJson } from './forecast.schema.js';
import { defineReport } from './report.js';
import { headers, money, percent, reportHeader, stageName, withStages } from './report-schemas.js';

const word = (locale: Locale, en: string, zh: string) => (locale === 'zh-CN' ? zh : en);

const categoryName: Record<string, [string, string]> = {
  commit: ['commit', '承诺'],
  best_case: ['best case', '最佳情况'],
  pipeline: ['pipeline', '管道'],
};

export const forecastReport = defineReport({
  name: 'forecast',
  summary: 'Forecast: stage-weighted, rep categories, historical and learned, side by side',
  description:
    'The open deals expected to close in the period (expected close date in it, local dates), per open stage, weighed four ways: (a) amount × stage probability; (b) the rep’s forecast category, else the stage’s (commit, best case = commit + best case, pipeline = all but omitted), with managers’ overrides for the period next to the reps’ figures; (c) amount × P(won | stage), the share won among the tenant’s closed deals (every owner, this pipeline and currency) that ever visited the stage, or the stage probability when fewer than `minSample` did; (d) amount × the learned win probability (deals without a prediction are counted, not guessed). Deals won in the period are the closed figure. `history` past periods of the same length compare (a), (b) by stage category and (c), as they stood at each period’s start, with what was won in it.',
  options: z.strictObject({
    history: z.coerce
      .number()
      .int()
      .min(0)
      .max(12)
      .default(4)
      .describe('Past periods of the same length to check against actuals (0–12)'),
    minSample: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(10)
      .describe('Closed deals a stage needs before its own win rate replaces its probability'),
  }),
  result: ForecastResult,
  async run(report, options): Promise<ForecastJson> {
    const { db, scope } = report;
    const { minSample } = options;
    const figures = await forecastFigures(db, scope, { ...scope.period, minSample });
    const past = pastPeriods(scope.period, options.history).map((p) => ({
      ...periodOf(p.from, p.to, scope.timeZone),
      minSample,
    }));
    const history = await pastForecasts(db, scope, past, minSample);
    const rows = withStages(scope.pipeline, figures.stages);
    const total = (pick: (row: (typeof rows)[number]) => number) =>
      rows.reduce((sum, row) => sum + pick(row), 0);
    const closed = figures.closed.amountMinor;
    const stageWeighted = total((r) => r.stageWeightedMinor);
    const historical = total((r) => r.historical.weightedMinor);
    const learned = total((r) => r.learned.weightedMinor);
    return {
      ...reportHeader(scope),
      minSample,
      stages: rows,
      closed: figures.closed,
      totals: {
        count: total((r) => r.count),
        amountMinor: total((r) => r.amountMinor),
        stageWeighted: { openMinor: stageWeighted, totalMinor: stageWeighted + closed },
        categories: {
          commitMinor: total((r) => r.categories.commitMinor),
          bestCaseMinor: total((r) => r.categories.bestCaseMinor),
          pipelineMinor: total((r) => r.categories.pipelineMinor),
          omittedMinor: total((r) => r.categories.omittedMinor),
          closedMinor: closed,
        },
        historical: {
          openMinor: historical,
          totalMinor: historical + closed,
          fallbackStageIds: rows.filter((r) => r.historical.fallback).map((r) => r.stage.stageId),
        },
        learned: {
          openMinor: learned,
          totalMinor: learned + closed,
          scoredCount: total((r) => r.learned.scoredCount),
          unscoredCount: total((r) => r.learned.unscoredCount),
          unscoredAmountMinor: total((r) => r.learned.unscoredAmountMinor),
        },
      },
      overrides: await forecastOverrideLines(report),
      history: {
        periods: history.map((figures, index) => ({
          from: past[index]?.from ?? '',
          to: past[index]?.to ?? '',
          complete: (past[index]?.end ?? '') <= scope.now.toISOString(),
          ...figures,
        })),
        learned: null,
      },
    };
  },
  table(result, locale) {
    const blank = <T>(n: number): (T | null)[] => Array.from({ length: n }, () => null);
    return {
      headers: headers(locale, [
        ['Stage', '阶段'],
        ['Deals', '商机数'],
        ['Amount', '金额'],
        ['(a) Stage-weighted', '(a) 阶段加权'],
        ['(b) Commit', '(b) 承诺'],
        ['(b) Best case', '(b) 最佳情况'],
        ['(b) Pipeline', '(b) 管道'],
        ['(c) Historical', '(c) 历史转化'],
        ['P(won | stage)', '赢单概率(历史)'],
        ['(d) Learned', '(d) 模型预测'],
        ['Unscored deals', '未评分商机'],
        ['Actual won', '实际赢单'],
      ]),
      rows: [
        ...result.stages.map((row) => [
          stageName(row.stage, locale),
          row.count,
          money(row.amountMinor),
          money(row.stageWeightedMinor),
          money(row.categories.commitMinor),
          money(row.categories.bestCaseMinor),
          money(row.categories.pipelineMinor),
          money(row.historical.weightedMinor),
          row.historical.fallback
            ? `${row.stage.probability}% (${word(locale, 'stage probability', '阶段概率')}, n=${row.historical.sampleSize})`
            : `${percent(row.historical.rate) ?? ''} (n=${row.historical.sampleSize})`,
          money(row.learned.weightedMinor),
          row.learned.unscoredCount,
          null,
        ]),
        [
          word(locale, 'Closed (won in period)', '已赢单(本期)'),
          result.closed.count,
          money(result.closed.amountMinor),
          ...blank<string>(8),
          null,
        ],
        [
          word(locale, 'Total (open + closed)', '合计(未结 + 已赢)'),
          result.totals.count + result.closed.count,
          money(result.totals.amountMinor + result.closed.amountMinor),
          money(result.totals.stageWeighted.totalMinor),
          money(result.totals.categories.commitMinor + result.closed.amountMinor),
          money(result.totals.categories.bestCaseMinor + result.closed.amountMinor),
          money(result.totals.categories.pipelineMinor + result.closed.amountMinor),
          money(result.totals.historical.totalMinor),
          null,
          money(result.totals.learned.totalMinor),
          result.totals.learned.unscoredCount,
          null,
        ],
        ...result.overrides.map((line) => {
          const column = ['commit', 'best_case', 'pipeline'].indexOf(line.category);
          const cells = blank<string>(3);
          cells[column] = money(line.amountMinor);
          const [en, zh] = categoryName[line.category] ?? [line.category, line.category];
          return [
            `${word(locale, 'Manager override', '经理调整')}: ${line.subjectName ?? line.subjectId} · ${word(locale, en, zh)} (${word(locale, 'reps', '销售')} ${money(line.repMinor)})`,
            null,
            null,
            null,
            ...cells,
            ...blank<string>(5),
          ];
        }),
        ...result.history.periods.map((period) => [
          `${period.from} – ${period.to} ${word(locale, '(forecast at start)', '(期初预测)')}${period.complete ? '' : word(locale, ' (in progress)', ' (进行中)')}`,
          period.openCount,
          money(period.openAmountMinor),
          money(period.stageWeightedMinor),
          money(period.categories.commitMinor),
          money(period.categories.bestCaseMinor),
          money(period.categories.pipelineMinor),
          money(period.historicalMinor),
          null,
          word(locale, 'not recorded', '无历史记录'),
          null,
          money(period.actual.amountMinor),
        ]),
      ],
    };
  },
});
