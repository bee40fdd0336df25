import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainWinModel } from '../../src/app/analytics/win-model.service.js';
import { winModelReport } from '../../src/app/analytics/win-model.report.js';
import { getWinProbability } from '../../src/app/analytics/win-probability.service.js';
import { enqueueNow } from '../../src/app/jobs.service.js';
import { parseMetrics, parseParameters } from '../../src/app/analytics/win-model.schema.js';
import { featuresOf } from '../../src/domain/analytics/win-model/features.js';
import { naiveBayesTrainer, predictWin } from '../../src/domain/analytics/win-model/naive-bayes.js';
import { isHeldOut } from '../../src/domain/analytics/win-model/split.js';
import { evaluateWinModel } from '../../src/domain/analytics/win-model/training.js';
import type { HeldOutDeal } from '../../src/domain/analytics/win-model/training.js';
import { fromJsonColumn } from '../../src/store/json.js';
import { handleError } from '../../src/http/problem.js';
import { winProbabilityRoutes } from '../../src/http/routes/win-probability.routes.js';
import { runDueJobs } from '../../src/runtime.js';
import { openAnalyticsDatabase, loadWorld } from '../support/analytics-load.js';
import type { AnalyticsDatabase, LoadedWorld } from '../support/analytics-load.js';
import { generateWorld } from '../support/analytics-world.js';
import type { World } from '../support/analytics-world.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { referenceFeatureRows } from '../support/win-model-reference.js';

/**
 * The learned win probability end to end on every database: a generated history where the
 * lead source truly predicts the outcome (referral deals mostly won, cold ones mostly
 * lost, nothing else related to it), trained through the service, the job and the CLI's
 * service calls, then read back through the report and the per-deal endpoint.
 */
const NOW = new Date('2026-06-30T12:00:00.000Z');

/** A world whose closed deals' sources follow their outcome: P(referral | won) = 0.8. */
function biasedWorld(seed: number, deals: number): World {
  const world = generateWorld({ seed, deals });
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  return {
    ...world,
    deals: world.deals.map((deal) => {
      const referralShare = deal.status === 'won' ? 0.8 : deal.status === 'lost' ? 0.2 : 0.5;
      return { ...deal, source: next() < referralShare ? 'referral' : 'cold' };
    }),
  };
}

const liveIn = (world: World, status: 'open' | 'closed') =>
  world.deals.filter(
    (deal) =>
      deal.pipelineId === world.pipelineId &&
      !deal.deleted &&
      (status === 'open' ? deal.status === 'open' : deal.status !== 'open'),
  );

describe.each(dialectsUnderTest())('learned win probability ($name)', (dialect) => {
  let database: AnalyticsDatabase;
  beforeAll(async () => {
    database = await openAnalyticsDatabase(dialect, NOW.toISOString());
  });
  afterAll(async () => database?.close());

  const db = () => database.runtime.store.db;
  const predictionsOf = (tenantId: string) =>
    db()
      .selectFrom('win_predictions')
      .innerJoin('opportunities', (join) =>
        join
          .onRef('opportunities.tenant_id', '=', 'win_predictions.tenant_id')
          .onRef('opportunities.id', '=', 'win_predictions.opportunity_id'),
      )
      .select(['opportunity_id', 'model_id', 'probability_bp', 'opportunities.source'])
      .where('win_predictions.tenant_id', '=', tenantId)
      .execute();
  const modelsOf = (tenantId: string) =>
    db()
      .selectFrom('win_models')
      .select(['id', 'status', 'pipeline_id'])
      .where('tenant_id', '=', tenantId)
      .orderBy('trained_at')
      .execute();

  it('refuses to learn from too few closed deals, and says so', async () => {
    const world = biasedWorld(7, 25);
    const loaded = await loadWorld(db(), world);
    const result = await trainWinModel(
      database.runtime.ctx,
      loaded.tenantId,
      world.pipelineId,
      NOW,
    );
    expect(result).toEqual({
      status: 'insufficient_data',
      pipelineId: world.pipelineId,
      reason: 'too_few_closed_deals',
      closedDeals: liveIn(world, 'closed').length,
      minimumClosedDeals: 30,
      predictions: 'unchanged',
    });
    expect(await modelsOf(loaded.tenantId)).toEqual([]);
    expect(await predictionsOf(loaded.tenantId)).toEqual([]);
    const report = await winModelReport.execute(database.runtime.ctx, loaded.principal, {}, {});
    expect(report.json).toMatchObject({ model: null, minimumClosedDeals: 30 });
  });

  describe('on a history where the source predicts the outcome', () => {
    let world: World;
    let loaded: LoadedWorld;
    let first: Awaited<ReturnType<typeof trainWinModel>>;

    beforeAll(async () => {
      world = biasedWorld(20_260_630, 500);
      loaded = await loadWorld(db(), world);
      first = await trainWinModel(database.runtime.ctx, loaded.tenantId, world.pipelineId, NOW, {
        batchSize: 37,
      });
    }, 60_000);

    it('trains on the closed deals not held out and judges on the rest', () => {
      if (first.status !== 'trained') throw new Error(`not trained: ${JSON.stringify(first)}`);
      const closed = liveIn(world, 'closed');
      const held = closed.filter((deal) => isHeldOut(deal.id));
      expect(first.sampleSize).toBe(closed.length);
      expect(first.metrics.heldOutSize).toBe(held.length);
      expect(first.metrics.heldOutWins).toBe(held.filter((deal) => deal.status === 'won').length);
      expect(first.metrics.trainingSize).toBe(closed.length - held.length);
      expect(first.metrics.bands.reduce((n, band) => n + band.count, 0)).toBe(held.length);
    });

    it('learns exactly what a reference computed from the history in memory learns', async () => {
      if (first.status !== 'trained') throw new Error('not trained');
      const rows = referenceFeatureRows(world);
      const at = NOW.toISOString();
      const trainer = naiveBayesTrainer();
      const heldOut: HeldOutDeal[] = [];
      for (const row of rows.filter((r) => r.status !== 'open')) {
        const features = featuresOf(row, at);
        const won = row.status === 'won';
        if (isHeldOut(row.id))
          heldOut.push({ features, won, stageProbability: row.stageProbability });
        else trainer.add({ features, won });
      }
      const model = trainer.model();
      const stored = await db()
        .selectFrom('win_models')
        .select(['parameters', 'metrics', 'sample_size'])
        .where('tenant_id', '=', loaded.tenantId)
        .where('id', '=', first.modelId)
        .executeTakeFirstOrThrow();
      expect(parseParameters(fromJsonColumn(stored.parameters))).toEqual(model);
      expect(parseMetrics(fromJsonColumn(stored.metrics))).toEqual(
        evaluateWinModel(model, heldOut),
      );
      const predicted = new Map(
        (await predictionsOf(loaded.tenantId)).map((row) => [
          row.opportunity_id,
          Number(row.probability_bp),
        ]),
      );
      for (const row of rows.filter((r) => r.status === 'open'))
        expect([row.id, predicted.get(row.id)]).toEqual([
          row.id,
          predictWin(model, featuresOf(row, at)).probabilityBp,
        ]);
    });

    it('beats the base rate and the stage probabilities', () => {
      if (first.status !== 'trained') throw new Error('not trained');
      const { brier, baseRateBrier, stageBaselineBrier } = first.metrics;
      expect(brier).not.toBeNull();
      expect(brier ?? 1).toBeLessThan(baseRateBrier ?? 0);
      expect(brier ?? 1).toBeLessThan(stageBaselineBrier ?? 0);
    });

    it('scores every open deal of the pipeline, referral above cold', async () => {
      if (first.status !== 'trained') throw new Error('not trained');
      const rows = await predictionsOf(loaded.tenantId);
      const open = liveIn(world, 'open');
      expect(first.scored).toBe(open.length);
      expect(rows.map((row) => row.opportunity_id).sort()).toEqual(open.map((d) => d.id).sort());
      expect(new Set(rows.map((row) => row.model_id))).toEqual(new Set([first.modelId]));
      const mean = (source: string) => {
        const of = rows.filter((row) => row.source === source);
        return of.reduce((sum, row) => sum + Number(row.probability_bp), 0) / of.length;
      };
      expect(mean('referral')).toBeGreaterThan(mean('cold') + 2_000);
    });

    it('explains a deal’s probability with its top factors, in both languages', async () => {
      const deal = liveIn(world, 'open').find((d) => d.source === 'referral');
      if (!deal) throw new Error('no open referral deal');
      const found = await getWinProbability(database.runtime.ctx, loaded.principal, deal.id);
      expect(found.probabilityBp).toBeGreaterThan(0);
      expect(found.model?.active).toBe(true);
      expect(found.factors.length).toBeGreaterThan(0);
      expect(found.factors.length).toBeLessThanOrEqual(3);
      expect(found.factors.find((f) => f.feature === 'source')).toMatchObject({
        value: 'referral',
        direction: 'raises',
      });
    });

    it('reports calibration and the open deals in scope', async () => {
      if (first.status !== 'trained') throw new Error('not trained');
      const report = await winModelReport.execute(database.runtime.ctx, loaded.principal, {}, {});
      const json = report.json as {
        model: { id: string; metrics: unknown };
        openDeals: {
          scored: number;
          unscored: number;
          amountMinor: number;
          bands: { count: number }[];
        };
      };
      expect(json.model.id).toBe(first.modelId);
      expect(json.model.metrics).toEqual(first.metrics);
      const inScope = liveIn(world, 'open').filter((d) => d.currency === world.currency);
      expect(json.openDeals.scored).toBe(inScope.length);
      expect(json.openDeals.unscored).toBe(0);
      expect(json.openDeals.amountMinor).toBe(inScope.reduce((sum, d) => sum + d.amountMinor, 0));
      expect(json.openDeals.bands.reduce((n, band) => n + band.count, 0)).toBe(inScope.length);
      const table = report.table('zh-CN');
      expect(table.headers[0]).toBe('概率区间');
      expect(table.rows).toHaveLength(14);
    });

    it('a retrain supersedes the old model and repoints every prediction', async () => {
      if (first.status !== 'trained') throw new Error('not trained');
      const later = new Date(NOW.getTime() + 86_400_000);
      const second = await trainWinModel(
        database.runtime.ctx,
        loaded.tenantId,
        world.pipelineId,
        later,
      );
      if (second.status !== 'trained') throw new Error('not trained');
      expect(second.supersededModelId).toBe(first.modelId);
      const models = await modelsOf(loaded.tenantId);
      expect(models.map((m) => [m.id, m.status])).toEqual([
        [first.modelId, 'superseded'],
        [second.modelId, 'active'],
      ]);
      const rows = await predictionsOf(loaded.tenantId);
      expect(new Set(rows.map((row) => row.model_id))).toEqual(new Set([second.modelId]));
      // Same history, same split: the same counts and so the same accuracy.
      expect(second.metrics.brier).toBe(first.metrics.brier);
    });

    it('the daily job trains every pipeline in use', async () => {
      await enqueueNow(database.runtime.ctx, loaded.tenantId, 'win_model_train');
      const reports = await runDueJobs(database.runtime, { schedule: false });
      const ours = reports.find(
        (r) => r.job.kind === 'win_model_train' && r.job.tenantId === loaded.tenantId,
      );
      expect(ours?.ok, ours?.error ?? '').toBe(true);
      const result = ours?.result as { pipelines: Record<string, string> };
      expect(result.pipelines.main).toMatch(/^trained: \d+ closed, \d+ scored/);
      // The other pipeline holds ~8% of the deals: trained or refused, but always answered.
      expect(result.pipelines.other).toMatch(/^(trained|too_few_closed_deals)/);
      const active = (await modelsOf(loaded.tenantId)).filter((m) => m.status === 'active');
      expect(active).toHaveLength(1);
    });

    it('serves the prediction at GET /opportunities/:id/win-probability', async () => {
      // API ids are UUIDs, the generated world's are not: clone an open referral deal.
      const source = liveIn(world, 'open').find((d) => d.source === 'referral');
      if (!source) throw new Error('no open referral deal');
      const row = await db()
        .selectFrom('opportunities')
        .selectAll()
        .where('tenant_id', '=', loaded.tenantId)
        .where('id', '=', source.id)
        .executeTakeFirstOrThrow();
      const dealId = randomUUID();
      await db()
        .insertInto('opportunities')
        .values({ ...row, id: dealId })
        .execute();
      await trainWinModel(database.runtime.ctx, loaded.tenantId, world.pipelineId, NOW);
      const found = await getWinProbability(database.runtime.ctx, loaded.principal, dealId);
      const deal = { id: dealId };

      const app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      app.decorateRequest('principal', null);
      app.decorateRequest('locale', 'en');
      app.setErrorHandler(handleError);
      app.addHook('onRequest', (request, _reply, done) => {
        request.principal = loaded.principal;
        request.locale = request.headers['accept-language'] === 'zh-CN' ? 'zh-CN' : 'en';
        done();
      });
      winProbabilityRoutes(app, database.runtime.ctx);
      const ask = (locale: string) =>
        app.inject({
          method: 'GET',
          url: `/opportunities/${deal.id}/win-probability`,
          headers: { 'accept-language': locale },
        });
      const response = await ask('en');
      expect(response.statusCode, response.body).toBe(200);
      const en = response.json<{
        probabilityBp: number;
        factors: { message: string; feature: string }[];
      }>();
      const zh = (await ask('zh-CN')).json<{ factors: { message: string; feature: string }[] }>();
      expect(en.probabilityBp).toBe(found.probabilityBp);
      const sourceMessage = (body: { factors: { message: string; feature: string }[] }) =>
        body.factors.find((f) => f.feature === 'source')?.message;
      expect(sourceMessage(en)).toMatch(/^Source: referral — more common among won deals/);
      expect(sourceMessage(zh)).toMatch(/^来源：referral——赢单中比输单中更常见/);
      const missing = await app.inject({
        method: 'GET',
        url: `/opportunities/${randomUUID()}/win-probability`,
      });
      expect(missing.statusCode).toBe(404);
      await app.close();
    });
  });
});
