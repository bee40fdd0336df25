import { expect } from 'vitest';
import { peopleReport } from '../../src/app/analytics/people.report.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { peopleOf } from '../../src/domain/analytics/people.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { loadSplits, splitsOf, worldSplits } from '../support/analytics-splits.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface StageJson {
  stage: { stageId: string };
  cohort: number;
  advanced: number;
  won: number;
  lost: number;
  open: number;
  toNext: number | null;
  toWon: number | null;
  dwellVisits: number;
  medianDwellSeconds: number | null;
}
interface PeopleJson {
  team: StageJson[];
  people: {
    ownerId: string;
    name: string | null;
    email: string | null;
    openPipeline: { count: number; amountMinor: number; weightedMinor: number };
    performanceCredit: { wonCount: number; wonAmountMinor: number };
    stages: (StageJson & { toNextDiff: number | null; medianDwellDiffSeconds: number | null })[];
  }[];
}

const ZONE = 'Asia/Shanghai';

const teamStage = (row: StageJson) => {
  const { stage, dwellVisits, medianDwellSeconds, ...counts } = row;
  return {
    stageId: stage.stageId,
    conversion: { stageId: stage.stageId, ...counts },
    dwell: { n: dwellVisits, median: medianDwellSeconds },
  };
};

describeAgreement('people: SQL agrees with the reference', async ({ world, loaded, app }) => {
  // Performance splits on some deals: their holders get credit and become people too.
  const splits = worldSplits(world, world.deals.length * 7_883 + 5);
  await loadSplits(app.store.db, loaded.tenantId, splits);
  for (const period of [
    periodOf('2025-07-01', '2026-06-30', ZONE),
    periodOf('2026-04-01', '2026-06-30', ZONE),
  ]) {
    const filters = [
      { filter: {}, scope: {} },
      { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
      {
        filter: { teamId: world.teams[1]?.id ?? '' },
        scope: { ownerIds: ownersOfTeam(world, world.teams[1]?.id ?? '') },
      },
    ];
    for (const { filter, scope } of filters) {
      const outcome = await peopleReport.execute(
        app,
        loaded.principal,
        { from: period.from, to: period.to, ...filter },
        {},
      );
      const json = outcome.json as PeopleJson;
      // Names come from users: the loader calls owner i "Rep i".
      for (const person of json.people) {
        const index = world.owners.findIndex((owner) => owner.id === person.ownerId);
        expect(person.name).toBe(`Rep ${index}`);
        expect(person.email).toMatch(new RegExp(`^rep${index}@`));
      }
      const byId = [...json.people].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1));
      expect({
        team: json.team.map(teamStage),
        people: byId.map((person) => ({
          ownerId: person.ownerId,
          pipeline: person.openPipeline,
          credit: person.performanceCredit,
          stages: person.stages.map(({ toNextDiff, medianDwellDiffSeconds, ...row }) => ({
            ...teamStage(row),
            toNextDiff,
            medianDiff: medianDwellDiffSeconds,
          })),
        })),
      }).toEqual(
        peopleOf(historyInScope(world, scope), period, (id) => splitsOf(splits, id, 'performance')),
      );
      expect(outcome.table('zh-CN').rows.length).toBe(json.people.length * 4);
    }
  }
});
