import { expect } from 'vitest';
import { mixReport } from '../../src/app/analytics/mix.report.js';
import { DEFAULT_BANDS, mixCellsOf, mixFrom } from '../../src/domain/analytics/mix.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';

interface MixJson {
  sizeBands: { band: string; fromMinor: number; belowMinor: number | null }[];
  products: unknown[];
  dealsWithoutProducts: number;
  valueTiers: unknown[];
  sources: unknown[];
}

const ZONE = 'Asia/Shanghai';

describeAgreement('mix: SQL agrees with the reference', async ({ world, loaded, app }) => {
  const period = periodOf('2025-07-01', '2026-06-30', ZONE);
  await expect(
    mixReport.execute(app, loaded.principal, {}, { bigFrom: 10, mediumFrom: 20 }),
  ).rejects.toMatchObject({ code: 'validation_failed' });
  // World amounts run 100.00 to 50,000.00: narrow bands put deals in all three.
  const narrow = { bigFromMinor: 3_000_000, mediumFromMinor: 1_000_000 };
  const cases = [
    {
      filter: {},
      scope: {},
      options: { bigFrom: '3000000', mediumFrom: '1000000' },
      bands: narrow,
    },
    { filter: {}, scope: {}, options: {}, bands: DEFAULT_BANDS },
    {
      filter: { currency: 'USD' },
      scope: { currency: 'USD' },
      options: { bigFrom: 3_000_000, mediumFrom: 1_000_000 },
      bands: narrow,
    },
    {
      filter: { teamId: world.teams[1]?.id ?? '' },
      scope: { ownerIds: ownersOfTeam(world, world.teams[1]?.id ?? '') },
      options: { bigFrom: 3_000_000, mediumFrom: 1_000_000 },
      bands: narrow,
    },
  ];
  for (const { filter, scope, options, bands } of cases) {
    const outcome = await mixReport.execute(
      app,
      loaded.principal,
      { from: period.from, to: period.to, ...filter },
      options,
    );
    const json = outcome.json as MixJson;
    const ownerIds = 'ownerIds' in scope ? (scope.ownerIds ?? null) : null;
    const expected = mixFrom(
      mixCellsOf(
        {
          deals: historyInScope(world, scope).deals,
          products: world.products,
          accounts: world.accounts,
          leads: world.leads.map((lead) => ({ ...lead, ownerId: null })),
        },
        { start: period.start, end: period.end, bands, ownerIds },
      ),
    );
    expect({
      bands: json.sizeBands.map(({ fromMinor: _f, belowMinor: _b, ...rest }) => rest),
      products: json.products,
      dealsWithoutProducts: json.dealsWithoutProducts,
      tiers: json.valueTiers,
      sources: json.sources,
    }).toEqual(expected);
    expect(json.sizeBands.map((row) => row.fromMinor)).toEqual([
      bands.bigFromMinor,
      bands.mediumFromMinor,
      0,
    ]);
  }
});
