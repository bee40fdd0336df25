import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  createForecastOverride,
  listForecastOverrides,
  setForecastCategory,
} from '../../app/forecast-calls.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  ForecastCall,
  ForecastCallBody,
  ForecastOverride,
  ForecastOverrideCreate,
  ForecastOverrideList,
  ForecastOverrideQuery,
} from '../schemas/forecast.schema.js';

/**
 * Forecast calls: a rep's category on a deal and managers' overrides of a forecast. The
 * figures themselves are the `forecast` report (`GET /reports/forecast`).
 */
export function forecastRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Forecast'];
  app.put(
    '/opportunities/:id/forecast-category',
    {
      schema: {
        tags,
        operationId: 'setOpportunityForecastCategory',
        summary: 'Set the rep’s forecast category of an open deal (null: the stage’s)',
        description:
          'The owner, or a manager or admin who can see the deal, calls it commit, best case, pipeline or omitted. Audited. A stale `version` answers 409, as does a closed deal.',
        params: IdParams,
        body: ForecastCallBody,
        response: { 200: ForecastCall, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      setForecastCategory(ctx, requirePrincipal(request), request.params.id, request.body),
  );
  app.post(
    '/forecast-overrides',
    {
      schema: {
        tags,
        operationId: 'createForecastOverride',
        summary: 'Record a manager’s forecast call for a rep or a team and a period',
        description:
          'Overrides are only ever added: the latest for a subject, pipeline, currency, period and category is the one in force, and the forecast report shows it beside the reps’ figures. Admins may override anyone; managers the people and teams they manage (403 otherwise). Audited.',
        body: ForecastOverrideCreate,
        response: { 201: ForecastOverride, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createForecastOverride(ctx, requirePrincipal(request), request.body)),
  );
  app.get(
    '/forecast-overrides',
    {
      schema: {
        tags,
        operationId: 'listForecastOverrides',
        summary: 'The managers’ overrides in force (latest per subject, period and category)',
        description:
          'Admins read every override; managers those of the people and teams they manage; others get 403.',
        querystring: ForecastOverrideQuery,
        response: { 200: ForecastOverrideList, ...problems(400, 401, 403, 422) },
      },
    },
    async (request) => ({
      items: await listForecastOverrides(ctx, requirePrincipal(request), request.query),
    }),
  );
}
