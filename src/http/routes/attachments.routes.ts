import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assertCanAttach,
  attachToOpportunity,
  attachmentContent,
  deleteAttachment,
  opportunityAttachments,
} from '../../app/attachments.service.js';
import type { AppContext } from '../../app/context.js';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachments/content-check.js';
import { DomainError } from '../../domain/errors.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import { Attachment, AttachmentTypeQuery } from '../schemas/engine.schema.js';

export async function attachmentRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  await fastify.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 0 },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Attachments'];

  app.post(
    '/opportunities/:id/attachments',
    {
      schema: {
        tags,
        operationId: 'uploadOpportunityAttachment',
        summary: 'Upload a file (multipart/form-data, field "file") for a deal',
        description: `Up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB; PDF, Office documents, PNG/JPEG or plain text, recognised by content. \`type\` names what it is (a gate may require e.g. a proposal).`,
        params: IdParams,
        querystring: AttachmentTypeQuery,
        response: { 201: Attachment, ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await assertCanAttach(ctx, principal, request.params.id);
      if (!request.isMultipart()) throw new DomainError('unsupported_media_type');
      const file = await request.file();
      if (!file)
        throw new DomainError('validation_failed', {}, [
          { path: 'file', code: 'required', message: 'send one file' },
        ]);
      const content = await file.toBuffer();
      if (file.file.truncated || content.length > MAX_ATTACHMENT_BYTES)
        throw new DomainError('payload_too_large');
      const attachment = await attachToOpportunity(ctx, principal, request.params.id, {
        type: request.query.type,
        fileName: file.filename,
        content,
      });
      return reply.code(201).send(attachment);
    },
  );

  app.get(
    '/opportunities/:id/attachments',
    {
      schema: {
        tags,
        operationId: 'listOpportunityAttachments',
        summary: 'The files of a deal, newest first',
        params: IdParams,
        response: { 200: Attachment.array(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => opportunityAttachments(ctx, requirePrincipal(request), request.params.id),
  );

  // Bytes, not JSON: registered without the type provider so no serializer touches them.
  fastify.get(
    '/attachments/:id/content',
    {
      schema: {
        tags,
        operationId: 'downloadAttachment',
        summary: 'Download a file',
        params: IdParams,
        response: {
          200: {
            description: 'The file',
            content: { 'application/octet-stream': { schema: z.string().describe('file bytes') } },
          },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { attachment, content } = await attachmentContent(ctx, requirePrincipal(request), id);
      return reply
        .type(attachment.contentType)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        )
        .send(content);
    },
  );

  app.delete(
    '/attachments/:id',
    {
      schema: {
        tags,
        operationId: 'deleteAttachment',
        summary: 'Move a file to the trash',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteAttachment(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
