import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pipelineBoard } from '../../app/board.service.js';
import type { AppContext } from '../../app/context.js';
import { requirePrincipal } from '../request-context.js';
import { Board, BoardQuery } from '../schemas/board.schema.js';
import { IdParams, problems } from '../schemas/common.js';

/** `GET /pipelines/:id/board`: the kanban's cards and columns in one answer. */
export function boardRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    '/pipelines/:id/board',
    {
      schema: {
        tags: ['Pipelines'],
        operationId: 'getPipelineBoard',
        summary: 'The pipeline board: open deals as cards, and per-stage totals',
        description:
          'Every matching card up to `limit` (at most 5,000; `truncated` says more match). ' +
          'Open deals only, unless `include=closed` (then also those won or lost in the last ' +
          '`closedDays`, default 30). Column totals count every matching deal.',
        params: IdParams,
        querystring: BoardQuery,
        response: { 200: Board, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { ownerIds, ...query } = request.query;
      return pipelineBoard(ctx, requirePrincipal(request), request.params.id, {
        ...query,
        ...(ownerIds === undefined
          ? {}
          : { ownerIds: typeof ownerIds === 'string' ? [ownerIds] : ownerIds }),
      });
    },
  );
}
