import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  createPool,
  deletePool,
  getPool,
  listPoolsPage,
  updatePool,
} from '../../app/pools.service.js';
import {
  createTeam,
  deleteTeam,
  getTeam,
  listTeamsPage,
  updateTeam,
} from '../../app/teams.service.js';
import { getTenant, updateTenant } from '../../app/tenants.service.js';
import { resetPassword } from '../../app/credentials.service.js';
import { disableUser, enableUser } from '../../app/user-lifecycle.service.js';
import { createUser, getUser, listUsersPage, updateUser } from '../../app/users.service.js';
import { registerCrud } from '../crud.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, pageOf, problems } from '../schemas/common.js';
import { PasswordReset } from '../schemas/identity.schema.js';
import {
  Pool,
  PoolCreate,
  PoolListQuery,
  PoolPatch,
  Team,
  TeamCreate,
  TeamListQuery,
  TeamPatch,
  Tenant,
  TenantPatch,
  User,
  UserCreate,
  UserListQuery,
  UserDisable,
  UserEnable,
  UserPatch,
} from '../schemas/tenancy.schema.js';

export function tenancyRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/tenant',
    {
      schema: {
        tags: ['Tenant'],
        operationId: 'getTenant',
        summary: "Get your tenant's settings",
        response: { 200: Tenant, ...problems(401) },
      },
    },
    async (request) => getTenant(ctx, requirePrincipal(request)),
  );

  app.patch(
    '/tenant',
    {
      schema: {
        tags: ['Tenant'],
        operationId: 'updateTenant',
        summary: "Update your tenant's settings",
        body: TenantPatch,
        response: { 200: Tenant, ...problems(400, 401, 409) },
      },
    },
    async (request) => updateTenant(ctx, requirePrincipal(request), request.body),
  );

  registerCrud(fastify, ctx, {
    path: '/users',
    tag: 'Users',
    names: { one: 'User', many: 'Users' },
    item: User,
    page: pageOf(User, 'UserPage'),
    create: UserCreate,
    patch: UserPatch,
    listQuery: UserListQuery,
    softDelete: false,
    service: {
      create: createUser,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listUsersPage(c, p, filter, { limit, cursor, sort }),
      get: getUser,
      update: updateUser,
    },
  });

  registerCrud(fastify, ctx, {
    path: '/teams',
    tag: 'Teams',
    names: { one: 'Team', many: 'Teams' },
    item: Team,
    page: pageOf(Team, 'TeamPage'),
    create: TeamCreate,
    patch: TeamPatch,
    listQuery: TeamListQuery,
    softDelete: false,
    service: {
      create: createTeam,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listTeamsPage(c, p, filter, { limit, cursor, sort }),
      get: getTeam,
      update: updateTeam,
      remove: deleteTeam,
    },
  });

  registerCrud(fastify, ctx, {
    path: '/pools',
    tag: 'Pools',
    names: { one: 'Pool', many: 'Pools' },
    item: Pool,
    page: pageOf(Pool, 'PoolPage'),
    create: PoolCreate,
    patch: PoolPatch,
    listQuery: PoolListQuery,
    softDelete: false,
    service: {
      create: createPool,
      list: (c, p, list) => listPoolsPage(c, p, list),
      get: getPool,
      update: updatePool,
      remove: deletePool,
    },
  });
}

/** What an admin does to a user beyond editing the profile. */
export function userAdminRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Users'];

  app.post(
    '/users/:id/disable',
    {
      schema: {
        tags,
        operationId: 'disableUser',
        summary: 'Disable a user, handing their open work to someone else',
        description:
          'Open deals and open tasks go to `transferTo` (422 transfer_target_required if there are some and no one is named); leads and accounts go to `transferTo` or a public pool. Sessions and API tokens stop working.',
        params: IdParams,
        body: UserDisable,
        response: { 200: User, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => disableUser(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/enable',
    {
      schema: {
        tags,
        operationId: 'enableUser',
        summary: 'Enable a disabled user again',
        params: IdParams,
        body: UserEnable,
        response: { 200: User, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      enableUser(ctx, requirePrincipal(request), request.params.id, request.body.version),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        operationId: 'resetUserPassword',
        summary: "Set a user's password (ends all their sessions)",
        params: IdParams,
        body: PasswordReset,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await resetPassword(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.body.newPassword,
      );
      return reply.code(204).send();
    },
  );
}
