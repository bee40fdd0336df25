import { z } from 'zod';
import { pipelineChangesFigures } from '../../store/analytics/pipeline-changes.sql.js';
import { defineReport } from './report.js';
import { headers, money, ReportHeader, reportHeader } from './report-schemas.js';

const Flow = z
  .object({ count: z.number().int(), amountMinor: z.number().int() })
  .meta({ id: 'PipelineFlow' });

const PipelineChangesResult = z
  .object({
    ...ReportHeader,
    starting: Flow.describe('Deals open at the start of the period, amounts as they were then'),
    new: Flow.describe(
      'Deals that entered an open stage during the period without being open at its start (created or reopened); amount at the end, or at closing',
    ),
    won: Flow.describe(
      'Deals of the starting or new pipeline standing won at the end; amount at closing',
    ),
    lost: Flow.describe(
      'Every other deal of the starting or new pipeline no longer open at the end',
    ),
    amountChanges: z
      .object({
        count: z.number().int().describe('Deals of the starting pipeline whose amount changed'),
        amountMinor: z.number().int().describe('Net change, signed'),
        increaseMinor: z.number().int(),
        decreaseMinor: z.number().int(),
      })
      .describe('Amount at the end (or at closing) minus amount at the start, for starting deals'),
    ending: Flow.describe('Deals open at the end of the period, amounts as they were then'),
    advanced: Flow.describe('Open at both ends, at a later stage at the end (amount at the end)'),
    movedBack: Flow.describe('Open at both ends, at an earlier stage at the end'),
    slipped: Flow.describe(
      'Open at both ends, expected to close inside the period at its start and after it at its end',
    ),
  })
  .meta({ id: 'PipelineChangesReport' });

export const pipelineChangesReport = defineReport({
  name: 'pipeline-changes',
  summary: 'Pipeline changes: how the open pipeline at the start became the one at the end',
  description:
    'A waterfall over the period: starting open pipeline + new − won − lost ± amount changes = ending open pipeline (counts and amounts reconcile exactly), each deal judged by where it stood at the two instants (stage history, amount and expected close date as they were then). Beside it, movements that change no total: deals advanced to a later stage, moved back to an earlier one, and slipped (close date pushed out of the period).',
  options: z.strictObject({}),
  result: PipelineChangesResult,
  async run({ db, scope }) {
    const figures = await pipelineChangesFigures(db, scope, {
      start: scope.period.start,
      end: scope.period.end,
      from: scope.period.from,
      to: scope.period.to,
    });
    return { ...reportHeader(scope), ...figures };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    const line = (label: [string, string], count: number | null, amountMinor: number) => [
      zh ? label[1] : label[0],
      count,
      money(amountMinor),
    ];
    return {
      headers: headers(locale, [
        ['Line', '项目'],
        ['Deals', '商机数'],
        ['Amount', '金额'],
      ]),
      rows: [
        line(['Starting pipeline', '期初商机'], result.starting.count, result.starting.amountMinor),
        line(['+ New', '+ 新增'], result.new.count, result.new.amountMinor),
        line(['− Won', '− 赢单'], result.won.count, -result.won.amountMinor),
        line(['− Lost', '− 输单'], result.lost.count, -result.lost.amountMinor),
        line(
          ['± Amount changes', '± 金额变化'],
          result.amountChanges.count,
          result.amountChanges.amountMinor,
        ),
        line(['= Ending pipeline', '= 期末商机'], result.ending.count, result.ending.amountMinor),
        line(['Advanced', '推进'], result.advanced.count, result.advanced.amountMinor),
        line(['Moved back', '回退'], result.movedBack.count, result.movedBack.amountMinor),
        line(['Slipped', '延期'], result.slipped.count, result.slipped.amountMinor),
      ],
    };
  },
});
