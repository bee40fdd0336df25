import { expect } from 'vitest';
import { slippageReport } from '../../src/app/analytics/slippage.report.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { slippageOf } from '../../src/domain/analytics/slippage.js';
import type { DirectionFigures } from '../../src/domain/analytics/slippage.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface DirectionJson {
  changes: number;
  deals: number;
  changesPerDeal: number | null;
  totalDays: number;
  meanDays: number | null;
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
}

const ZONE = 'Asia/Shanghai';

const direction = (d: DirectionFigures): DirectionJson => ({
  changes: d.days.n,
  deals: d.deals,
  changesPerDeal: d.perDeal,
  totalDays: d.days.total,
  meanDays: d.days.mean,
  medianDays: d.days.median,
  p75Days: d.days.p75,
  p90Days: d.days.p90,
});

describeAgreement('slippage: SQL agrees with the reference', async ({ world, loaded, app }) => {
  for (const period of [
    periodOf('2025-07-01', '2026-06-30', ZONE),
    periodOf('2026-01-01', '2026-03-31', ZONE),
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
      const query = { from: period.from, to: period.to, ...filter };
      const json = (await slippageReport.execute(app, loaded.principal, query, {})).json as {
        pushed: DirectionJson;
        pulled: DirectionJson;
      };
      const expected = slippageOf(historyInScope(world, scope), period);
      expect({ pushed: json.pushed, pulled: json.pulled }).toEqual({
        pushed: direction(expected.pushes),
        pulled: direction(expected.pulls),
      });
    }
  }
});
