import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createApiToken, myApiTokens, revokeMyApiToken } from '../../app/api-tokens.service.js';
import { SESSION_TTL_MS, signIn, signOut } from '../../app/auth.service.js';
import type { AppContext } from '../../app/context.js';
import { changeMyPassword } from '../../app/credentials.service.js';
import { mySessions, revokeMySessions } from '../../app/sessions.service.js';
import { getTenant } from '../../app/tenants.service.js';
import { DomainError } from '../../domain/errors.js';
import { CSRF_COOKIE, requirePrincipal, SESSION_COOKIE } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  PasswordChange,
  RevokedCount,
  SessionInfo,
} from '../schemas/identity.schema.js';
import { Session, SignIn } from '../schemas/system.schema.js';

function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Sign-in, sign-out, and what a signed-in user manages about themselves. */
export function sessionRoutes(fastify: FastifyInstance, ctx: AppContext): void {
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
        description:
          'Sets an HttpOnly session cookie and a readable `pw_csrf` cookie; state-changing calls made with the session cookie must send the CSRF token in `X-CSRF-Token`. Repeated failures answer 429 with Retry-After.',
        security: [],
        body: SignIn,
        response: { 200: Session, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const session = await signIn(ctx, request.body, {
        requestId: request.id,
        address: request.ip,
      });
      const cookie = {
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      } as const;
      void reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
      void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
      return {
        user: session.user,
        tenant: session.tenant,
        expiresAt: session.expiresAt,
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        operationId: 'signOut',
        summary: 'Sign out (revokes this session)',
        response: { 204: NoContent, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, principal, token);
      clearSessionCookies(reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags,
        operationId: 'signOutEverywhere',
        summary: 'Sign out on every device (revokes all your sessions)',
        response: { 200: RevokedCount, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const revoked = await revokeMySessions(ctx, requirePrincipal(request), {});
      clearSessionCookies(reply);
      return { revoked };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        operationId: 'getSession',
        summary: 'Who am I: the signed-in user and tenant',
        response: { 200: Session.omit({ expiresAt: true, csrfToken: true }), ...problems(401) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!request.currentUser) throw new DomainError('unauthenticated');
      return { user: request.currentUser, tenant: await getTenant(ctx, principal) };
    },
  );

  app.get(
    '/me/sessions',
    {
      schema: {
        tags,
        operationId: 'listMySessions',
        summary: 'Your live sessions',
        response: { 200: SessionInfo.array(), ...problems(401, 403) },
      },
    },
    async (request) =>
      (await mySessions(ctx, requirePrincipal(request))).map((session) => ({
        ...session,
        current: session.id === request.sessionId,
      })),
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags,
        operationId: 'revokeMySession',
        summary: 'End one of your sessions (e.g. on a lost device)',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeMySessions(ctx, requirePrincipal(request), { only: request.params.id });
      return reply.code(204).send();
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags,
        operationId: 'changeMyPassword',
        summary: 'Change your password (ends your other sessions)',
        body: PasswordChange,
        response: { 204: NoContent, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      await changeMyPassword(ctx, requirePrincipal(request), request.body, request.sessionId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me/tokens',
    {
      schema: {
        tags,
        operationId: 'listMyApiTokens',
        summary: 'Your personal API tokens (without their secrets)',
        response: { 200: ApiToken.array(), ...problems(401, 403) },
      },
    },
    async (request) => myApiTokens(ctx, requirePrincipal(request)),
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        tags,
        operationId: 'createMyApiToken',
        summary: 'Create a personal API token; its secret is shown once',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiToken(ctx, requirePrincipal(request), request.body)),
  );

  app.delete(
    '/me/tokens/:id',
    {
      schema: {
        tags,
        operationId: 'revokeMyApiToken',
        summary: 'Revoke one of your API tokens',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeMyApiToken(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
