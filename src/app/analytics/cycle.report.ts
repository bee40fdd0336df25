import { z } from 'zod';
import { secondsAsDays } from '../../domain/analytics/percentiles.js';
import { cycleFigures } from '../../store/analytics/cycle.sql.js';
import { SecondsSummary, secondsSummary } from './dwell.report.js';
import { defineReport } from './report.js';
import { headers, ReportHeader, reportHeader } from './report-schemas.js';

const Cycle = z.object(SecondsSummary);

const CycleResult = z
  .object({
    ...ReportHeader,
    won: Cycle.describe('Created → closed for the deals won in the period'),
    lost: Cycle.describe('Created → closed for the deals lost in the period'),
  })
  .meta({ id: 'CycleReport' });

export const cycleReport = defineReport({
  name: 'cycle',
  summary: 'Sales cycle: created → closed for won and for lost deals (mean, median, p75, p90)',
  description:
    'For the deals won in the period and, separately, those lost in it (by close instant): how many, and the time from creation to close — total, mean, and nearest-rank median, p75 and p90, in seconds. Close-date slippage is the `slippage` report.',
  options: z.strictObject({}),
  result: CycleResult,
  async run({ db, scope }) {
    const figures = await cycleFigures(db, scope, scope.period);
    return {
      ...reportHeader(scope),
      won: secondsSummary(figures.won),
      lost: secondsSummary(figures.lost),
    };
  },
  table(result, locale) {
    const row = (label: string, cycle: z.output<typeof Cycle>) => [
      label,
      cycle.n,
      secondsAsDays(cycle.meanSeconds),
      secondsAsDays(cycle.medianSeconds),
      secondsAsDays(cycle.p75Seconds),
      secondsAsDays(cycle.p90Seconds),
    ];
    return {
      headers: headers(locale, [
        ['Outcome', '结果'],
        ['Deals', '商机数'],
        ['Mean days', '平均天数'],
        ['Median days', '中位天数'],
        ['P75 days', 'P75 天数'],
        ['P90 days', 'P90 天数'],
      ]),
      rows: [
        row(locale === 'zh-CN' ? '赢单' : 'Won', result.won),
        row(locale === 'zh-CN' ? '输单' : 'Lost', result.lost),
      ],
    };
  },
});
