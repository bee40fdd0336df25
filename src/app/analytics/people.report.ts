import { z } from 'zod';
import { secondsAsDays } from '../../domain/analytics/percentiles.js';
import type { TeamStage } from '../../domain/analytics/people.js';
import type { Stage } from '../../domain/pipeline/pipeline.js';
import { peopleFigures } from '../../store/analytics/people.sql.js';
import { ConversionCounts } from './conversion.report.js';
import { defineReport } from './report.js';
import {
  headers,
  money,
  percent,
  ReportHeader,
  reportHeader,
  stageName,
  StageRef,
  stageRef,
} from './report-schemas.js';

const StageFigures = {
  ...ConversionCounts,
  dwellVisits: z.number().int().describe('Stage visits that ended in the period'),
  medianDwellSeconds: z.number().int().nullable().describe('Nearest-rank median of those visits'),
};

const PeopleResult = z
  .object({
    ...ReportHeader,
    team: z
      .array(z.object({ stage: StageRef, ...StageFigures }))
      .describe('The whole scope (a team filter makes it that team) per open stage'),
    people: z.array(
      z.object({
        ownerId: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        openPipeline: z
          .object({
            count: z.number().int(),
            amountMinor: z.number().int(),
            weightedMinor: z.number().int().describe('Amount × current stage probability'),
          })
          .describe('The open deals the owner carries now'),
        performanceCredit: z
          .object({
            wonCount: z.number().int().describe('Deals won in the period they hold credit of'),
            wonAmountMinor: z
              .number()
              .int()
              .describe('Σ their performance share of each such deal’s amount'),
          })
          .describe(
            'Split-weighted won credit: the owner’s whole deal when not split, else their performance split share (docs/deal-teams.md)',
          ),
        stages: z.array(
          z.object({
            stage: StageRef,
            ...StageFigures,
            toNextDiff: z
              .number()
              .nullable()
              .describe('Owner’s stage→next minus the team’s (positive: converts better)'),
            medianDwellDiffSeconds: z
              .number()
              .int()
              .nullable()
              .describe('Owner’s median dwell minus the team’s (negative: moves faster)'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PeopleReport' });

function stageFigures(stage: Stage, row: TeamStage) {
  const { stageId: _id, ...conversion } = row.conversion;
  return {
    stage: stageRef(stage),
    ...conversion,
    dwellVisits: row.dwell.n,
    medianDwellSeconds: row.dwell.median,
  };
}

export const peopleReport = defineReport({
  name: 'people',
  summary: 'People: each owner’s conversion and dwell per stage against the team’s, and pipeline',
  description:
    'For every owner of deals in scope (and everyone holding performance credit of one), per open stage: the owner’s cohort conversion (stage→next and stage→won with the counts behind them, as in the conversion report) and median dwell (visits ended in the period, as in the dwell report), beside the whole scope’s figures and the difference; and the open pipeline the owner carries now (count, amount, weighted amount); and the performance credit of deals won in the period, weighted by the deal’s performance splits (the owner’s whole deal when not split). A team filter compares each member with that team.',
  options: z.strictObject({}),
  result: PeopleResult,
  async run({ db, scope }) {
    const { figures, owners } = await peopleFigures(db, scope, scope.period);
    const stages = new Map(scope.pipeline.stages.map((stage) => [stage.id, stage]));
    const names = new Map(owners.map((owner) => [owner.id, owner]));
    const withStage = <T extends TeamStage>(rows: readonly T[]) =>
      rows.flatMap((row) => {
        const stage = stages.get(row.stageId);
        return stage ? [{ stage, row }] : [];
      });
    const people = figures.people.map((person) => ({
      ownerId: person.ownerId,
      name: names.get(person.ownerId)?.name ?? null,
      email: names.get(person.ownerId)?.email ?? null,
      openPipeline: person.pipeline,
      performanceCredit: person.credit,
      stages: withStage(person.stages).map(({ stage, row }) => ({
        ...stageFigures(stage, row),
        toNextDiff: row.toNextDiff,
        medianDwellDiffSeconds: row.medianDiff,
      })),
    }));
    // Readers look people up by name; ties (and nameless owners) by id.
    people.sort(
      (a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.ownerId < b.ownerId ? -1 : 1),
    );
    return {
      ...reportHeader(scope),
      team: withStage(figures.team).map(({ stage, row }) => stageFigures(stage, row)),
      people,
    };
  },
  table(result, locale) {
    const team = new Map(result.team.map((row) => [row.stage.stageId, row]));
    return {
      headers: headers(locale, [
        ['Owner', '负责人'],
        ['E-mail', '邮箱'],
        ['Open deals', '在手商机'],
        ['Open amount', '在手金额'],
        ['Weighted', '加权金额'],
        ['Credited won deals', '计入业绩的赢单数'],
        ['Performance credit', '业绩分成金额'],
        ['Stage', '阶段'],
        ['Cohort', '进入数'],
        ['Advanced', '推进数'],
        ['Stage→next', '阶段转化率'],
        ['Team stage→next', '团队阶段转化率'],
        ['Difference (points)', '差值（百分点）'],
        ['Visits ended', '停留次数'],
        ['Median days', '中位天数'],
        ['Team median days', '团队中位天数'],
        ['Difference (days)', '差值（天）'],
      ]),
      // The open pipeline once per owner, on the first stage row, so a CSV sum is right.
      rows: result.people.flatMap((person) =>
        person.stages.map((row, index) => {
          const theirs = team.get(row.stage.stageId);
          return [
            person.name ?? person.ownerId,
            person.email,
            index === 0 ? person.openPipeline.count : null,
            index === 0 ? money(person.openPipeline.amountMinor) : null,
            index === 0 ? money(person.openPipeline.weightedMinor) : null,
            index === 0 ? person.performanceCredit.wonCount : null,
            index === 0 ? money(person.performanceCredit.wonAmountMinor) : null,
            stageName(row.stage, locale),
            row.cohort,
            row.advanced,
            percent(row.toNext),
            percent(theirs?.toNext ?? null),
            row.toNextDiff === null ? null : Math.round(row.toNextDiff * 1000) / 10,
            row.dwellVisits,
            secondsAsDays(row.medianDwellSeconds),
            secondsAsDays(theirs?.medianDwellSeconds ?? null),
            row.medianDwellDiffSeconds === null
              ? null
              : Math.round(row.medianDwellDiffSeconds / 8640) / 10,
          ];
        }),
      ),
    };
  },
});
