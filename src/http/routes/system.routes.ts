import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../app/audit.service.js';
import { SESSION_TTL_MS, signIn, signOut } from '../../app/auth.service.js';
import type { AppContext } from '../../app/context.js';
import { getTenant } from '../../app/tenants.service.js';
import { DomainError } from '../../domain/errors.js';
import { requirePrincipal, SESSION_COOKIE } from '../request-context.js';
import { NoContent, pageOf, problems } from '../schemas/common.js';
import { AuditEntry, AuditListQuery, Session, SignIn } from '../schemas/system.schema.js';

export function authRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Session'];

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'signIn',
        summary: 'Sign in with e-mail and password',
        description: 'Sets an HttpOnly session cookie used by every other call.',
        security: [],
        body: SignIn,
        response: { 200: Session, ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      const session = await signIn(ctx, request.body, request.id);
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: session.user, tenant: session.tenant, expiresAt: session.expiresAt };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        operationId: 'signOut',
        summary: 'Sign out (revokes this session)',
        response: { 204: NoContent, ...problems(401) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, principal, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        operationId: 'getSession',
        summary: 'Who am I: the signed-in user and tenant',
        response: { 200: Session.omit({ expiresAt: true }), ...problems(401) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!request.currentUser) throw new DomainError('unauthenticated');
      return { user: request.currentUser, tenant: await getTenant(ctx, principal) };
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        tags: ['Audit'],
        operationId: 'listAuditEntries',
        summary: 'The audit trail, newest first; filter by entity to see one record’s history',
        querystring: AuditListQuery,
        response: { 200: pageOf(AuditEntry, 'AuditPage'), ...problems(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor, sort, ...filter } = request.query;
      return listAudit(ctx, requirePrincipal(request), filter, { limit, cursor, sort });
    },
  );
}

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
