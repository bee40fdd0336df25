import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { dealTeamHistory, getDealTeam, replaceDealSplits } from '../../app/deal-team.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, pageOf, problems } from '../schemas/common.js';
import { DealSplitsReplace, DealTeam, TeamHistoryQuery } from '../schemas/deal-team.schema.js';
import { AuditEntry } from '../schemas/system.schema.js';

/** The opportunity team, its credit splits and their history (members: opportunities.routes). */
export function dealTeamRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Opportunities'];

  app.get(
    '/opportunities/:id/team',
    {
      schema: {
        tags,
        operationId: 'getDealTeam',
        summary: 'The opportunity team (owner and members) with its credit splits',
        params: IdParams,
        response: { 200: DealTeam, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getDealTeam(ctx, requirePrincipal(request), request.params.id),
  );

  app.put(
    '/opportunities/:id/splits',
    {
      schema: {
        tags,
        operationId: 'replaceDealSplits',
        summary: 'Replace all credit splits of an opportunity (each split type sums to 100 %)',
        description:
          'Validated as a whole: 422 `splits_invalid` lists each broken rule (`split_sum_not_full`, `split_not_on_team`, `split_duplicate`, `split_share_invalid`, `split_role_not_allowed`). 409 when the team changed since `version` was read. Only the owner, managers above the owner and admins may edit.',
        params: IdParams,
        body: DealSplitsReplace,
        response: { 200: DealTeam, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      replaceDealSplits(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/opportunities/:id/team/history',
    {
      schema: {
        tags,
        operationId: 'listDealTeamHistory',
        summary: 'Who changed the team and splits, and when (newest first)',
        description:
          'Audit entries of the deal: add_member, remove_member, replace_splits and move_team (an owner change taking the owner seat and credit along).',
        params: IdParams,
        querystring: TeamHistoryQuery,
        response: {
          200: pageOf(AuditEntry, 'DealTeamHistoryPage'),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      dealTeamHistory(ctx, requirePrincipal(request), request.params.id, request.query),
  );
}
