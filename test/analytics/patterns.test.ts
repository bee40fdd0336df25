import { expect } from 'vitest';
import { patternsReport } from '../../src/app/analytics/patterns.report.js';
import { bottleneckOf, teamFiguresOf } from '../../src/domain/analytics/bottleneck.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { patternsOf } from '../../src/domain/analytics/patterns.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';
import type { World } from '../support/analytics-world.js';

interface PatternsJson {
  stages: ({ stage: { stageId: string } } & Record<string, unknown>)[];
  teams: {
    teamId: string;
    stages: ({ stage: { stageId: string } } & Record<string, unknown>)[];
    bottleneck: ({ stage: { stageId: string } } & Record<string, unknown>) | null;
  }[];
}

const ZONE = 'Asia/Shanghai';
const MIN_DEALS = 3;

/** The teams the report compares: under the filter team (itself if none), or top-level. */
function comparedTeams(world: World, teamId: string | undefined) {
  const parent = teamId ?? null;
  const below = world.teams
    .filter((team) => team.parentId === parent)
    .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
  return below.length > 0 || teamId === undefined
    ? below
    : world.teams.filter((team) => team.id === teamId);
}

describeAgreement(
  'patterns: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    const period = periodOf('2025-07-01', '2026-06-30', ZONE);
    const roles = new Map(world.contacts.map((c) => [c.id, c.decisionRole]));
    const activities = world.activities.map((a) => ({
      ...a,
      contactRole: a.contactId === null ? null : (roles.get(a.contactId) ?? null),
    }));
    const standards = world.stages
      .filter((s) => s.kind === 'open')
      .map((s) => ({ stageId: s.id, targetConversion: 50, expectedDwellDays: 14 }));
    const sales = world.teams[0]?.id ?? '';
    const east = world.teams[1]?.id ?? '';
    const cases: { currency?: string; teamId?: string }[] = [
      {},
      { currency: 'USD' },
      { teamId: sales },
      { teamId: east },
    ];
    for (const filter of cases) {
      const outcome = await patternsReport.execute(
        app,
        loaded.principal,
        { from: period.from, to: period.to, ...filter },
        { minDeals: String(MIN_DEALS) },
      );
      const json = outcome.json as PatternsJson;
      const scopeOwners = filter.teamId ? ownersOfTeam(world, filter.teamId) : null;
      const history = historyInScope(world, {
        ...(filter.currency ? { currency: filter.currency } : {}),
        ownerIds: scopeOwners,
      });
      expect(
        json.stages.map(({ stage, ...rest }) => ({ stageId: stage.stageId, ...rest })),
      ).toEqual(patternsOf(history, world.actions, activities, period, MIN_DEALS));
      const expectedTeams = comparedTeams(world, filter.teamId).map((team) => {
        const members = ownersOfTeam(world, team.id);
        const owners =
          scopeOwners === null ? members : members.filter((id) => scopeOwners.includes(id));
        const figures = teamFiguresOf(
          historyInScope(world, {
            ...(filter.currency ? { currency: filter.currency } : {}),
            ownerIds: owners,
          }),
          period,
        );
        return {
          teamId: team.id,
          stages: figures,
          bottleneck: bottleneckOf(figures, standards, MIN_DEALS),
        };
      });
      expect(
        json.teams.map((team) => ({
          teamId: team.teamId,
          stages: team.stages.map(
            ({ stage, targetConversion: _t, expectedDwellDays: _e, ...rest }) => ({
              stageId: stage.stageId,
              ...rest,
            }),
          ),
          bottleneck:
            team.bottleneck === null
              ? null
              : (({ stage, ...rest }) => ({ stageId: stage.stageId, ...rest }))(team.bottleneck),
        })),
      ).toEqual(expectedTeams);
      expect(outcome.table('zh-CN').headers).toHaveLength(10);
    }
  },
  { numRuns: 10 },
);
