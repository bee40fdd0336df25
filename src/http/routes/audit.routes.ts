import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listAudit } from '../../app/audit.service.js';
import type { AppContext } from '../../app/context.js';
import { requirePrincipal } from '../request-context.js';
import { pageOf, problems } from '../schemas/common.js';
import { AuditEntry, AuditListQuery } from '../schemas/system.schema.js';

export function auditRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['Audit'],
        operationId: 'listAuditEntries',
        summary: 'The audit trail, newest first; filter by entity to see one record’s history',
        description:
          'Admins read the whole trail. Everyone else reads the history of one record they can see (`entityType` and `entityId`).',
        querystring: AuditListQuery,
        response: { 200: pageOf(AuditEntry, 'AuditPage'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, sort, ...filter } = request.query;
      return listAudit(ctx, requirePrincipal(request), filter, { limit, cursor, sort });
    },
  );
}
