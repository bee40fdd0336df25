import { expect } from 'vitest';
import { targetsReport } from '../../src/app/analytics/targets.report.js';
import { attainmentOf } from '../../src/domain/analytics/targets-report.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { loadTargets, targetsInScopeOf, worldTargets } from '../support/analytics-targets.js';
import { loadSplits, splitsOf, worldSplits } from '../support/analytics-splits.js';
import type { WorldSplits } from '../support/analytics-splits.js';
import { ownersOfTeam } from '../support/analytics-world.js';
import type { World } from '../support/analytics-world.js';
import type { WorldTarget } from '../support/analytics-targets.js';

interface TargetsJson {
  targets: ({ targetId: string } & Record<string, unknown>)[];
}

const ZONE = 'Asia/Shanghai';

/** The reference's view of the filter: which targets, and whose deals each one counts. */
function expectedFor(
  world: World,
  targets: readonly WorldTarget[],
  period: { from: string; to: string },
  filter: { currency?: string; teamId?: string; ownerId?: string },
  splits: WorldSplits,
) {
  const currency = filter.currency ?? world.currency;
  const inScope = targetsInScopeOf(world, targets, period, filter);
  // Won and open figures credit the revenue split holders (the owner where not split).
  const deals = world.deals
    .filter((deal) => !deal.deleted && deal.currency === currency)
    .map((deal) => ({ ...deal, revenueSplits: splitsOf(splits, deal.id, 'revenue') }));
  const figures = attainmentOf(
    inScope.map((t) => ({
      ...t,
      ownerIds: t.subjectType === 'user' ? [t.subjectId] : ownersOfTeam(world, t.subjectId),
    })),
    deals,
    period,
    ZONE,
  );
  return figures.map(({ targetId, ...rest }) => {
    const t = inScope.find((candidate) => candidate.id === targetId);
    return {
      targetId,
      subjectType: t?.subjectType,
      subjectId: t?.subjectId,
      pipelineId: t?.pipelineId,
      periodStart: t?.periodStart,
      periodEnd: t?.periodEnd,
      amountMinor: t?.amountMinor,
      ...rest,
    };
  });
}

const byId = (a: { targetId: string }, b: { targetId: string }) =>
  a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0;

describeAgreement('targets: SQL agrees with the reference', async ({ world, loaded, app }) => {
  const targets = worldTargets(world, world.deals.length * 7919 + world.owners.length);
  await loadTargets(app.store.db, loaded.tenantId, targets, world.now);
  const splits = worldSplits(world, world.deals.length * 104_729 + 17);
  await loadSplits(app.store.db, loaded.tenantId, splits);
  const east = world.teams[1]?.id ?? '';
  const filters = [
    {},
    { currency: 'USD' },
    { teamId: east },
    { ownerId: world.owners[0]?.id ?? '' },
  ];
  for (const period of [
    { from: '2025-07-01', to: '2026-06-30' },
    { from: '2026-02-01', to: '2026-02-28' },
  ])
    for (const filter of filters) {
      const outcome = await targetsReport.execute(
        app,
        loaded.principal,
        { ...period, ...filter },
        {},
      );
      const json = outcome.json as TargetsJson;
      const actual = json.targets.map(({ subjectName: _n, ...rest }) => rest).sort(byId);
      expect(actual).toEqual(expectedFor(world, targets, period, filter, splits).sort(byId));
      expect(outcome.table('zh-CN').rows).toHaveLength(json.targets.length);
    }
});
