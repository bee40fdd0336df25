import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  createOpportunity,
  deleteOpportunity,
  getOpportunity,
  listOpportunitiesPage,
  restoreOpportunity,
  updateOpportunity,
} from '../../app/opportunities.service.js';
import {
  addOpportunityMember,
  opportunityMembers,
  removeOpportunityMember,
} from '../../app/members.service.js';
import { registerCrud } from '../crud.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, pageOf, problems } from '../schemas/common.js';
import {
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityPatch,
  MemberParams,
  OpportunityMember,
  OpportunityMemberCreate,
} from '../schemas/opportunity.schema.js';

export function opportunityRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  registerCrud(fastify, ctx, {
    path: '/opportunities',
    tag: 'Opportunities',
    names: { one: 'Opportunity', many: 'Opportunities' },
    item: Opportunity,
    page: pageOf(Opportunity, 'OpportunityPage'),
    create: OpportunityCreate,
    patch: OpportunityPatch,
    listQuery: OpportunityListQuery,
    softDelete: true,
    service: {
      create: createOpportunity,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listOpportunitiesPage(c, p, filter, { limit, cursor, sort }),
      get: getOpportunity,
      update: updateOpportunity,
      remove: deleteOpportunity,
      restore: restoreOpportunity,
    },
  });

  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Opportunities'];

  app.get(
    '/opportunities/:id/members',
    {
      schema: {
        tags,
        operationId: 'listOpportunityMembers',
        summary: 'The opportunity team (besides the owner)',
        params: IdParams,
        response: { 200: OpportunityMember.array(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => opportunityMembers(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/opportunities/:id/members',
    {
      schema: {
        tags,
        operationId: 'addOpportunityMember',
        summary: 'Add a colleague to the opportunity team (they can then see the deal)',
        params: IdParams,
        body: OpportunityMemberCreate,
        response: { 201: OpportunityMember, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addOpportunityMember(
            ctx,
            requirePrincipal(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.delete(
    '/opportunities/:id/members/:userId',
    {
      schema: {
        tags,
        operationId: 'removeOpportunityMember',
        summary: 'Remove a colleague from the opportunity team',
        params: MemberParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeOpportunityMember(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.params.userId,
      );
      return reply.code(204).send();
    },
  );
}
