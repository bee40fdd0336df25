import { expect } from 'vitest';
import { funnelReport } from '../../src/app/analytics/funnel.report.js';
import { funnelOf } from '../../src/domain/analytics/funnel.js';
import { addDays, periodOf, startOfLocalDate } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface FunnelJson {
  stages: {
    stage: { stageId: string };
    count: number;
    amountMinor: number;
    weightedMinor: number;
    reachedCount: number;
    reachedAmountMinor: number;
  }[];
  won: { count: number; amountMinor: number };
  lost: { count: number; amountMinor: number };
}

const ZONE = 'Asia/Shanghai';

describeAgreement('funnel: SQL agrees with the reference', async ({ world, loaded, app }) => {
  const period = periodOf('2025-07-01', '2026-06-30', ZONE);
  // Today, a date in the past, and one before most deals existed.
  for (const asOf of ['2026-06-30', '2026-02-14', '2025-03-01']) {
    const at = startOfLocalDate(addDays(asOf, 1), ZONE);
    const question = { at, start: period.start, end: period.end };
    const filters = [
      { filter: {}, scope: {} },
      { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
      {
        filter: { teamId: world.teams[1]?.id ?? '' },
        scope: { ownerIds: ownersOfTeam(world, world.teams[1]?.id ?? '') },
      },
    ];
    for (const { filter, scope } of filters) {
      const outcome = await funnelReport.execute(
        app,
        loaded.principal,
        { from: period.from, to: period.to, ...filter },
        { asOf },
      );
      const json = outcome.json as FunnelJson;
      const expected = funnelOf(historyInScope(world, scope), question);
      expect({
        stages: json.stages.map(({ stage, ...figures }) => ({
          stageId: stage.stageId,
          ...figures,
        })),
        won: json.won,
        lost: json.lost,
      }).toEqual(expected);
    }
  }
});
