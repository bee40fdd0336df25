import { z } from 'zod';
import { bottleneckOf, teamStageFigures } from '../../domain/analytics/bottleneck.js';
import { byLift, factorFigures, factorSide } from '../../domain/analytics/patterns.js';
import type { StagePatterns } from '../../domain/analytics/patterns.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { patternRows, teamStageDwell, teamsUnder } from '../../store/analytics/patterns.sql.js';
import type { PatternRows } from '../../store/analytics/patterns.sql.js';
import { usersInTeamSubtree } from '../../store/teams.repo.js';
import { defineReport } from './report.js';
import type { ReportContext } from './report-scope.js';
import {
  headers,
  percent,
  ReportHeader,
  reportHeader,
  stageName,
  stageRef,
  StageRef,
  withStages,
} from './report-schemas.js';

const Side = z.object({
  deals: z.number().int().describe('Decided cohort deals on this side'),
  advanced: z.number().int(),
  conversion: z.number().nullable().describe('advanced ÷ deals'),
  dwellVisits: z.number().int().describe('Their ended visits to the stage'),
  medianDwellSeconds: z.number().int().nullable(),
});

const Factor = z.object({
  kind: z.enum(['action', 'material', 'activity', 'role']),
  key: z.string().describe('Action/material key, activity type or contact decision role'),
  with: Side,
  without: Side,
  lift: z.number().nullable().describe('conversion with − conversion without'),
  tooFew: z.boolean().describe('Fewer than minDeals deals on one side: read with care'),
});

const TeamStage = z.object({
  stage: StageRef,
  cohort: z.number().int(),
  advanced: z.number().int(),
  conversion: z.number().nullable(),
  targetConversion: z.number().nullable().describe('The stage’s target, percent'),
  dwellVisits: z.number().int(),
  medianDwellSeconds: z.number().int().nullable(),
  expectedDwellDays: z.number().nullable(),
});

const PatternsResult = z
  .object({
    ...ReportHeader,
    minDeals: z.number().int(),
    stages: z.array(
      z.object({
        stage: StageRef,
        decided: z.number().int().describe('Cohort deals that advanced or closed'),
        advanced: z.number().int(),
        factors: z.array(Factor),
      }),
    ),
    teams: z.array(
      z.object({
        teamId: z.string(),
        teamName: z.string(),
        stages: z.array(TeamStage),
        bottleneck: z
          .object({
            stage: StageRef,
            measure: z.enum(['conversion', 'dwell']),
            actual: z.number().describe('conversion: share; dwell: median seconds'),
            expected: z.number().describe('conversion: target share; dwell: expected seconds'),
            severity: z.number().describe('How far off, as a share of the standard'),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'PatternsReport' });

/** Per stage, the factors of its decided cohort with and without, by lift. */
function stagePatterns(
  report: ReportContext,
  rows: PatternRows,
  minDeals: number,
): StagePatterns[] {
  const { scope } = report;
  return scope.pipeline.stages
    .filter((stage) => stage.kind === 'open')
    .map((stage) => {
      const total = rows.stages.get(stage.id) ?? { decided: 0, advanced: 0 };
      const factors = rows.factors
        .filter((row) => row.stageId === stage.id)
        .map((row) =>
          factorFigures(
            row.kind,
            row.key,
            factorSide(row.deals, row.advanced, row.dwellVisits, row.medianDwellSeconds),
            factorSide(
              total.decided - row.deals,
              total.advanced - row.advanced,
              row.withoutDwellVisits,
              row.withoutMedianDwellSeconds,
            ),
            minDeals,
          ),
        );
      return { stageId: stage.id, ...total, factors: factors.sort(byLift) };
    });
}

export const patternsReport = defineReport({
  name: 'patterns',
  summary:
    'Winning patterns (赢单规律): what goes with deals that move on, and each team’s bottleneck',
  description:
    'Per open stage, among the deals of its cohort in the period that are decided (advanced past the stage, or closed): for each key action or material ticked at the stage, each activity type logged while deals were in it and each contact decision role engaged there, the stage→next conversion and median dwell WITH and WITHOUT it, the counts, and the lift (conversion with − without); sorted by lift, factors with fewer than `minDeals` deals on a side flagged. And per team (directly under the team filter, or top-level), the bottleneck: the stage furthest below its target conversion or above its expected dwell.',
  options: z.strictObject({
    minDeals: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(5)
      .describe('Below this many deals on a side, a factor (or a team measure) is flagged'),
  }),
  result: PatternsResult,
  async run(report, options) {
    const { db, scope } = report;
    const stageById = new Map(scope.pipeline.stages.map((stage) => [stage.id, stage]));
    const open = scope.pipeline.stages.filter((stage) => stage.kind === 'open');
    const standards = open.map((stage) => ({
      stageId: stage.id,
      targetConversion: stage.targetConversion,
      expectedDwellDays: stage.expectedDwellDays,
    }));
    const rows = await patternRows(db, scope, scope.period);
    const patterns = stagePatterns(report, rows, options.minDeals);
    const teams = [];
    const compared = await teamsUnder(db, scope.tenantId, scope.filter?.teamId ?? null);
    const owners: string[][] = [];
    for (const team of compared) {
      const members = await usersInTeamSubtree(db, scope.tenantId, team.id);
      owners.push(
        scope.ownerIds === null ? members : members.filter((id) => scope.ownerIds?.includes(id)),
      );
    }
    // Each team's cohort counts are its members' sums of the per-owner counts that came with
    // the patterns; dwell medians do not add up, so they come grouped by team.
    const dwellByTeam = await teamStageDwell(db, scope, scope.period, owners);
    for (const [index, team] of compared.entries()) {
      const members = new Set(owners[index]);
      const dwell = dwellByTeam.get(index);
      const figures = open.map((stage) => {
        const mine = rows.owners.filter(
          (row) => row.stageId === stage.id && members.has(row.ownerId),
        );
        const d = dwell?.get(stage.id);
        return teamStageFigures(
          stage.id,
          mine.reduce((sum, row) => sum + row.cohort, 0),
          mine.reduce((sum, row) => sum + row.advanced, 0),
          d?.visits ?? 0,
          d?.median ?? null,
        );
      });
      const bottleneck = bottleneckOf(figures, standards, options.minDeals);
      const bottleneckStage = bottleneck ? stageById.get(bottleneck.stageId) : undefined;
      teams.push({
        teamId: team.id,
        teamName: team.name,
        stages: figures.flatMap(({ stageId, ...rest }) => {
          const stage = stageById.get(stageId);
          return stage
            ? [
                {
                  stage: stageRef(stage),
                  ...rest,
                  targetConversion: stage.targetConversion,
                  expectedDwellDays: stage.expectedDwellDays,
                },
              ]
            : [];
        }),
        bottleneck:
          bottleneck && bottleneckStage
            ? {
                stage: stageRef(bottleneckStage),
                measure: bottleneck.measure,
                actual: bottleneck.actual,
                expected: bottleneck.expected,
                severity: bottleneck.severity,
              }
            : null,
      });
    }
    return {
      ...reportHeader(scope),
      minDeals: options.minDeals,
      stages: withStages(scope.pipeline, patterns),
      teams,
    };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    const days = (seconds: number | null) =>
      seconds === null ? null : (seconds / 86_400).toFixed(1);
    return {
      headers: headers(locale, [
        ['Stage', '阶段'],
        ['Factor', '因素'],
        ['Deals with', '有该因素商机数'],
        ['Conversion with', '有：转化率'],
        ['Deals without', '无该因素商机数'],
        ['Conversion without', '无：转化率'],
        ['Lift', '提升'],
        ['Median dwell with (days)', '有：停留中位数（天）'],
        ['Median dwell without (days)', '无：停留中位数（天）'],
        ['Note', '备注'],
      ]),
      rows: [
        ...result.stages.flatMap((stage) =>
          stage.factors.map((f) => [
            stageName(stage.stage, locale),
            `${kindName(f.kind, locale)}: ${f.key}`,
            f.with.deals,
            percent(f.with.conversion),
            f.without.deals,
            percent(f.without.conversion),
            f.lift === null ? null : `${(f.lift * 100).toFixed(1)}pp`,
            days(f.with.medianDwellSeconds),
            days(f.without.medianDwellSeconds),
            f.tooFew ? (zh ? '样本过少' : 'too few') : null,
          ]),
        ),
        ...result.teams.map((team) => [
          zh ? `瓶颈：${team.teamName}` : `Bottleneck: ${team.teamName}`,
          team.bottleneck ? stageName(team.bottleneck.stage, locale) : zh ? '无' : 'none',
          null,
          team.bottleneck?.measure === 'conversion' ? percent(team.bottleneck.actual) : null,
          null,
          team.bottleneck?.measure === 'conversion' ? percent(team.bottleneck.expected) : null,
          null,
          team.bottleneck?.measure === 'dwell' ? days(team.bottleneck.actual) : null,
          team.bottleneck?.measure === 'dwell' ? days(team.bottleneck.expected) : null,
          team.bottleneck
            ? team.bottleneck.measure === 'conversion'
              ? zh
                ? '转化率低于目标'
                : 'conversion below target'
              : zh
                ? '停留时间超出预期'
                : 'dwell above expected'
            : null,
        ]),
      ],
    };
  },
});

function kindName(kind: 'action' | 'material' | 'activity' | 'role', locale: Locale): string {
  const names = {
    action: ['action', '关键动作'],
    material: ['material', '材料'],
    activity: ['activity', '跟进方式'],
    role: ['contact role', '联系人角色'],
  } as const;
  return names[kind][locale === 'zh-CN' ? 1 : 0];
}
