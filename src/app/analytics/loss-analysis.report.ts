import type { Kysely } from 'kysely';
import { z } from 'zod';
import { breakdownFrom } from '../../domain/analytics/loss-analysis.js';
import type { ReviewBreakdown } from '../../domain/analytics/loss-analysis.js';
import type { Stage } from '../../domain/pipeline/pipeline.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { closeReasonLabels, reviewCells } from '../../store/analytics/loss-analysis.sql.js';
import type { Database } from '../../store/schema.js';
import { defineReport } from './report.js';
import {
  headers,
  money,
  ReportHeader,
  reportHeader,
  stageName,
  StageRef,
  stageRef,
} from './report-schemas.js';
import type { ReportScope } from './report-scope.js';

const Reason = z
  .object({
    key: z.string(),
    nameZh: z.string().describe('From the tenant’s close reasons; the key when it has none'),
    nameEn: z.string(),
  })
  .nullable()
  .describe('null: the review gave no reason')
  .meta({ id: 'ReportCloseReason' });

const StageAt = {
  stageId: z.string().describe('The stage the deal was closed from'),
  stage: StageRef.nullable().describe('null when the stage is not in this pipeline'),
};
const Figures = { count: z.number().int(), amountMinor: z.number().int() };

const Breakdown = z.object({
  deals: z.number().int().describe('Deals closed with this outcome in the period'),
  amountMinor: z.number().int(),
  reviewed: z.number().int().describe('Of them, deals with a review (the latest one counts)'),
  reviewedAmountMinor: z.number().int(),
  unreviewed: z.number().int(),
  unreviewedAmountMinor: z.number().int(),
  cube: z
    .array(z.object({ reason: Reason, ...StageAt, competitor: z.string().nullable(), ...Figures }))
    .describe('Reason × stage × competitor; a deal with two reasons counts under each'),
  byReason: z.array(z.object({ reason: Reason, ...Figures })),
  byStage: z.array(z.object({ ...StageAt, ...Figures })).describe('Each reviewed deal once'),
  byCompetitor: z
    .array(z.object({ competitor: z.string().nullable(), ...Figures }))
    .describe('Each reviewed deal once; null: no competitor named'),
});

const LossAnalysisResult = z
  .object({
    ...ReportHeader,
    lost: Breakdown.describe('Deals lost in the period'),
    won: Breakdown.describe('Deals won in the period: the win reasons'),
  })
  .meta({ id: 'LossAnalysisReport' });

type Labels = Map<string, { nameZh: string; nameEn: string }>;

function present(breakdown: ReviewBreakdown, labels: Labels, stages: Map<string, Stage>) {
  const reason = (key: string | null) =>
    key === null ? null : { key, ...(labels.get(key) ?? { nameZh: key, nameEn: key }) };
  const stageAt = (stageId: string) => {
    const stage = stages.get(stageId);
    return { stageId, stage: stage ? stageRef(stage) : null };
  };
  return {
    deals: breakdown.deals,
    amountMinor: breakdown.amountMinor,
    reviewed: breakdown.reviewed,
    reviewedAmountMinor: breakdown.reviewedAmountMinor,
    unreviewed: breakdown.deals - breakdown.reviewed,
    unreviewedAmountMinor: breakdown.amountMinor - breakdown.reviewedAmountMinor,
    cube: breakdown.cube.map((cell) => ({
      reason: reason(cell.reason),
      ...stageAt(cell.stageId),
      competitor: cell.competitor,
      count: cell.count,
      amountMinor: cell.amountMinor,
    })),
    byReason: breakdown.byReason.map(({ key, ...figures }) => ({
      reason: reason(key),
      ...figures,
    })),
    byStage: breakdown.byStage.map(({ key, ...figures }) => ({ ...stageAt(key), ...figures })),
    byCompetitor: breakdown.byCompetitor.map(({ key, ...figures }) => ({
      competitor: key,
      ...figures,
    })),
  };
}

async function breakdown(db: Kysely<Database>, scope: ReportScope, outcome: 'won' | 'lost') {
  const period = { start: scope.period.start, end: scope.period.end };
  const cells = await reviewCells(db, scope, period, outcome);
  const labels = await closeReasonLabels(db, scope.tenantId, outcome);
  const stages = new Map(scope.pipeline.stages.map((stage) => [stage.id, stage]));
  return present(breakdownFrom(cells), labels, stages);
}

type Result = z.output<typeof LossAnalysisResult>;

function rowsOf(result: Result, outcome: 'won' | 'lost', locale: Locale) {
  const zh = locale === 'zh-CN';
  const part = result[outcome];
  const label = outcome === 'won' ? (zh ? '赢单' : 'Won') : zh ? '输单' : 'Lost';
  const all = zh ? '全部' : 'All';
  return [
    ...part.cube.map((cell) => [
      label,
      cell.reason === null ? (zh ? '（未填原因）' : '(no reason)') : stageName(cell.reason, locale),
      cell.stage === null ? cell.stageId : stageName(cell.stage, locale),
      cell.competitor ?? (zh ? '（无）' : '(none)'),
      cell.count,
      money(cell.amountMinor),
    ]),
    [label, all, all, all, part.reviewed, money(part.reviewedAmountMinor)],
    [
      label,
      zh ? '（未复盘）' : '(not reviewed)',
      null,
      null,
      part.unreviewed,
      money(part.unreviewedAmountMinor),
    ],
  ];
}

export const lossAnalysisReport = defineReport({
  name: 'loss-analysis',
  summary: 'Loss analysis: reasons × stage lost at × competitor, and win reasons',
  description:
    'From the closing reviews of the deals lost in the period (the latest lost review of each deal): deals and amounts per reason × stage lost at × competitor, with totals per reason, per stage and per competitor. A deal with two reasons counts once under each reason, so reason totals can exceed the deals; stage and competitor totals count each reviewed deal once. The same for the deals won in the period (win reasons, the stage won from). Reason names come from the tenant’s close reasons, else the key. Amounts are the deals’ current amounts.',
  options: z.strictObject({}),
  result: LossAnalysisResult,
  async run({ db, scope }) {
    return {
      ...reportHeader(scope),
      lost: await breakdown(db, scope, 'lost'),
      won: await breakdown(db, scope, 'won'),
    };
  },
  table(result, locale) {
    return {
      headers: headers(locale, [
        ['Outcome', '结果'],
        ['Reason', '原因'],
        ['Stage', '阶段'],
        ['Competitor', '竞争对手'],
        ['Deals', '商机数'],
        ['Amount', '金额'],
      ]),
      rows: [...rowsOf(result, 'lost', locale), ...rowsOf(result, 'won', locale)],
    };
  },
});
