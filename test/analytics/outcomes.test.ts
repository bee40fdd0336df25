import { expect } from 'vitest';
import { outcomesReport } from '../../src/app/analytics/outcomes.report.js';
import {
  daysInPeriod,
  outcomeFactorsOf,
  outcomesFrom,
} from '../../src/domain/analytics/outcomes.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface OutcomesJson {
  winRate: { won: number; lost: number; closed: number; rate: number | null };
  wonSize: {
    count: number;
    totalMinor: number;
    averageMinor: number | null;
    medianMinor: number | null;
    p75Minor: number | null;
    p90Minor: number | null;
  };
  acv: { amountMinor: number | null; annualisedWonMinor: number };
  cycle: {
    count: number;
    averageSeconds: number | null;
    averageDays: number | null;
    medianSeconds: number | null;
  };
  velocity: {
    qualifiedFrom: { key: string; position: number };
    openQualified: number;
    openQualifiedAmountMinor: number;
    perDayMinor: number | null;
    perPeriodMinor: number | null;
  };
}

const ZONE = 'Asia/Shanghai';

describeAgreement('outcomes: SQL agrees with the reference', async ({ world, loaded, app }) => {
  // Only an open stage of the pipeline can be the qualifying stage.
  for (const qualifiedFrom of ['won', 'nowhere'])
    await expect(
      outcomesReport.execute(app, loaded.principal, {}, { qualifiedFrom }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  // A whole year, and a single quarter (velocity's per-period figure scales with its length).
  for (const [from, to] of [
    ['2025-07-01', '2026-06-30'],
    ['2026-01-01', '2026-03-31'],
  ] as const) {
    const period = periodOf(from, to, ZONE);
    const filters = [
      { filter: {}, scope: {}, options: {} },
      {
        filter: { currency: 'USD' },
        scope: { currency: 'USD' },
        options: { qualifiedFrom: 'propose' },
      },
      {
        filter: { teamId: world.teams[1]?.id ?? '' },
        scope: { ownerIds: ownersOfTeam(world, world.teams[1]?.id ?? '') },
        options: { qualifiedFrom: 'discover' },
      },
    ];
    for (const { filter, scope, options } of filters) {
      const outcome = await outcomesReport.execute(
        app,
        loaded.principal,
        { from, to, ...filter },
        options,
      );
      const json = outcome.json as OutcomesJson;
      const key = 'qualifiedFrom' in options ? options.qualifiedFrom : 'qualify';
      const position = world.stages.find((stage) => stage.key === key)?.position ?? -1;
      expect(json.velocity.qualifiedFrom.key).toBe(key);
      const f = outcomesFrom(
        outcomeFactorsOf(historyInScope(world, scope), {
          start: period.start,
          end: period.end,
          qualifiedFromPosition: position,
        }),
        daysInPeriod(from, to),
      );
      expect(json.winRate).toEqual({ won: f.won, lost: f.lost, closed: f.closed, rate: f.winRate });
      expect(json.wonSize).toEqual({
        count: f.wonAmounts.n,
        totalMinor: f.wonAmounts.total,
        averageMinor: f.wonAmounts.mean,
        medianMinor: f.wonAmounts.median,
        p75Minor: f.wonAmounts.p75,
        p90Minor: f.wonAmounts.p90,
      });
      expect(json.acv).toMatchObject({
        amountMinor: f.acvMinor,
        annualisedWonMinor: f.annualisedWonMinor,
      });
      expect(json.cycle).toEqual({
        count: f.wonCycles.n,
        averageSeconds: f.wonCycles.mean,
        averageDays: f.averageCycleDays,
        medianSeconds: f.wonCycles.median,
      });
      expect(json.velocity).toMatchObject({
        openQualified: f.openQualified,
        openQualifiedAmountMinor: f.openQualifiedAmountMinor,
        perDayMinor: f.velocityPerDayMinor,
        perPeriodMinor: f.velocityPerPeriodMinor,
      });
      // The table renders in both languages without losing a row.
      expect(outcome.table('zh-CN').rows.length).toBe(outcome.table('en').rows.length);
    }
  }
});
