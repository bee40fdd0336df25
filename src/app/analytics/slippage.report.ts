import { z } from 'zod';
import type { DirectionFigures } from '../../domain/analytics/slippage.js';
import { slippageFigures } from '../../store/analytics/slippage.sql.js';
import { defineReport } from './report.js';
import { headers, ReportHeader, reportHeader } from './report-schemas.js';

const Direction = z.object({
  changes: z.number().int().describe('Close-date changes in this direction made in the period'),
  deals: z.number().int().describe('Distinct deals with at least one such change'),
  changesPerDeal: z.number().nullable().describe('changes ÷ deals, two decimals'),
  totalDays: z.number().int().describe('Days moved, all changes together'),
  meanDays: z.number().nullable().describe('Per change, one decimal'),
  medianDays: z.number().int().nullable().describe('Per change, nearest rank'),
  p75Days: z.number().int().nullable(),
  p90Days: z.number().int().nullable(),
});

const SlippageResult = z
  .object({
    ...ReportHeader,
    pushed: Direction.describe('Expected close date moved later: the deal slipped'),
    pulled: Direction.describe('Expected close date moved earlier'),
  })
  .meta({ id: 'SlippageReport' });

function direction(figures: DirectionFigures): z.output<typeof Direction> {
  return {
    changes: figures.days.n,
    deals: figures.deals,
    changesPerDeal: figures.perDeal,
    totalDays: figures.days.total,
    meanDays: figures.days.mean,
    medianDays: figures.days.median,
    p75Days: figures.days.p75,
    p90Days: figures.days.p90,
  };
}

export const slippageReport = defineReport({
  name: 'slippage',
  summary: 'Close-date slippage: how often and how far expected close dates were pushed or pulled',
  description:
    'Over the expected close-date changes made in the period: pushes (the date moved later) and pulls (earlier), each with the number of changes, distinct deals, changes per deal, and the days moved — total, mean, and nearest-rank median, p75 and p90 per change. Changes to or from no date are not counted.',
  options: z.strictObject({}),
  result: SlippageResult,
  async run({ db, scope }) {
    const figures = await slippageFigures(db, scope, scope.period);
    return {
      ...reportHeader(scope),
      pushed: direction(figures.pushes),
      pulled: direction(figures.pulls),
    };
  },
  table(result, locale) {
    const row = (label: string, figures: z.output<typeof Direction>) => [
      label,
      figures.changes,
      figures.deals,
      figures.changesPerDeal,
      figures.totalDays,
      figures.meanDays,
      figures.medianDays,
      figures.p75Days,
      figures.p90Days,
    ];
    return {
      headers: headers(locale, [
        ['Direction', '方向'],
        ['Changes', '变更次数'],
        ['Deals', '商机数'],
        ['Changes per deal', '每商机次数'],
        ['Total days', '合计天数'],
        ['Mean days', '平均天数'],
        ['Median days', '中位天数'],
        ['P75 days', 'P75 天数'],
        ['P90 days', 'P90 天数'],
      ]),
      rows: [
        row(locale === 'zh-CN' ? '推迟' : 'Pushed out', result.pushed),
        row(locale === 'zh-CN' ? '提前' : 'Pulled in', result.pulled),
      ],
    };
  },
});
