import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import {
  createTarget,
  deleteTarget,
  getTarget,
  listTargetsPage,
  updateTarget,
} from '../../app/targets.service.js';
import { registerCrud } from '../crud.js';
import { pageOf } from '../schemas/common.js';
import { Target, TargetCreate, TargetListQuery, TargetPatch } from '../schemas/targets.schema.js';

/** Sales targets (quotas): `GET/POST /targets`, `GET/PATCH/DELETE /targets/:id`. */
export function targetRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  registerCrud(fastify, ctx, {
    path: '/targets',
    tag: 'Targets',
    names: { one: 'Target', many: 'Targets' },
    item: Target,
    page: pageOf(Target, 'TargetPage'),
    create: TargetCreate,
    patch: TargetPatch,
    listQuery: TargetListQuery,
    softDelete: false,
    service: {
      create: createTarget,
      list: (c, p, { limit, cursor, sort, ...filter }) =>
        listTargetsPage(c, p, filter, { limit, cursor, sort }),
      get: getTarget,
      update: updateTarget,
      remove: (c, p, id) => deleteTarget(c, p, id),
    },
  });
}
