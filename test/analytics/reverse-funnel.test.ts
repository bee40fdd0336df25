import { expect } from 'vitest';
import { reverseFunnelReport } from '../../src/app/analytics/reverse-funnel.report.js';
import { conversionOf } from '../../src/domain/analytics/conversion.js';
import { startOfLocalDate } from '../../src/domain/analytics/period.js';
import { monthsBefore, reverseFunnel } from '../../src/domain/analytics/reverse-funnel.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { headlineOf, loadTargets, worldTargets } from '../support/analytics-targets.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface ReverseJson {
  targetMinor: number;
  won: { count: number; amountMinor: number };
  averageWonMinor: number | null;
  dealsToWin: number | null;
  stages: ({ stage: { stageId: string } } & Record<string, unknown>)[];
}

const ZONE = 'Asia/Shanghai';

describeAgreement(
  'reverse funnel: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    const targets = worldTargets(world, world.deals.length * 104_729 + 17);
    await loadTargets(app.store.db, loaded.tenantId, targets, world.now);
    const period = { from: '2026-04-01', to: '2026-06-30' };
    const east = world.teams[1]?.id ?? '';
    const cases = [
      { filter: {}, scope: {}, options: {} },
      { filter: {}, scope: {}, options: { target: '123456789', lookbackMonths: '6' } },
      { filter: { currency: 'USD' }, scope: { currency: 'USD' }, options: {} },
      { filter: { teamId: east }, scope: { ownerIds: ownersOfTeam(world, east) }, options: {} },
    ];
    for (const { filter, scope, options } of cases) {
      const outcome = await reverseFunnelReport.execute(
        app,
        loaded.principal,
        { ...period, ...filter },
        options,
      );
      const json = outcome.json as ReverseJson;
      const history = historyInScope(world, scope);
      const months = options.lookbackMonths ? Number(options.lookbackMonths) : 12;
      const lookback = {
        start: startOfLocalDate(monthsBefore(period.from, months), ZONE),
        end: startOfLocalDate(period.from, ZONE),
      };
      const won = history.deals.filter(
        (d) =>
          d.status === 'won' &&
          d.closedAt !== null &&
          d.closedAt >= lookback.start &&
          d.closedAt < lookback.end,
      );
      const [conversion] = conversionOf(history, [lookback]);
      const expected = reverseFunnel({
        targetMinor: options.target
          ? Number(options.target)
          : headlineOf(world, targets, period, filter),
        won: { count: won.length, amountMinor: won.reduce((sum, d) => sum + d.amountMinor, 0) },
        stages: (conversion?.stages ?? []).map((s) => {
          const open = history.deals.filter((d) => d.status === 'open' && d.stageId === s.stageId);
          return {
            stageId: s.stageId,
            cohort: s.cohort,
            advanced: s.advanced,
            openDeals: open.length,
            openAmountMinor: open.reduce((sum, d) => sum + d.amountMinor, 0),
          };
        }),
      });
      expect({
        targetMinor: json.targetMinor,
        averageWonMinor: json.averageWonMinor,
        dealsToWin: json.dealsToWin,
        stages: json.stages.map(({ stage, ...rest }) => ({ stageId: stage.stageId, ...rest })),
      }).toEqual(expected);
      expect(outcome.table('en').rows.length).toBe(json.stages.length + 1);
    }
  },
);
