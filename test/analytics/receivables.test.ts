import { expect } from 'vitest';
import { collectionsReport } from '../../src/app/analytics/collections.report.js';
import { dsoReport } from '../../src/app/analytics/dso.report.js';
import { leadToCashReport } from '../../src/app/analytics/lead-to-cash.report.js';
import { receivablesAgingReport } from '../../src/app/analytics/receivables-aging.report.js';
import type { ReportFilter } from '../../src/app/analytics/report-scope.js';
import { collectionsOf } from '../../src/domain/analytics/collections.js';
import { dsoFigures } from '../../src/domain/analytics/dso.js';
import { leadToCashOf } from '../../src/domain/analytics/lead-to-cash.js';
import type { LeadToCashLegs } from '../../src/domain/analytics/lead-to-cash.js';
import type { Summary } from '../../src/domain/analytics/percentiles.js';
import { bucketsOf, periodOf } from '../../src/domain/analytics/period.js';
import { agingOf } from '../../src/domain/analytics/receivables-aging.js';
import { ownersOfTeam } from '../support/analytics-world.js';
import { describeL2cAgreement } from '../support/l2c-agreement.js';
import { leadToCashDeals, receivablesFacts } from '../support/l2c-world.js';
import type { L2cScope, L2cWorld } from '../support/l2c-world.js';

const ZONE = 'Asia/Shanghai';

/** The filters each report is asked with, and the scope the reference gets for them. */
function cases(world: L2cWorld): { filter: ReportFilter; scope: L2cScope }[] {
  const east = world.teams[1]?.id ?? '';
  const owner = world.owners[0]?.id ?? '';
  return [
    { filter: {}, scope: {} },
    { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
    { filter: { pipelineId: world.pipelineId }, scope: { pipelineId: world.pipelineId } },
    { filter: { teamId: east }, scope: { ownerIds: ownersOfTeam(world, east) } },
    { filter: { ownerId: owner, currency: 'CNY' }, scope: { ownerIds: [owner], currency: 'CNY' } },
  ];
}

const PERIODS = [
  { from: '2025-07-01', to: '2026-06-30' },
  { from: '2026-01-01', to: '2026-03-31' },
];

const days = (s: Summary) => ({
  n: s.n,
  totalDays: s.total,
  meanDays: s.mean,
  medianDays: s.median,
  p75Days: s.p75,
  p90Days: s.p90,
});

const legs = (l: LeadToCashLegs) => ({
  leadToCash: days(l.leadToCash),
  leadToWon: days(l.leadToWon),
  wonToCash: days(l.wonToCash),
});

/** Drops display names, which the reference does not know. */
function withoutNames(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      key === 'accountName' || key === 'ownerName' ? undefined : v,
    ),
  );
}

describeL2cAgreement(
  'receivables-aging: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    for (const asOf of [undefined, '2026-03-15', '2025-12-31']) {
      for (const { filter, scope } of cases(world)) {
        const json = (await receivablesAgingReport.execute(app, loaded.principal, filter, { asOf }))
          .json as { currencies: unknown };
        expect(withoutNames(json.currencies)).toEqual(
          agingOf(receivablesFacts(world, scope), asOf ?? world.today),
        );
      }
    }
  },
);

describeL2cAgreement(
  'collections: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    for (const grain of ['month', 'quarter'] as const) {
      for (const period of PERIODS) {
        for (const { filter, scope } of cases(world)) {
          const json = (
            await collectionsReport.execute(
              app,
              loaded.principal,
              { ...filter, ...period },
              { grain },
            )
          ).json as { currencies: unknown };
          const buckets = bucketsOf(periodOf(period.from, period.to, ZONE), grain, ZONE);
          expect(withoutNames(json.currencies)).toEqual(
            collectionsOf(receivablesFacts(world, scope), buckets),
          );
        }
      }
    }
  },
);

describeL2cAgreement('dso: SQL agrees with the reference', async ({ world, loaded, app }) => {
  for (const period of [...PERIODS, { from: '2026-06-01', to: '2026-06-30' }]) {
    for (const { filter, scope } of cases(world)) {
      const json = (await dsoReport.execute(app, loaded.principal, { ...filter, ...period }, {}))
        .json as { currencies: unknown };
      const expected = dsoFigures(receivablesFacts(world, scope), period).map((c) => ({
        ...c,
        daysToPay: days(c.daysToPay),
      }));
      expect(json.currencies).toEqual(expected);
    }
  }
});

describeL2cAgreement(
  'lead-to-cash: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    for (const period of PERIODS) {
      for (const { filter, scope } of cases(world)) {
        const json = (
          await leadToCashReport.execute(app, loaded.principal, { ...filter, ...period }, {})
        ).json as { sources: unknown; all: unknown };
        const expected = leadToCashOf(
          receivablesFacts(world, scope),
          leadToCashDeals(world),
          period,
          ZONE,
        );
        expect({ sources: json.sources, all: json.all }).toEqual({
          sources: expected.sources.map((s) => ({ source: s.source, ...legs(s) })),
          all: legs(expected.all),
        });
      }
    }
  },
);
