import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { summarisePipeline } from '../../app/pipeline-summary.service.js';
import {
  archivePipeline,
  createPipeline,
  getPipeline,
  listAllPipelines,
  restorePipeline,
  updatePipeline,
} from '../../app/pipelines.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  Pipeline,
  PipelineCreate,
  PipelineList,
  PipelineListQuery,
  PipelinePatch,
  PipelineSummary,
} from '../schemas/pipeline.schema.js';

export function pipelineRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Pipelines'];

  app.get(
    '/pipelines',
    {
      schema: {
        tags,
        operationId: 'listPipelines',
        summary: 'List pipelines with their stages',
        querystring: PipelineListQuery,
        response: { 200: PipelineList, ...problems(400, 401) },
      },
    },
    async (request) => ({
      items: await listAllPipelines(ctx, requirePrincipal(request), {
        includeArchived: request.query.archived === 'include',
      }),
      nextCursor: null,
    }),
  );

  app.post(
    '/pipelines',
    {
      schema: {
        tags,
        operationId: 'createPipeline',
        summary: 'Create a pipeline',
        body: PipelineCreate,
        response: { 201: Pipeline, ...problems(400, 401, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPipeline(ctx, requirePrincipal(request), request.body)),
  );

  app.get(
    '/pipelines/:id',
    {
      schema: {
        tags,
        operationId: 'getPipeline',
        summary: 'Get a pipeline with its stages',
        params: IdParams,
        response: { 200: Pipeline, ...problems(400, 401, 404) },
      },
    },
    async (request) => getPipeline(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/pipelines/:id',
    {
      schema: {
        tags,
        operationId: 'updatePipeline',
        summary: 'Update a pipeline and its stages',
        description:
          'Stages keep their ids across edits; a stage still used by opportunities can be renamed or re-ordered but not removed (409 stage_in_use).',
        params: IdParams,
        body: PipelinePatch,
        response: { 200: Pipeline, ...problems(400, 401, 404, 409, 422) },
      },
    },
    async (request) =>
      updatePipeline(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.delete(
    '/pipelines/:id',
    {
      schema: {
        tags,
        operationId: 'archivePipeline',
        summary: 'Archive a pipeline',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      await archivePipeline(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/pipelines/:id/restore',
    {
      schema: {
        tags,
        operationId: 'restorePipeline',
        summary: 'Bring an archived pipeline back',
        params: IdParams,
        response: { 200: Pipeline, ...problems(400, 401, 404, 409) },
      },
    },
    async (request) => restorePipeline(ctx, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/pipelines/:id/summary',
    {
      schema: {
        tags,
        operationId: 'getPipelineSummary',
        summary: 'Opportunities, amount and weighted amount per stage',
        params: IdParams,
        response: { 200: PipelineSummary, ...problems(400, 401, 404) },
      },
    },
    async (request) => summarisePipeline(ctx, requirePrincipal(request), request.params.id),
  );
}
