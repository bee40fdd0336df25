import { z } from 'zod';
import { addDays, isCalendarDate, startOfLocalDate } from '../../domain/analytics/period.js';
import { DomainError } from '../../domain/errors.js';
import { funnelFigures } from '../../store/analytics/funnel.sql.js';
import { defineReport } from './report.js';
import {
  headers,
  LocalDate,
  money,
  ReportHeader,
  reportHeader,
  stageName,
  StageRef,
  withStages,
} from './report-schemas.js';

const Closed = z.object({ count: z.number().int(), amountMinor: z.number().int() });

const FunnelResult = z
  .object({
    ...ReportHeader,
    asOf: z.string().describe('The standing funnel is as of the end of this local date'),
    stages: z.array(
      z.object({
        stage: StageRef,
        count: z.number().int().describe('Open deals in the stage at the end of asOf'),
        amountMinor: z.number().int().describe('Their amounts as they were then'),
        weightedMinor: z.number().int().describe('Amount × stage probability'),
        reachedCount: z
          .number()
          .int()
          .describe('Deals created in the period that got at least this far'),
        reachedAmountMinor: z.number().int(),
      }),
    ),
    won: Closed.describe('Deals won in the period'),
    lost: Closed.describe('Deals lost in the period'),
  })
  .meta({ id: 'FunnelReport' });

export const funnelReport = defineReport({
  name: 'funnel',
  summary: 'Funnel: open deals per stage now or as of a date, and how far the period’s deals got',
  description:
    'Per open stage: the deals standing in it at the end of `asOf` (default: today), with their amounts as they were then (from stage history and amount changes) and the probability-weighted amount; how many of the deals created in the period reached the stage or beyond; and the deals won and lost in the period.',
  options: z.strictObject({
    asOf: LocalDate.optional().describe('Local date; default today'),
  }),
  result: FunnelResult,
  async run({ db, scope }, options) {
    const asOf = options.asOf ?? scope.today;
    if (!isCalendarDate(asOf))
      throw new DomainError('validation_failed', {}, [
        { path: 'asOf', code: 'invalid_date', message: 'asOf must be a date (YYYY-MM-DD)' },
      ]);
    const at = startOfLocalDate(addDays(asOf, 1), scope.timeZone);
    const figures = await funnelFigures(
      db,
      scope,
      { at, start: scope.period.start, end: scope.period.end },
      // From the end of today on, the deals' own rows are the answer: no history to read.
      { standingNow: at >= scope.now.toISOString() },
    );
    return {
      ...reportHeader(scope),
      asOf,
      stages: withStages(scope.pipeline, figures.stages),
      won: figures.won,
      lost: figures.lost,
    };
  },
  table(result, locale) {
    return {
      headers: headers(locale, [
        ['Stage', '阶段'],
        ['Deals', '商机数'],
        ['Amount', '金额'],
        ['Weighted', '加权金额'],
        ['Reached', '到达数'],
        ['Reached amount', '到达金额'],
      ]),
      rows: [
        ...result.stages.map((row) => [
          stageName(row.stage, locale),
          row.count,
          money(row.amountMinor),
          money(row.weightedMinor),
          row.reachedCount,
          money(row.reachedAmountMinor),
        ]),
        [
          locale === 'zh-CN' ? '赢单' : 'Won',
          result.won.count,
          money(result.won.amountMinor),
          null,
          null,
          null,
        ],
        [
          locale === 'zh-CN' ? '输单' : 'Lost',
          result.lost.count,
          money(result.lost.amountMinor),
          null,
          null,
          null,
        ],
      ],
    };
  },
});
