import type { Kysely } from 'kysely';
import type { BoardFilter } from '../domain/board/board.js';
import type { SavedView, SavedViewKind } from '../domain/board/saved-view.js';
import { DomainError, notFound, versionConflict } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Page } from '../store/pagination.js';
import {
  deleteSavedViewRow,
  listSavedViews,
  savedViewNameTaken,
  toSavedView,
  toSavedViewRow,
} from '../store/saved-views.repo.js';
import type { SavedViewFilter } from '../store/saved-views.repo.js';
import type { Database } from '../store/schema.js';
import { actingUser } from './access.js';
import { recordAudit } from './audit.service.js';
import { assertBoardFilter } from './board.service.js';
import type { AppContext } from './context.js';
import { createEntity, updateEntity } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

/**
 * Saved board and list views, per user. A view is private unless shared; a shared view is
 * read-only to everyone else in the tenant (403 on their edits); a private view of someone
 * else does not exist for them (404). Filters are the board's and are checked like the
 * board checks them, so a saved view cannot hold what the board would refuse.
 */
export interface SavedViewInput {
  readonly kind: SavedViewKind;
  readonly name: string;
  readonly pipelineId?: string | null;
  readonly filters?: BoardFilter;
  readonly sort?: string | null;
  readonly shared?: boolean;
}

export interface SavedViewPatch {
  readonly version: number;
  readonly name?: string;
  readonly pipelineId?: string | null;
  readonly filters?: BoardFilter;
  readonly sort?: string | null;
  readonly shared?: boolean;
}

export const savedViewSorts = {
  name: { key: 'name', column: 'name' },
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
} as const;

const savedViewStore = tableStore('saved_view', 'saved_views', toSavedView, toSavedViewRow);

const readable = (principal: Principal, view: SavedView) =>
  view.userId === principal.userId || view.shared;

/** A view the principal may read: missing, foreign and others' private views answer 404. */
async function loadReadable(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<SavedView> {
  const view = await savedViewStore.load(db, principal.tenantId, id);
  if (!view || !readable(principal, view)) throw notFound('saved_view');
  return view;
}

/** Only the owner changes a view; others who can read it (shared) are refused. */
async function loadOwn(db: Kysely<Database>, principal: Principal, id: string): Promise<SavedView> {
  const view = await loadReadable(db, principal, id);
  if (view.userId !== principal.userId)
    throw new DomainError('forbidden', { action: 'saved_views.manage' });
  return view;
}

async function assertFits(trx: Kysely<Database>, principal: Principal, view: SavedView) {
  await assertReferences(trx, principal, [
    { field: 'pipelineId', table: 'pipelines', id: view.pipelineId },
  ]);
  await assertBoardFilter(trx, principal, view.filters);
  if (await savedViewNameTaken(trx, principal.tenantId, view))
    throw new DomainError('duplicate', { field: 'name' });
}

export async function createSavedView(
  ctx: AppContext,
  principal: Principal,
  input: SavedViewInput,
): Promise<SavedView> {
  const userId = actingUser(principal);
  return createEntity(ctx, principal, savedViewStore, async (trx, { id, now }) => {
    const view: SavedView = {
      id,
      userId,
      kind: input.kind,
      name: input.name,
      pipelineId: input.pipelineId ?? null,
      filters: input.filters ?? {},
      sort: input.sort ?? null,
      shared: input.shared ?? false,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await assertFits(trx, principal, view);
    return view;
  });
}

export async function updateSavedView(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: SavedViewPatch,
): Promise<SavedView> {
  await loadOwn(dbFor(ctx), principal, id);
  return updateEntity(ctx, principal, savedViewStore, id, version, async (trx, stored) => {
    const next: SavedView = {
      ...stored,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.pipelineId !== undefined ? { pipelineId: patch.pipelineId } : {}),
      ...(patch.filters !== undefined ? { filters: patch.filters } : {}),
      ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
      ...(patch.shared !== undefined ? { shared: patch.shared } : {}),
    };
    await assertFits(trx, principal, next);
    return next;
  });
}

export async function getSavedView(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<SavedView> {
  return loadReadable(dbFor(ctx), principal, id);
}

export async function listSavedViewsPage(
  ctx: AppContext,
  principal: Principal,
  filter: SavedViewFilter,
  list: ListInput<keyof typeof savedViewSorts>,
): Promise<Page<SavedView>> {
  const userId = actingUser(principal);
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'pipelineId', table: 'pipelines', id: filter.pipelineId },
  ]);
  return listSavedViews(
    db,
    principal.tenantId,
    userId,
    filter,
    pageQuery(list, savedViewSorts, 'name'),
  );
}

/** Views are removed outright; the audit log keeps what they were. */
export async function deleteSavedView(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version?: number,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const view = await loadOwn(trx, principal, id);
    if (version !== undefined && version !== view.version) throw versionConflict('saved_view');
    await deleteSavedViewRow(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'saved_view',
      entityId: id,
      action: 'delete',
      before: view,
      after: null,
    });
  });
}
