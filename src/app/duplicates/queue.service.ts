import type { Kysely } from 'kysely';
import type { DuplicateEntityType } from '../../domain/duplicates/match-keys.js';
import type { DuplicatePair, PairStatus } from '../../domain/duplicates/pair.js';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findPair, listPairs, pairVisible, savePair } from '../../store/duplicate-pairs.repo.js';
import type { Page } from '../../store/pagination.js';
import type { Database } from '../../store/schema.js';
import { authorize, visibilityOf } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { pageQuery } from '../listing.js';
import type { ListInput } from '../listing.js';
import { dbFor, inTransaction } from '../transaction.js';
import { pairViews } from './views.js';
import type { DuplicatePairView } from './views.js';

export const duplicateSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
} as const;

export interface DuplicateFilter {
  readonly status?: PairStatus;
  readonly entityType?: DuplicateEntityType;
}

/**
 * The review queue: only pairs whose two records the principal may both see (a rep sees
 * the pairs among their own records, a manager those in the team), open ones by default.
 */
export async function listDuplicatePairs(
  ctx: AppContext,
  principal: Principal,
  filter: DuplicateFilter,
  list: ListInput<keyof typeof duplicateSorts>,
): Promise<Page<DuplicatePairView>> {
  const db = dbFor(ctx);
  const page = await listPairs(
    db,
    principal.tenantId,
    {
      status: filter.status ?? 'open',
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
    },
    pageQuery(list, duplicateSorts),
    await visibilityOf(db, principal),
  );
  return { ...page, items: await pairViews(db, principal.tenantId, page.items) };
}

/** A pair the principal may see (both records), or 404. */
export async function loadVisiblePair(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<DuplicatePair> {
  const pair = await findPair(db, principal.tenantId, id);
  if (!pair || !(await pairVisible(db, principal.tenantId, id, await visibilityOf(db, principal))))
    throw notFound('duplicate_pair');
  return pair;
}

export async function getDuplicatePair(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<DuplicatePairView> {
  const db = dbFor(ctx);
  const [view] = await pairViews(db, principal.tenantId, [
    await loadVisiblePair(db, principal, id),
  ]);
  if (!view) throw notFound('duplicate_pair');
  return view;
}

export interface DismissInput {
  readonly version?: number;
  readonly note?: string | null;
}

/**
 * "Not a duplicate": the pair is closed and, because resolved pairs are never re-opened by
 * detection, the same two records are not raised again. Dismissing twice is a no-op.
 */
export async function dismissDuplicatePair(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: DismissInput,
): Promise<DuplicatePairView> {
  authorize(principal, 'duplicates.resolve');
  return inTransaction(ctx, async (trx) => {
    const pair = await loadVisiblePair(trx, principal, id);
    if (pair.status === 'merged') throw new DomainError('pair_resolved');
    if (pair.status === 'open') {
      if (input.version !== undefined && input.version !== pair.version)
        throw versionConflict('duplicate_pair');
      const now = nowIso(ctx);
      const next: DuplicatePair = {
        ...pair,
        status: 'dismissed',
        note: input.note ?? null,
        resolvedBy: principal.userId,
        resolvedAt: now,
        updatedAt: now,
        version: pair.version + 1,
      };
      if (!(await savePair(trx, principal.tenantId, next, pair.version)))
        throw versionConflict('duplicate_pair');
      await recordAudit(trx, ctx, principal, {
        entityType: 'duplicate_pair',
        entityId: id,
        action: 'dismiss',
        before: pair,
        after: next,
      });
    }
    const [view] = await pairViews(trx, principal.tenantId, [
      (await findPair(trx, principal.tenantId, id)) ?? pair,
    ]);
    if (!view) throw notFound('duplicate_pair');
    return view;
  });
}
