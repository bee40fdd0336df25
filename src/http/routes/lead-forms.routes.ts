import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  createLeadForm,
  getLeadForm,
  leadForms,
  revokeLeadForm,
  rotateLeadForm,
  updateLeadForm,
} from '../../app/lead-forms.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  LeadForm,
  LeadFormCreate,
  LeadFormPatch,
  LeadFormWithToken,
} from '../schemas/leads.schema.js';

const tags = ['Lead forms'];

/** Managing the public web forms that capture leads (the submissions: lead-capture.routes.ts). */
export function leadFormRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/lead-forms',
    {
      schema: {
        tags,
        operationId: 'listLeadForms',
        summary: 'The tenant’s live web forms, newest first',
        response: { 200: LeadForm.array(), ...problems(401, 403) },
      },
    },
    async (request) => leadForms(ctx, requirePrincipal(request)),
  );

  app.post(
    '/lead-forms',
    {
      schema: {
        tags,
        operationId: 'createLeadForm',
        summary: 'Create a web form; its token is shown only in this answer',
        body: LeadFormCreate,
        response: { 201: LeadFormWithToken, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createLeadForm(ctx, requirePrincipal(request), request.body)),
  );

  app.get(
    '/lead-forms/:id',
    {
      schema: {
        tags,
        operationId: 'getLeadForm',
        summary: 'Get a web form (never its token)',
        params: IdParams,
        response: { 200: LeadForm, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getLeadForm(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/lead-forms/:id',
    {
      schema: {
        tags,
        operationId: 'updateLeadForm',
        summary: 'Change a web form’s mapping, campaign, source or destination',
        params: IdParams,
        body: LeadFormPatch,
        response: { 200: LeadForm, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateLeadForm(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/lead-forms/:id/rotate',
    {
      schema: {
        tags,
        operationId: 'rotateLeadForm',
        summary: 'Replace a web form’s token; the old one stops working at once',
        params: IdParams,
        response: { 200: LeadFormWithToken, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => rotateLeadForm(ctx, requirePrincipal(request), request.params.id),
  );

  app.delete(
    '/lead-forms/:id',
    {
      schema: {
        tags,
        operationId: 'revokeLeadForm',
        summary: 'Revoke a web form: submissions with its token answer 404 from now on',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await revokeLeadForm(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
