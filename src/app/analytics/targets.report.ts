import { z } from 'zod';
import { targetFigures, targetWindow } from '../../domain/analytics/targets-report.js';
import { targetSums } from '../../store/analytics/targets.sql.js';
import type { TargetQuestion } from '../../store/analytics/targets.sql.js';
import { subjectNames } from '../../store/targets.repo.js';
import { defineReport } from './report.js';
import {
  headers,
  money,
  percent,
  ReportHeader,
  reportHeader,
  ReportPeriod,
} from './report-schemas.js';
import { targetsInScope } from './targets-in-scope.js';

const Sums = z.object({ count: z.number().int(), amountMinor: z.number().int() });

const TargetsResult = z
  .object({
    ...ReportHeader,
    targets: z.array(
      z.object({
        targetId: z.string(),
        subjectType: z.enum(['user', 'team']),
        subjectId: z.string(),
        subjectName: z.string().nullable(),
        pipelineId: z.string().nullable().describe('null: the target counts every pipeline'),
        periodStart: z.string(),
        periodEnd: z.string(),
        amountMinor: z.number().int().describe('The whole target, over its own period'),
        window: ReportPeriod.describe('The days the target shares with the report period'),
        targetMinor: z.number().int().describe('The target pro-rated by days to the window'),
        won: Sums.describe('Deals closed won in the window by the subject (team: its subtree)'),
        remainingMinor: z.number().int().describe('max(0, target − won)'),
        attainment: z.number().nullable().describe('won ÷ target'),
        openPipeline: Sums.describe('Open deals expected to close in the window'),
        coverage: z
          .number()
          .nullable()
          .describe('open pipeline ÷ remaining; null when nothing remains'),
      }),
    ),
  })
  .meta({ id: 'TargetsReport' });

export const targetsReport = defineReport({
  name: 'targets',
  summary: 'Targets: attainment, remaining and pipeline coverage per quota',
  description:
    'Every target (quota) overlapping the period whose subject is in the filter, read over the days it shares with the period: its amount pro-rated by days, the deals won in those days by the user or anyone in the team’s subtree (attainment = won ÷ target), what remains, and the open pipeline expected to close in those days against what remains (coverage). All-pipelines targets count deals of every pipeline.',
  options: z.strictObject({}),
  result: TargetsResult,
  async run(report) {
    const { db, scope } = report;
    const targets = await targetsInScope(report);
    const questions: TargetQuestion[] = targets.flatMap((target) => {
      const window = targetWindow(target, scope.period, scope.timeZone);
      return window ? [{ targetId: target.id, ...target, window }] : [];
    });
    const sums = await targetSums(db, scope, questions);
    const names = await subjectNames(db, scope.tenantId, targets);
    const none = { count: 0, amountMinor: 0 };
    return {
      ...reportHeader(scope),
      targets: questions.flatMap((question) => {
        const target = targets.find((t) => t.id === question.targetId);
        if (!target) return [];
        const sum = sums.get(target.id);
        const { window, ...figures } = targetFigures(
          target,
          question.window,
          sum?.won ?? none,
          sum?.openPipeline ?? none,
        );
        return [
          {
            targetId: target.id,
            subjectType: target.subjectType,
            subjectId: target.subjectId,
            subjectName: names.get(`${target.subjectType}:${target.subjectId}`) ?? null,
            pipelineId: target.pipelineId,
            periodStart: target.periodStart,
            periodEnd: target.periodEnd,
            amountMinor: target.amountMinor,
            window,
            ...figures,
          },
        ];
      }),
    };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    return {
      headers: headers(locale, [
        ['Subject', '对象'],
        ['From', '开始'],
        ['To', '结束'],
        ['Target', '目标'],
        ['Won', '赢单金额'],
        ['Attainment', '达成率'],
        ['Remaining', '差额'],
        ['Open pipeline', '在途商机金额'],
        ['Coverage', '覆盖倍数'],
      ]),
      rows: result.targets.map((row) => [
        `${row.subjectType === 'team' ? (zh ? '团队 ' : 'team ') : ''}${row.subjectName ?? row.subjectId}`,
        row.window.from,
        row.window.to,
        money(row.targetMinor),
        money(row.won.amountMinor),
        percent(row.attainment),
        money(row.remainingMinor),
        money(row.openPipeline.amountMinor),
        row.coverage === null ? null : `${row.coverage.toFixed(2)}×`,
      ]),
    };
  },
});
