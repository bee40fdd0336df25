import { expect } from 'vitest';
import { conversionReport } from '../../src/app/analytics/conversion.report.js';
import { conversionOf } from '../../src/domain/analytics/conversion.js';
import { bucketsOf, periodOf } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface ConversionJson {
  buckets: {
    period: { from: string; to: string };
    stages: { stage: { stageId: string } }[];
  }[];
}

const ZONE = 'Asia/Shanghai';

describeAgreement('conversion: SQL agrees with the reference', async ({ world, loaded, app }) => {
  const period = periodOf('2025-07-01', '2026-06-30', ZONE);
  const filters = [
    { filter: {}, scope: {} },
    { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
    {
      filter: { teamId: world.teams[1]?.id ?? '' },
      scope: { ownerIds: ownersOfTeam(world, world.teams[1]?.id ?? '') },
    },
  ];
  for (const grain of ['none', 'month', 'quarter'] as const) {
    const buckets = grain === 'none' ? [period] : bucketsOf(period, grain, ZONE);
    for (const { filter, scope } of filters) {
      const outcome = await conversionReport.execute(
        app,
        loaded.principal,
        { from: period.from, to: period.to, ...filter },
        { grain },
      );
      const json = outcome.json as ConversionJson;
      const expected = conversionOf(historyInScope(world, scope), buckets);
      expect(
        json.buckets.map((bucket, index) => ({
          start: buckets[index]?.start,
          end: buckets[index]?.end,
          stages: bucket.stages.map(({ stage, ...figures }) => ({
            stageId: stage.stageId,
            ...figures,
          })),
        })),
      ).toEqual(expected);
      expect(json.buckets.map((bucket) => bucket.period)).toEqual(
        buckets.map(({ from, to }) => ({ from, to })),
      );
    }
  }
});
