import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { listStalled } from '../../app/stalled.service.js';
import { describeStall } from '../../i18n/stalled.js';
import { requirePrincipal } from '../request-context.js';
import { problems } from '../schemas/common.js';
import { StalledListQuery, StalledOpportunityPage } from '../schemas/stalled.schema.js';

/**
 * Stalled deals for a pipeline review. A static path: Fastify matches it before
 * `/opportunities/:id`, whatever the registration order.
 */
export function stalledRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/opportunities/stalled',
    {
      schema: {
        tags: ['Opportunities'],
        operationId: 'listStalledOpportunities',
        summary: 'Open deals that are stalled, with the reasons, longest in stage first',
        description:
          'A deal is stalled when it has been in its stage longer than the stage expects or than 75% of the tenant’s past deals there (once 20 closed intervals exist), when required key actions are not done after the stage’s cadence (else 7 days), or when nothing was logged within the cadence and no next step is scheduled. Deals you cannot see are never listed; a page may hold fewer than `limit` items while `nextCursor` is set.',
        querystring: StalledListQuery,
        response: { 200: StalledOpportunityPage, ...problems(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await listStalled(ctx, requirePrincipal(request), filter, {
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return {
        items: page.items.map((item) => ({
          opportunity: item.opportunity,
          flags: item.flags.map((flag) => ({
            ...flag,
            message: describeStall(flag, request.locale),
          })),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
