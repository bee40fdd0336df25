import { expect } from 'vitest';
import { cycleReport } from '../../src/app/analytics/cycle.report.js';
import { cycleOf } from '../../src/domain/analytics/cycle.js';
import type { Summary } from '../../src/domain/analytics/percentiles.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface SecondsJson {
  n: number;
  totalSeconds: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  p75Seconds: number | null;
  p90Seconds: number | null;
}

const ZONE = 'Asia/Shanghai';

const seconds = (s: Summary): SecondsJson => ({
  n: s.n,
  totalSeconds: s.total,
  meanSeconds: s.mean,
  medianSeconds: s.median,
  p75Seconds: s.p75,
  p90Seconds: s.p90,
});

describeAgreement('cycle: SQL agrees with the reference', async ({ world, loaded, app }) => {
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
      const json = (await cycleReport.execute(app, loaded.principal, query, {})).json as {
        won: SecondsJson;
        lost: SecondsJson;
      };
      const expected = cycleOf(historyInScope(world, scope), period);
      expect({ won: json.won, lost: json.lost }).toEqual({
        won: seconds(expected.won),
        lost: seconds(expected.lost),
      });
    }
  }
});
