import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createCloseReason,
  listReasons,
  updateCloseReason,
} from '../../app/close-reasons.service.js';
import type { AppContext } from '../../app/context.js';
import {
  createCustomField,
  customFields,
  deleteCustomField,
  updateCustomField,
} from '../../app/custom-fields.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  CloseReason,
  CloseReasonCreate,
  CloseReasonPatch,
  CustomField,
  CustomFieldCreate,
  CustomFieldPatch,
} from '../schemas/engine.schema.js';

/** Tenant-wide vocabularies the pipeline engine uses: win/loss reasons and custom fields. */
export function settingsRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Settings'];

  app.get(
    '/close-reasons',
    {
      schema: {
        tags,
        operationId: 'listCloseReasons',
        summary: 'The win and loss reasons reviews choose from',
        response: { 200: CloseReason.array(), ...problems(401) },
      },
    },
    async (request) => listReasons(ctx, requirePrincipal(request)),
  );

  app.post(
    '/close-reasons',
    {
      schema: {
        tags,
        operationId: 'createCloseReason',
        summary: 'Add a win or loss reason',
        body: CloseReasonCreate,
        response: { 201: CloseReason, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCloseReason(ctx, requirePrincipal(request), request.body)),
  );

  app.patch(
    '/close-reasons/:id',
    {
      schema: {
        tags,
        operationId: 'updateCloseReason',
        summary: 'Rename, re-order or retire (active: false) a reason',
        params: IdParams,
        body: CloseReasonPatch,
        response: { 200: CloseReason, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateCloseReason(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/custom-fields',
    {
      schema: {
        tags,
        operationId: 'listCustomFields',
        summary: 'The tenant’s custom opportunity fields (gates can require them)',
        response: { 200: CustomField.array(), ...problems(401) },
      },
    },
    async (request) => customFields(ctx, requirePrincipal(request)),
  );

  app.post(
    '/custom-fields',
    {
      schema: {
        tags,
        operationId: 'createCustomField',
        summary: 'Define a custom opportunity field',
        body: CustomFieldCreate,
        response: { 201: CustomField, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCustomField(ctx, requirePrincipal(request), request.body)),
  );

  app.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        operationId: 'updateCustomField',
        summary: 'Relabel or re-order a custom field',
        params: IdParams,
        body: CustomFieldPatch,
        response: { 200: CustomField, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateCustomField(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.delete(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        operationId: 'deleteCustomField',
        summary: 'Delete a custom field no stage requires',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteCustomField(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
