import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import {
  createSavedView,
  deleteSavedView,
  getSavedView,
  listSavedViewsPage,
  updateSavedView,
} from '../../app/saved-views.service.js';
import { registerCrud } from '../crud.js';
import { pageOf } from '../schemas/common.js';
import {
  SavedView,
  SavedViewCreate,
  SavedViewListQuery,
  SavedViewPatch,
} from '../schemas/saved-views.schema.js';

/** Saved board and list views: `GET/POST /saved-views`, `GET/PATCH/DELETE /saved-views/:id`. */
export function savedViewRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  registerCrud(fastify, ctx, {
    path: '/saved-views',
    tag: 'Saved views',
    names: { one: 'SavedView', many: 'SavedViews' },
    item: SavedView,
    page: pageOf(SavedView, 'SavedViewPage'),
    create: SavedViewCreate,
    patch: SavedViewPatch,
    listQuery: SavedViewListQuery,
    softDelete: false,
    service: {
      create: createSavedView,
      list: (c, p, { limit, cursor, sort, mine, ...filter }) =>
        listSavedViewsPage(
          c,
          p,
          { ...filter, ...(mine === undefined ? {} : { mine: mine === 'true' }) },
          { limit, cursor, sort },
        ),
      get: getSavedView,
      update: updateSavedView,
      remove: (c, p, id) => deleteSavedView(c, p, id),
    },
  });
}
