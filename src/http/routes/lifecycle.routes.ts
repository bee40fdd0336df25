import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { getAccountLifetime } from '../../app/lifecycle/account-lifetime.service.js';
import { createExpansion, listExpansions } from '../../app/lifecycle/expansions.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import { AccountLifetime, ExpansionCreate, ExpansionList } from '../schemas/lifecycle.schema.js';
import { Opportunity } from '../schemas/opportunity.schema.js';

/** Customer lifecycle: a contract's upsells and cross-sells, an account's lifetime value. */
export function lifecycleRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/contracts/:id/expansions',
    {
      schema: {
        tags: ['Contracts'],
        operationId: 'listContractExpansions',
        summary: 'The upsell and cross-sell deals grown from a contract',
        params: IdParams,
        response: { 200: ExpansionList, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listExpansions(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/contracts/:id/expansions',
    {
      schema: {
        tags: ['Contracts'],
        operationId: 'createContractExpansion',
        summary: 'Open an upsell or cross-sell deal on the contract’s customer',
        params: IdParams,
        body: ExpansionCreate,
        response: { 201: Opportunity, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createExpansion(ctx, requirePrincipal(request), request.params.id, request.body),
        ),
  );

  app.get(
    '/accounts/:id/lifetime',
    {
      schema: {
        tags: ['Accounts'],
        operationId: 'getAccountLifetime',
        summary:
          'An account’s lifetime value: contracts, cash collected, renewal and expansion deals',
        params: IdParams,
        response: { 200: AccountLifetime, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getAccountLifetime(ctx, requirePrincipal(request), request.params.id),
  );
}
