import type { WinFeatureRow } from '../../src/domain/analytics/win-model/features.js';
import type { World } from './analytics-world.js';

/**
 * What `store/analytics/win-features.sql.ts` must read for each live deal of the world's
 * main pipeline, computed from the generated history in memory: the reference the SQL is
 * held to on both databases.
 */
export function referenceFeatureRows(world: World): WinFeatureRow[] {
  const stages = new Map(world.stages.map((stage) => [stage.id, stage]));
  const accounts = new Map(world.accounts.map((account) => [account.id, account]));
  return world.deals
    .filter((deal) => deal.pipelineId === world.pipelineId && !deal.deleted)
    .map((deal) => {
      const visits = world.visits.filter((visit) => visit.opportunityId === deal.id);
      // The latest entry; of visits entered at the same instant, the one written last
      // (reversed, then a stable sort), as the SQL's `order by entered_at desc, id desc`.
      const lastOpen = visits
        .filter((visit) => stages.get(visit.stageId)?.kind === 'open')
        .reverse()
        .sort((a, b) => (a.enteredAt < b.enteredAt ? 1 : a.enteredAt > b.enteredAt ? -1 : 0))[0];
      const closed = deal.status !== 'open';
      const stageId = closed ? (lastOpen?.stageId ?? null) : deal.stageId;
      const product = world.products
        .filter((p) => p.opportunityId === deal.id)
        .sort((a, b) => b.amountMinor - a.amountMinor)[0];
      const account = accounts.get(deal.accountId);
      return {
        id: deal.id,
        status: deal.status,
        stageId,
        stageProbability: stageId === null ? null : (stages.get(stageId)?.probability ?? null),
        source: deal.source,
        industry: account?.industry ?? null,
        size: account?.size ?? null,
        productType: product?.productType ?? null,
        ownerId: deal.ownerId,
        stageSince: closed
          ? (lastOpen?.enteredAt ?? null)
          : (visits.at(-1)?.enteredAt ?? deal.createdAt),
        stageUntil: closed ? (lastOpen?.leftAt ?? deal.closedAt) : null,
        activityCount: world.activities.filter(
          (a) =>
            a.opportunityId === deal.id &&
            (deal.closedAt === null || a.occurredAt <= deal.closedAt),
        ).length,
      };
    });
}
