import { expect } from 'vitest';
import { dwellReport } from '../../src/app/analytics/dwell.report.js';
import { dwellOf } from '../../src/domain/analytics/dwell.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface DwellJson {
  stages: {
    stage: { stageId: string };
    n: number;
    totalSeconds: number;
    meanSeconds: number | null;
    medianSeconds: number | null;
    p75Seconds: number | null;
    p90Seconds: number | null;
    reentries: number;
    expectedDwellDays: number | null;
  }[];
}

const ZONE = 'Asia/Shanghai';

describeAgreement('dwell: SQL agrees with the reference', async ({ world, loaded, app }) => {
  // A year, and a single month (few visits: percentiles over tiny samples).
  for (const period of [
    periodOf('2025-07-01', '2026-06-30', ZONE),
    periodOf('2026-03-01', '2026-03-31', ZONE),
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
      const outcome = await dwellReport.execute(
        app,
        loaded.principal,
        { from: period.from, to: period.to, ...filter },
        {},
      );
      const json = outcome.json as DwellJson;
      expect(json.stages.every((row) => row.expectedDwellDays === 14)).toBe(true);
      expect(
        json.stages.map((row) => ({
          stageId: row.stage.stageId,
          n: row.n,
          total: row.totalSeconds,
          mean: row.meanSeconds,
          median: row.medianSeconds,
          p75: row.p75Seconds,
          p90: row.p90Seconds,
          reentries: row.reentries,
        })),
      ).toEqual(dwellOf(historyInScope(world, scope), period));
    }
  }
});
