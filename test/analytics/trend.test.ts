import { expect } from 'vitest';
import { funnelReport } from '../../src/app/analytics/funnel.report.js';
import { trendReport } from '../../src/app/analytics/trend.report.js';
import { takePipelineSnapshot } from '../../src/app/pipeline-snapshots.service.js';
import type { Database } from '../../src/store/schema.js';
import type { Kysely } from 'kysely';
import { describeAgreement } from '../support/analytics-agreement.js';
import { ownersOfTeam } from '../support/analytics-world.js';
import type { World } from '../support/analytics-world.js';

interface Cell {
  count: number;
  amountMinor: number;
  weightedMinor: number;
}
interface TrendJson {
  buckets: (Cell & {
    from: string;
    snapshotDate: string | null;
    stages: (Cell & { stageId: string })[];
    forecastCategories: (Cell & { category: string })[];
  })[];
}
interface FunnelJson {
  stages: (Cell & { stage: { stageId: string } })[];
}

const snapshotRows = (db: Kysely<Database>, tenantId: string) =>
  db
    .selectFrom('pipeline_snapshots')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();

/** The forecast category a world's open deal snapshots under: its own, else its stage's. */
function categoryTotals(world: World, ownerIds: readonly string[] | null, currency: string) {
  const totals = new Map<string, Cell>();
  for (const deal of world.deals) {
    const stage = world.stages.find((s) => s.id === deal.stageId);
    if (deal.pipelineId !== world.pipelineId || deal.deleted || deal.currency !== currency)
      continue;
    if (!stage || stage.kind !== 'open') continue;
    if (ownerIds !== null && !ownerIds.includes(deal.ownerId)) continue;
    const category = deal.forecastCategory ?? (stage.probability >= 50 ? 'best_case' : 'pipeline');
    const cell = totals.get(category) ?? { count: 0, amountMinor: 0, weightedMinor: 0 };
    cell.count += 1;
    cell.amountMinor += deal.amountMinor;
    cell.weightedMinor += (deal.amountMinor * stage.probability) / 100;
    totals.set(category, cell);
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([category, cell]) => ({ category, ...cell }));
}

/**
 * The snapshot job writes the pipeline as it stands; the trend over a day with a snapshot
 * must then give exactly what the funnel's standing view gives for that day (the clock is
 * fixed at the world's "now", 2026-06-30 20:00 in Shanghai, after all its history).
 */
describeAgreement(
  'trend: snapshots agree with the funnel as of the same day',
  async ({ world, loaded, app }) => {
    const db = app.store.db;
    const first = await takePipelineSnapshot(app, loaded.tenantId);
    expect(first.snapshotDate).toBe('2026-06-30');
    const rows = await snapshotRows(db, loaded.tenantId);
    // Idempotent: a second run the same day leaves exactly the same rows.
    const again = await takePipelineSnapshot(app, loaded.tenantId);
    expect(again).toEqual(first);
    expect(
      (await snapshotRows(db, loaded.tenantId)).map(({ created_at: _, ...row }) => row),
    ).toEqual(rows.map(({ created_at: _, ...row }) => row));
    expect(first.cells).toBe(rows.length);

    const team = world.teams[1]?.id ?? '';
    for (const { filter, ownerIds, currency } of [
      { filter: {}, ownerIds: null, currency: 'CNY' },
      { filter: { currency: 'USD' }, ownerIds: null, currency: 'USD' },
      { filter: { teamId: team }, ownerIds: ownersOfTeam(world, team), currency: 'CNY' },
    ]) {
      for (const grain of ['day', 'week', 'month'] as const) {
        const trend = (
          await trendReport.execute(
            app,
            loaded.principal,
            { from: '2026-06-01', to: '2026-06-30', ...filter },
            { grain },
          )
        ).json as TrendJson;
        const funnel = (
          await funnelReport.execute(
            app,
            loaded.principal,
            { from: '2026-06-01', to: '2026-06-30', ...filter },
            { asOf: '2026-06-30' },
          )
        ).json as FunnelJson;
        const last = trend.buckets[trend.buckets.length - 1];
        // A tenant without a single open deal leaves no snapshot row to find the day by.
        if (rows.length === 0) {
          expect(trend.buckets.every((bucket) => bucket.snapshotDate === null)).toBe(true);
          expect(funnel.stages.every((stage) => stage.count === 0)).toBe(true);
          continue;
        }
        expect(last?.snapshotDate).toBe('2026-06-30');
        // Every earlier bucket had no snapshot.
        expect(trend.buckets.slice(0, -1).every((bucket) => bucket.snapshotDate === null)).toBe(
          true,
        );
        expect(last?.stages).toEqual(
          funnel.stages.map(({ stage, count, amountMinor, weightedMinor }) => ({
            stageId: stage.stageId,
            count,
            amountMinor,
            weightedMinor,
          })),
        );
        const sum = (key: keyof Cell) => funnel.stages.reduce((total, s) => total + s[key], 0);
        expect(last && { c: last.count, a: last.amountMinor, w: last.weightedMinor }).toEqual({
          c: sum('count'),
          a: sum('amountMinor'),
          w: sum('weightedMinor'),
        });
        expect(last?.forecastCategories).toEqual(categoryTotals(world, ownerIds, currency));
      }
    }
  },
);
