import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { applyPipelineFile, exportPipeline } from '../../app/pipeline-files.service.js';
import {
  applyPipelineTemplate,
  listPipelineTemplates,
} from '../../app/pipeline-templates.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import { Pipeline, PipelineFile } from '../schemas/pipeline.schema.js';
import {
  ExportQuery,
  PipelineFileText,
  PipelineKeyParams,
  PipelineTemplateList,
  TemplateParams,
} from '../schemas/pipeline-file.schema.js';

/** Media types a pipeline file may be sent as; all are read as text by the same parser. */
const FILE_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'application/json'];

/**
 * Pipelines as code over HTTP: export a pipeline as a file, apply a file, list and apply
 * the templates. Registered in its own encapsulated context, because here a JSON body is
 * a file too: it is kept as text (like YAML) so problems are reported at line and column,
 * and no other media type (not even text/plain) is taken for a file.
 */
export function pipelineFileRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(FILE_TYPES, { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Pipelines'];

  app.get(
    '/pipelines/:id/export',
    {
      schema: {
        tags,
        operationId: 'exportPipeline',
        summary: 'Export a pipeline as a file (YAML or JSON)',
        description:
          'The file `PUT /pipeline-files/{key}` and `pipewright pipelines apply` take: the definition without stage ids. Administrators only.',
        params: IdParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The pipeline file',
            content: {
              'text/yaml': { schema: z.string().describe('YAML text') },
              'application/json': { schema: PipelineFile },
            },
          },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const text = await exportPipeline(ctx, requirePrincipal(request), request.params.id, format);
      return reply
        .type(format === 'json' ? 'application/json; charset=utf-8' : 'text/yaml; charset=utf-8')
        .send(text);
    },
  );

  app.put(
    '/pipeline-files/:key',
    {
      schema: {
        tags,
        operationId: 'putPipelineFile',
        summary: 'Apply a pipeline file: create the pipeline or make it match the file',
        description:
          'Send the file text as application/yaml or text/yaml (or application/json for a JSON file). Stages are matched by key and keep their ids; removing a stage deals use answers 409 stage_in_use. Every problem in the file answers 422 pipeline_invalid with its line and column in errors[]. 201 when created, 200 when updated or already up to date. Administrators only.',
        params: PipelineKeyParams,
        consumes: ['application/yaml', 'text/yaml'],
        body: PipelineFileText,
        response: {
          200: Pipeline,
          201: Pipeline,
          ...problems(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const result = await applyPipelineFile(ctx, requirePrincipal(request), request.body, {
        expectedKey: request.params.key,
      });
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result.pipeline);
    },
  );

  app.get(
    '/pipeline-templates',
    {
      schema: {
        tags,
        operationId: 'listPipelineTemplates',
        summary: 'List the pipeline templates',
        description: 'Ready-made pipelines by industry and team size. Administrators only.',
        response: { 200: PipelineTemplateList, ...problems(401, 403) },
      },
    },
    async (request) => ({
      items: await listPipelineTemplates(requirePrincipal(request)),
      nextCursor: null,
    }),
  );

  app.post(
    '/pipeline-templates/:name/apply',
    {
      schema: {
        tags,
        operationId: 'applyPipelineTemplate',
        summary: "Create a template's pipeline (or reset yours with its key to it)",
        description:
          'Like applying the template as a pipeline file: 201 when created, 200 when updated or already up to date. Administrators only.',
        params: TemplateParams,
        response: { 200: Pipeline, 201: Pipeline, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await applyPipelineTemplate(
        ctx,
        requirePrincipal(request),
        request.params.name,
      );
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result.pipeline);
    },
  );
}
