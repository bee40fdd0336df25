import { expect } from 'vitest';
import { forecastReport } from '../../src/app/analytics/forecast.report.js';
import type { ForecastJson } from '../../src/app/analytics/forecast.schema.js';
import { forecastOf } from '../../src/domain/analytics/forecast.js';
import type { ForecastStageFact } from '../../src/domain/analytics/forecast.js';
import { pastForecastOf } from '../../src/domain/analytics/forecast-history.js';
import { pastPeriods } from '../../src/domain/analytics/forecast-periods.js';
import { periodOf } from '../../src/domain/analytics/period.js';
import type { ForecastCategory } from '../../src/domain/pipeline/pipeline.js';
import { describeAgreement } from '../support/analytics-agreement.js';
import { historyInScope, ownersOfTeam } from '../support/analytics-world.js';
import type { World } from '../support/analytics-world.js';

const ZONE = 'Asia/Shanghai';

/**
 * The world loader gives stages pipeline / best_case / closed / omitted categories and reps
 * commit / best_case / pipeline calls; this test also makes `negotiate` a commit stage and
 * has some reps call deals omitted, so every category and both sources of it are exercised.
 * Predictions are stored for most open deals, not all, so unscored deals are too.
 */
function stageCategory(stage: World['stages'][number]): ForecastCategory {
  if (stage.key === 'negotiate') return 'commit';
  if (stage.kind === 'won') return 'closed';
  if (stage.kind === 'lost') return 'omitted';
  return stage.probability >= 50 ? 'best_case' : 'pipeline';
}

const omittedCall = (index: number) => index % 7 === 3;
const prediction = (index: number) => (index % 5 === 4 ? null : (index * 2477) % 10_001);

describeAgreement(
  'forecast: SQL agrees with the reference',
  async ({ world, loaded, app }) => {
    const db = app.store.db;
    const negotiate = world.stages.find((stage) => stage.key === 'negotiate');
    await db
      .updateTable('stages')
      .set({ forecast_category: 'commit' })
      .where('tenant_id', '=', loaded.tenantId)
      .where('id', '=', negotiate?.id ?? '')
      .execute();
    const calls = new Map<string, string | null>();
    const predictions = new Map<string, number>();
    for (const [index, deal] of world.deals.entries()) {
      calls.set(
        deal.id,
        deal.status === 'open' && omittedCall(index) ? 'omitted' : deal.forecastCategory,
      );
      const bp = prediction(index);
      if (bp !== null) predictions.set(deal.id, bp);
    }
    const omitted = world.deals.filter((deal, i) => deal.status === 'open' && omittedCall(i));
    for (const deal of omitted)
      await db
        .updateTable('opportunities')
        .set({ forecast_category: 'omitted' })
        .where('tenant_id', '=', loaded.tenantId)
        .where('id', '=', deal.id)
        .execute();
    const rows = [...predictions].map(([id, bp]) => ({
      tenant_id: loaded.tenantId,
      opportunity_id: id,
      model_id: 'model-1',
      probability_bp: bp,
      factors: '[]',
      scored_at: world.now,
    }));
    for (let start = 0; start < rows.length; start += 100)
      await db
        .insertInto('win_predictions')
        .values(rows.slice(start, start + 100))
        .execute();

    const stages: ForecastStageFact[] = world.stages.map((stage) => ({
      ...stage,
      forecastCategory: stageCategory(stage),
    }));
    const team = world.teams[1]?.id ?? '';
    const owner = world.owners[0]?.id ?? '';
    const filters = [
      { filter: {}, scope: {} },
      { filter: { currency: 'USD' }, scope: { currency: 'USD' } },
      { filter: { teamId: team }, scope: { ownerIds: ownersOfTeam(world, team) } },
      { filter: { ownerId: owner }, scope: { ownerIds: [owner] } },
    ];
    const cases = [
      { from: '2026-04-01', to: '2026-09-30', history: 4, minSample: 3 },
      { from: '2026-05-10', to: '2026-08-20', history: 3, minSample: 10 },
    ];
    for (const { from, to, history, minSample } of cases)
      for (const { filter, scope } of filters) {
        const outcome = await forecastReport.execute(
          app,
          loaded.principal,
          { from, to, ...filter },
          { history: String(history), minSample: String(minSample) },
        );
        const json = outcome.json as ForecastJson;
        const inScope = historyInScope(world, scope);
        const experience = historyInScope(world, { currency: scope.currency ?? world.currency });
        const deals = inScope.deals.map((deal) => ({
          ...deal,
          forecastCategory: calls.get(deal.id) ?? null,
        }));
        const period = periodOf(from, to, ZONE);
        const expected = forecastOf(
          { stages, deals, predictions, experience },
          { ...period, minSample },
        );
        expect({
          stages: json.stages.map(({ stage, ...figures }) => ({
            stageId: stage.stageId,
            ...figures,
          })),
          closed: json.closed,
        }).toEqual(expected);
        // Totals are the sums of the stage rows plus the closed figure, model by model.
        const sum = (pick: (row: (typeof expected.stages)[number]) => number) =>
          expected.stages.reduce((total, row) => total + pick(row), 0);
        expect(json.totals.stageWeighted.totalMinor).toBe(
          sum((row) => row.stageWeightedMinor) + expected.closed.amountMinor,
        );
        expect(json.totals.learned.unscoredCount).toBe(sum((row) => row.learned.unscoredCount));
        expect(json.totals.historical.fallbackStageIds).toEqual(
          expected.stages.filter((row) => row.historical.fallback).map((row) => row.stageId),
        );
        const past = pastPeriods(period, history).map((p) => ({
          ...periodOf(p.from, p.to, ZONE),
          minSample,
        }));
        expect(
          json.history.periods.map(({ from: _f, to: _t, complete: _c, ...figures }) => figures),
        ).toEqual(
          past.map((question) =>
            pastForecastOf(
              { stages, deals, visits: inScope.visits, changes: inScope.changes, experience },
              question,
            ),
          ),
        );
        expect(json.history.periods.map((p) => [p.from, p.to])).toEqual(
          past.map((p) => [p.from, p.to]),
        );
        // The table has a row per stage, closed, total and past period.
        expect(outcome.table('en').rows).toHaveLength(json.stages.length + 2 + history);
      }
  },
  { numRuns: 6, maxDeals: 120 },
);
