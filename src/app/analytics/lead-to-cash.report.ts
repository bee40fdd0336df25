import { z } from 'zod';
import { leadToCashFiguresSql } from '../../store/analytics/lead-to-cash.sql.js';
import { defineReport } from './report.js';
import { headers } from './report-schemas.js';
import {
  DaysSummary,
  daysSummary,
  receivablesHeader,
  ReceivablesHeader,
  receivablesScope,
} from './receivables-report.js';

const Legs = {
  leadToCash: DaysSummary.describe('Lead created → cash collected (latest paid_on)'),
  leadToWon: DaysSummary.describe('Lead created → deal won'),
  wonToCash: DaysSummary.describe('Deal won → cash collected'),
};

const LeadToCashResult = z
  .object({
    ...ReceivablesHeader,
    sources: z.array(
      z.object({
        source: z.string().nullable().describe('The lead’s source; null: none recorded'),
        ...Legs,
      }),
    ),
    all: z.object(Legs),
  })
  .meta({ id: 'LeadToCashReport' });

export const leadToCashReport = defineReport({
  name: 'lead-to-cash',
  summary: 'Lead-to-cash cycle by lead source: lead → won → cash, in days',
  description:
    'Contracts (not terminated) of won deals converted from a lead whose payment plan is fully collected (every installment paid), with the cash date — the latest paid_on — in the period. Per lead source and overall, in local calendar days: lead created → cash, lead created → won, won → cash — count, mean (one decimal), nearest-rank median, p75, p90.',
  options: z.strictObject({}),
  result: LeadToCashResult,
  async run({ db, scope }) {
    const figures = await leadToCashFiguresSql(
      db,
      receivablesScope(scope),
      scope.period,
      scope.timeZone,
    );
    const legs = (l: (typeof figures)['all']) => ({
      leadToCash: daysSummary(l.leadToCash),
      leadToWon: daysSummary(l.leadToWon),
      wonToCash: daysSummary(l.wonToCash),
    });
    return {
      ...receivablesHeader(scope),
      sources: figures.sources.map((s) => ({ source: s.source, ...legs(s) })),
      all: legs(figures.all),
    };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    const row = (source: string, l: (typeof result)['all']) => [
      source,
      l.leadToCash.n,
      l.leadToCash.meanDays,
      l.leadToCash.medianDays,
      l.leadToCash.p75Days,
      l.leadToCash.p90Days,
      l.leadToWon.meanDays,
      l.leadToWon.medianDays,
      l.wonToCash.meanDays,
      l.wonToCash.medianDays,
    ];
    return {
      headers: headers(locale, [
        ['Source', '线索来源'],
        ['Deals', '商机数'],
        ['Lead → cash mean days', '线索→回款 平均天数'],
        ['Lead → cash median', '线索→回款 中位数'],
        ['Lead → cash P75', '线索→回款 P75'],
        ['Lead → cash P90', '线索→回款 P90'],
        ['Lead → won mean days', '线索→赢单 平均天数'],
        ['Lead → won median', '线索→赢单 中位数'],
        ['Won → cash mean days', '赢单→回款 平均天数'],
        ['Won → cash median', '赢单→回款 中位数'],
      ]),
      rows: [
        ...result.sources.map((s) => row(s.source ?? (zh ? '(无)' : '(none)'), s)),
        row(zh ? '全部' : 'All', result.all),
      ],
    };
  },
});
