import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { requestFingerprint, runIdempotent } from '../app/idempotency.service.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Page } from '../app/listing.js';
import { requirePrincipal } from './request-context.js';
import { IdParams, NoContent, problems } from './schemas/common.js';

/** `Idempotency-Key` lets integrations retry a create without creating twice. */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Send the same key when retrying a create; the first answer is replayed'),
});

type Service<I, O> = (ctx: AppContext, principal: Principal, input: I) => Promise<O>;
type ByIdService<I, O> = (
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: I,
) => Promise<O>;

export interface CrudDefinition<
  Item extends z.ZodType,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Query extends z.ZodType,
> {
  /** Collection path under /api/v1, e.g. `/accounts`. */
  readonly path: string;
  readonly tag: string;
  /** Singular and plural names for operation ids and summaries (`Account`, `Accounts`). */
  readonly names: { readonly one: string; readonly many: string };
  readonly item: Item;
  readonly page: z.ZodType;
  readonly create: Create;
  readonly patch: Patch;
  readonly listQuery: Query;
  readonly service: {
    readonly create: Service<z.output<Create>, z.output<Item>>;
    readonly list: Service<z.output<Query>, Page<z.output<Item>>>;
    readonly get: (ctx: AppContext, principal: Principal, id: string) => Promise<z.output<Item>>;
    readonly update: ByIdService<z.output<Patch>, z.output<Item>>;
    /** Omitted for entities that are never deleted (users are disabled instead). */
    readonly remove?: (ctx: AppContext, principal: Principal, id: string) => Promise<void>;
    readonly restore?: (
      ctx: AppContext,
      principal: Principal,
      id: string,
    ) => Promise<z.output<Item>>;
  };
  /** Whether DELETE moves to the trash (restorable) or removes for good. */
  readonly softDelete: boolean;
  /** Records that can be merged away: their GET and restore answer 410 record_merged. */
  readonly mergeable?: boolean;
}

/**
 * The five (or six, with restore) routes every entity has, with one shape: the same status
 * codes, the same error documentation, the same idempotency behaviour. Entity-specific
 * routes (stage moves, summaries) are written beside their entity's routes.
 */
export function registerCrud<
  Item extends z.ZodType,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Query extends z.ZodType,
>(
  fastify: FastifyInstance,
  ctx: AppContext,
  def: CrudDefinition<Item, Create, Patch, Query>,
): void {
  // Kysely-style generics do not survive Fastify's type provider, so inside this helper the
  // parsed parts are named by their schema's output type; the Zod validator guarantees them.
  const route = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    schema: FastifySchema,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ) => fastify.route({ method, url, schema, handler });
  const body = <S extends z.ZodType>(request: FastifyRequest, _schema: S) =>
    request.body as z.output<S>;
  const query = <S extends z.ZodType>(request: FastifyRequest, _schema: S) =>
    request.query as z.output<S>;
  const id = (request: FastifyRequest) => (request.params as z.output<typeof IdParams>).id;
  const { one, many } = def.names;
  const merged = def.mergeable ? [410] : [];
  const tags = [def.tag];

  route(
    'POST',
    def.path,
    {
      tags,
      operationId: `create${one}`,
      summary: `Create a ${one.toLowerCase()}`,
      headers: IdempotencyHeaders,
      body: def.create,
      response: { 201: def.item, ...problems(400, 401, 409, 413, 415, 422) },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const create = async () => ({
        status: 201,
        body: await def.service.create(ctx, principal, body(request, def.create)),
      });
      const key = (request.headers as z.output<typeof IdempotencyHeaders>)['idempotency-key'];
      if (key === undefined) {
        const result = await create();
        return reply.code(201).send(result.body);
      }
      const fingerprint = requestFingerprint(request.method, request.url, request.body);
      const result = await runIdempotent(ctx, principal, key, fingerprint, create);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  route(
    'GET',
    def.path,
    {
      tags,
      operationId: `list${many}`,
      summary: `List ${many.toLowerCase()}`,
      description:
        'Cursor-paginated; filter with the query parameters and sort with `sort` (`-` for descending).',
      querystring: def.listQuery,
      response: { 200: def.page, ...problems(400, 401) },
    },
    async (request) =>
      def.service.list(ctx, requirePrincipal(request), query(request, def.listQuery)),
  );

  route(
    'GET',
    `${def.path}/:id`,
    {
      tags,
      operationId: `get${one}`,
      summary: `Get a ${one.toLowerCase()}`,
      params: IdParams,
      response: { 200: def.item, ...problems(400, 401, 404, ...merged) },
    },
    async (request) => def.service.get(ctx, requirePrincipal(request), id(request)),
  );

  route(
    'PATCH',
    `${def.path}/:id`,
    {
      tags,
      operationId: `update${one}`,
      summary: `Update a ${one.toLowerCase()}`,
      description:
        'Send only the fields to change, plus the `version` you edited; a stale version answers 409.',
      params: IdParams,
      body: def.patch,
      response: { 200: def.item, ...problems(400, 401, 404, 409, 413, 415, 422) },
    },
    async (request) =>
      def.service.update(ctx, requirePrincipal(request), id(request), body(request, def.patch)),
  );

  const remove = def.service.remove;
  if (remove) {
    route(
      'DELETE',
      `${def.path}/:id`,
      {
        tags,
        operationId: `delete${one}`,
        summary: def.softDelete
          ? `Move a ${one.toLowerCase()} to the trash`
          : `Delete a ${one.toLowerCase()}`,
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 404, 409) },
      },
      async (request, reply) => {
        await remove(ctx, requirePrincipal(request), id(request));
        return reply.code(204).send();
      },
    );
  }

  const restore = def.service.restore;
  if (restore) {
    route(
      'POST',
      `${def.path}/:id/restore`,
      {
        tags,
        operationId: `restore${one}`,
        summary: `Restore a ${one.toLowerCase()} from the trash`,
        params: IdParams,
        response: { 200: def.item, ...problems(400, 401, 404, 409, 422, ...merged) },
      },
      async (request) => restore(ctx, requirePrincipal(request), id(request)),
    );
  }
}
