import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { WinFactorSchema } from '../../app/analytics/win-model.schema.js';
import { getWinProbability } from '../../app/analytics/win-probability.service.js';
import { describeWinFactor, oddsMultiplier, winFeatureName } from '../../i18n/win-factors.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';

const WinProbability = z
  .object({
    opportunityId: z.string(),
    probabilityBp: z
      .number()
      .int()
      .nullable()
      .describe('Learned win probability in basis points (0–10000); null until scored'),
    stageProbability: z
      .number()
      .int()
      .nullable()
      .describe('The deal’s stage probability, percent, for comparison'),
    scoredAt: z.string().nullable(),
    model: z
      .object({ id: z.string(), trainedAt: z.string(), active: z.boolean() })
      .nullable()
      .describe('The model that made the prediction'),
    factors: z
      .array(
        WinFactorSchema.extend({
          featureName: z.string().describe('The feature, in your language'),
          label: z.string().nullable().describe('The stage’s or owner’s name when value is an id'),
          oddsMultiplier: z.number().describe('e^weight: the factor multiplies the odds by this'),
          message: z.string().describe('Why, in your language'),
        }),
      )
      .describe('The features that moved the odds most, strongest first'),
  })
  .meta({ id: 'WinProbability' });

/**
 * `GET /opportunities/:id/win-probability`: one deal's learned win probability with its top
 * factors, explained in the reader's language. Same visibility as reading the deal.
 */
export function winProbabilityRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/opportunities/:id/win-probability',
    {
      schema: {
        tags: ['Opportunities'],
        operationId: 'getOpportunityWinProbability',
        summary: 'The deal’s learned win probability and the factors behind it',
        description:
          'Predicted by the pipeline’s win model (naive Bayes trained daily on the tenant’s closed deals) when it last scored the open deals. `probabilityBp` is null when the pipeline has no model yet (fewer than 30 closed deals, or all of one outcome) or the deal has not been scored since it was created or moved.',
        params: IdParams,
        response: { 200: WinProbability, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const result = await getWinProbability(ctx, requirePrincipal(request), request.params.id);
      const locale = request.locale;
      return {
        ...result,
        factors: result.factors.map(({ label, ...factor }) => ({
          ...factor,
          featureName: winFeatureName(factor.feature, locale),
          label: label?.[locale] ?? null,
          oddsMultiplier: oddsMultiplier(factor),
          message: describeWinFactor(factor, locale, label),
        })),
      };
    },
  );
}
