import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { authenticateSession } from '../app/auth.service.js';
import type { AppContext } from '../app/context.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import type { User } from '../domain/tenancy/user.js';
import { negotiateLocale } from '../i18n/negotiate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in). Everything else under /api/v1 needs one. */
    public?: boolean;
  }
  interface FastifyRequest {
    locale: Locale;
    principal: Principal | null;
    currentUser: User | null;
  }
}

export const SESSION_COOKIE = 'pw_session';

/**
 * Resolves who is calling and in which language to answer, once per request. Identity
 * comes only from the session cookie (API tokens join it in the identity issue); nothing in
 * a body or query can choose the tenant.
 */
export function registerRequestContext(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('locale', 'en');
  app.decorateRequest('principal', null);
  app.decorateRequest('currentUser', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await authenticateSession(ctx, token, request.id) : null;
    request.principal = session?.principal ?? null;
    request.currentUser = session?.user ?? null;
    const header = request.headers['accept-language'];
    request.locale = header ? negotiateLocale(header) : (session?.user.locale ?? 'en');
  });
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthenticated');
  return request.principal;
}

/**
 * Refuses anonymous calls before their input is even validated, so an anonymous caller
 * learns nothing about an endpoint's schema. Registered inside the /api/v1 scope.
 */
export function requireSessionHook(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.public !== true && !request.principal) {
      done(new DomainError('unauthenticated'));
      return;
    }
    done();
  });
}
