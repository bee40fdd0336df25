import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { BoardFilter } from '../domain/board/board.js';
import type { SavedView, SavedViewKind } from '../domain/board/saved-view.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, SavedViewsTable } from './schema.js';

/** Filters were checked when saved; a row holding anything but an object reads as none. */
function filtersFromJson(value: unknown): BoardFilter {
  const parsed = fromJsonColumn(value);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
}

export function toSavedView(row: Selectable<SavedViewsTable>): SavedView {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as SavedViewKind,
    name: row.name,
    pipelineId: row.pipeline_id,
    filters: filtersFromJson(row.filters),
    sort: row.sort,
    shared: Boolean(row.shared),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toSavedViewRow(
  tenantId: string,
  view: SavedView,
): SavedViewsTable & { tenant_id: string; id: string } {
  return {
    tenant_id: tenantId,
    id: view.id,
    user_id: view.userId,
    kind: view.kind,
    name: view.name,
    pipeline_id: view.pipelineId,
    filters: toJsonColumn(view.filters),
    sort: view.sort,
    shared: view.shared ? 1 : 0,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    version: view.version,
  };
}

/** Another view of the same user and kind already has this name. */
export async function savedViewNameTaken(
  db: Kysely<Database>,
  tenantId: string,
  view: Pick<SavedView, 'id' | 'userId' | 'kind' | 'name'>,
): Promise<boolean> {
  const row = await db
    .selectFrom('saved_views')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', view.userId)
    .where('kind', '=', view.kind)
    .where('name', '=', view.name)
    .where('id', '<>', view.id)
    .executeTakeFirst();
  return row !== undefined;
}

export interface SavedViewFilter {
  readonly kind?: SavedViewKind;
  readonly pipelineId?: string;
  /** true: only the reader's own views; false: only others' shared ones. */
  readonly mine?: boolean;
}

/** The views a user may read: their own and every shared one in the tenant. */
export async function listSavedViews(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  filter: SavedViewFilter,
  page: PageQuery,
): Promise<Page<SavedView>> {
  let query = db.selectFrom('saved_views').selectAll().where('tenant_id', '=', tenantId);
  query =
    filter.mine === true
      ? query.where('user_id', '=', userId)
      : filter.mine === false
        ? query.where('user_id', '<>', userId).where('shared', '=', 1)
        : query.where(sql<boolean>`(saved_views.user_id = ${userId} or saved_views.shared = 1)`);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.pipelineId) query = query.where('pipeline_id', '=', filter.pipelineId);
  const rows = await applyKeyset(query, 'saved_views', page).execute();
  return toPage(rows, page, toSavedView);
}

export async function deleteSavedViewRow(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('saved_views')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
