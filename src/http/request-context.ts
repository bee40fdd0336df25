import type {} from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateApiToken } from '../app/api-tokens.service.js';
import { authenticateSession, csrfTokenFor } from '../app/auth.service.js';
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
    /** How the caller proved who they are; CSRF protection applies to cookies only. */
    authMethod: 'session' | 'token' | null;
    sessionId: string | null;
  }
}

export const SESSION_COOKIE = 'pw_session';
/** Readable by the page's script (not HttpOnly) so it can echo it in X-CSRF-Token. */
export const CSRF_COOKIE = 'pw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves who is calling and in which language to answer, once per request. Identity
 * comes from an API token (`Authorization: Bearer pwt_…`) or the session cookie, never from
 * a body or query, so nothing a client sends can choose the tenant.
 */
export function registerRequestContext(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('locale', 'en');
  app.decorateRequest('principal', null);
  app.decorateRequest('currentUser', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const bearer = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    if (bearer) {
      const found = await authenticateApiToken(ctx, bearer, request.id);
      request.principal = found?.principal ?? null;
      request.currentUser = found?.user ?? null;
      request.authMethod = found ? 'token' : null;
    } else if (cookie) {
      const found = await authenticateSession(ctx, cookie, request.id);
      request.principal = found?.principal ?? null;
      request.currentUser = found?.user ?? null;
      request.authMethod = found ? 'session' : null;
      request.sessionId = found?.sessionId ?? null;
    }
    const header = request.headers['accept-language'];
    request.locale = header ? negotiateLocale(header) : (request.currentUser?.locale ?? 'en');
  });
}

/**
 * Inside /api/v1: refuses anonymous calls before their input is even validated (so the
 * schema of an endpoint is not revealed to strangers), and refuses state-changing calls
 * made with the session cookie unless they echo the session's CSRF token. A page on
 * another site can make the browser send the cookie, but cannot read the token.
 */
export function requireSessionHook(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.public === true) return done();
    if (!request.principal) return done(new DomainError('unauthenticated'));
    if (request.authMethod === 'session' && !SAFE_METHODS.has(request.method)) {
      const cookie = request.cookies[SESSION_COOKIE] ?? '';
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, csrfTokenFor(cookie))) {
        return done(new DomainError('csrf_failed'));
      }
    }
    done();
  });
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthenticated');
  return request.principal;
}
