import { expect } from 'vitest';
import { pipelineChangesReport } from '../../src/app/analytics/pipeline-changes.report.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { pipelineChangesOf } from '../../src/domain/analytics/pipeline-changes.js';
import type { PipelineChangesFigures } from '../../src/domain/analytics/pipeline-changes.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

const ZONE = 'Asia/Shanghai';

/** The waterfall's promise: starting + new − won − lost ± amount changes = ending. */
function expectReconciles(figures: PipelineChangesFigures): void {
  const { starting, new: added, won, lost, amountChanges, ending } = figures;
  expect(starting.count + added.count - won.count - lost.count).toBe(ending.count);
  expect(
    starting.amountMinor +
      added.amountMinor -
      won.amountMinor -
      lost.amountMinor +
      amountChanges.amountMinor,
  ).toBe(ending.amountMinor);
  expect(amountChanges.increaseMinor - amountChanges.decreaseMinor).toBe(amountChanges.amountMinor);
}

describeAgreement(
  'pipeline changes: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    // A quarter in the middle of the history, a whole year, and a single day.
    for (const [from, to] of [
      ['2026-01-01', '2026-03-31'],
      ['2025-07-01', '2026-06-30'],
      ['2026-02-14', '2026-02-14'],
    ] as const) {
      const period = periodOf(from, to, ZONE);
      const question = { start: period.start, end: period.end, from, to };
      const filters = [
        { filter: {}, scope: {} },
        { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
        {
          filter: { teamId: world.teams[1]?.id ?? '' },
          scope: { ownerIds: ownersOfTeam(world, world.teams[1]?.id ?? '') },
        },
      ];
      for (const { filter, scope } of filters) {
        const outcome = await pipelineChangesReport.execute(
          app,
          loaded.principal,
          { from, to, ...filter },
          {},
        );
        const {
          pipelineId: _p,
          currency: _c,
          period: _period,
          ...json
        } = outcome.json as PipelineChangesFigures & Record<string, unknown>;
        const expected = pipelineChangesOf(historyInScope(world, scope), question);
        expectReconciles(expected);
        expect(json).toEqual(expected);
      }
    }
  },
);
