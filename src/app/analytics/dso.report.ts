import { z } from 'zod';
import { dsoFiguresSql } from '../../store/analytics/dso.sql.js';
import { defineReport } from './report.js';
import { headers, money } from './report-schemas.js';
import {
  DaysSummary,
  daysSummary,
  receivablesHeader,
  ReceivablesHeader,
  receivablesScope,
} from './receivables-report.js';

const DsoResult = z
  .object({
    ...ReceivablesHeader,
    currencies: z.array(
      z.object({
        currency: z.string(),
        days: z.number().int().describe('Days in the period, both ends counted'),
        billedMinor: z.number().int().describe('Σ installments due in the period'),
        receivablesMinor: z
          .number()
          .int()
          .describe(
            'Owed at the period’s end: installments due by then less what was collected by then',
          ),
        dso: z
          .number()
          .nullable()
          .describe('receivables / billed × days, one decimal; null when nothing was billed'),
        daysToPay: DaysSummary.describe(
          'Installments paid in the period: paid_on − due date (negative: paid early)',
        ),
      }),
    ),
  })
  .meta({ id: 'DsoReport' });

export const dsoReport = defineReport({
  name: 'dso',
  summary: 'DSO: days sales outstanding for the period, and days-to-pay of paid installments',
  description:
    'Simple (countback-free) DSO = ending receivables / billed × days in the period, where billed = Σ installments due in the period and ending receivables = for every installment due by the period’s last day, amount − active allocations of receipts received by that day. Also the days-to-pay (paid_on − due date) of installments paid in the period: count, mean, nearest-rank median, p75, p90. Contracts not terminated; per currency; every currency and pipeline unless the filters name one.',
  options: z.strictObject({}),
  result: DsoResult,
  async run({ db, scope }) {
    const figures = await dsoFiguresSql(db, receivablesScope(scope), scope.period);
    return {
      ...receivablesHeader(scope),
      currencies: figures.map((f) => ({ ...f, daysToPay: daysSummary(f.daysToPay) })),
    };
  },
  table(result, locale) {
    return {
      headers: headers(locale, [
        ['Currency', '币种'],
        ['Days', '天数'],
        ['Billed', '应收(到期)'],
        ['Ending receivables', '期末应收'],
        ['DSO', 'DSO(天)'],
        ['Paid installments', '已付清期数'],
        ['Mean days to pay', '平均付款天数'],
        ['Median days to pay', '付款天数中位数'],
        ['P90 days to pay', '付款天数 P90'],
      ]),
      rows: result.currencies.map((c) => [
        c.currency,
        c.days,
        money(c.billedMinor),
        money(c.receivablesMinor),
        c.dso,
        c.daysToPay.n,
        c.daysToPay.meanDays,
        c.daysToPay.medianDays,
        c.daysToPay.p90Days,
      ]),
    };
  },
});
