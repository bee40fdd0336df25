import type { Kysely } from 'kysely';
import { DomainError, notFound, versionConflict } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Database } from '../store/schema.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { assertVisible } from './access.js';
import { dbFor, inTransaction } from './transaction.js';

export interface VersionedEntity {
  readonly id: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly deletedAt?: string | null;
}

/**
 * How one entity is stored. The life-cycle around it (404 for missing or deleted rows, 409
 * for a stale version, the audit entry in the same transaction, soft delete and restore)
 * is the same for every entity and lives in the functions below; the entity's service
 * supplies only what is its own: validation and how a change is derived.
 */
export interface EntityStore<E extends VersionedEntity> {
  /** Name used in audit entries and error messages (`account`, `opportunity`, …). */
  readonly entityType: string;
  load(db: Kysely<Database>, tenantId: string, id: string): Promise<E | undefined>;
  insert(db: Kysely<Database>, tenantId: string, entity: E): Promise<void>;
  /** Persists `entity` if the stored version is still `expectedVersion`. */
  save(
    db: Kysely<Database>,
    tenantId: string,
    entity: E,
    expectedVersion: number,
  ): Promise<boolean>;
  /** The table whose visibility rules apply; omitted for records every user may read. */
  readonly visibleAs?: 'leads' | 'accounts' | 'contacts' | 'opportunities' | 'activities' | 'tasks';
}

const isLive = (entity: VersionedEntity): boolean => entity.deletedAt == null;

/** Converting a lead; rotating and revoking a lead form's token. */
type LeadAuditAction = 'convert' | 'rotate' | 'revoke';

/** Loads a record the principal may see: missing, foreign and invisible all answer 404. */
async function loadVisible<E extends VersionedEntity>(
  db: Kysely<Database>,
  principal: Principal,
  store: EntityStore<E>,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<E> {
  const entity = await store.load(db, principal.tenantId, id);
  if (!entity || (!options.includeDeleted && !isLive(entity))) throw notFound(store.entityType);
  if (store.visibleAs) {
    await assertVisible(db, principal, store.visibleAs, id, store.entityType, options);
  }
  return entity;
}

export async function getEntity<E extends VersionedEntity>(
  ctx: AppContext,
  principal: Principal,
  store: EntityStore<E>,
  id: string,
): Promise<E> {
  return loadVisible(dbFor(ctx), principal, store, id);
}

/** Inserts what `build` returns and records the creation. */
export async function createEntity<E extends VersionedEntity>(
  ctx: AppContext,
  principal: Principal,
  store: EntityStore<E>,
  build: (trx: Kysely<Database>, meta: { id: string; now: string }) => Promise<E>,
  /** Writes rows that reference the new record (e.g. its first stage-history entry). */
  afterInsert?: (trx: Kysely<Database>, entity: E) => Promise<void>,
): Promise<E> {
  return inTransaction(ctx, async (trx) => {
    const entity = await build(trx, { id: ctx.newId(), now: nowIso(ctx) });
    await store.insert(trx, principal.tenantId, entity);
    await afterInsert?.(trx, entity);
    await recordAudit(trx, ctx, principal, {
      entityType: store.entityType,
      entityId: entity.id,
      action: 'create',
      before: null,
      after: entity,
    });
    return entity;
  });
}

export interface ChangeMeta {
  readonly now: string;
}

/**
 * Optimistic concurrency: the caller says which version it edited; if someone saved in
 * between, the update is refused with 409 rather than silently overwriting their work.
 */
export async function updateEntity<E extends VersionedEntity>(
  ctx: AppContext,
  principal: Principal,
  store: EntityStore<E>,
  id: string,
  expectedVersion: number,
  change: (trx: Kysely<Database>, current: E, meta: ChangeMeta) => Promise<E>,
  options: {
    action?: 'update' | 'move_stage' | 'disable' | 'enable' | 'change_owner' | LeadAuditAction;
    allowDeleted?: boolean;
  } = {},
): Promise<E> {
  return inTransaction(ctx, async (trx) => {
    const current = await loadVisible(trx, principal, store, id, {
      includeDeleted: options.allowDeleted ?? false,
    });
    if (current.version !== expectedVersion) throw versionConflict(store.entityType);
    const now = nowIso(ctx);
    const changed = await change(trx, current, { now });
    // A change that changes nothing (e.g. a move to the current stage) is not an edit.
    if (changed === current) return current;
    const next: E = { ...changed, version: current.version + 1, updatedAt: now };
    if (!(await store.save(trx, principal.tenantId, next, expectedVersion))) {
      throw versionConflict(store.entityType);
    }
    await recordAudit(trx, ctx, principal, {
      entityType: store.entityType,
      entityId: id,
      action: options.action ?? 'update',
      before: current,
      after: next,
    });
    return next;
  });
}

/** Moves a record to the trash; `guard` may refuse (e.g. an account with open deals). */
export async function softDeleteEntity<E extends VersionedEntity & { deletedAt: string | null }>(
  ctx: AppContext,
  principal: Principal,
  store: EntityStore<E>,
  id: string,
  hooks: {
    guard?: (trx: Kysely<Database>, current: E) => Promise<void>;
    after?: (trx: Kysely<Database>, deleted: E) => Promise<void>;
  } = {},
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const current = await loadVisible(trx, principal, store, id);
    await hooks.guard?.(trx, current);
    const now = nowIso(ctx);
    const next: E = { ...current, deletedAt: now, version: current.version + 1, updatedAt: now };
    if (!(await store.save(trx, principal.tenantId, next, current.version))) {
      throw versionConflict(store.entityType);
    }
    await hooks.after?.(trx, next);
    await recordAudit(trx, ctx, principal, {
      entityType: store.entityType,
      entityId: id,
      action: 'delete',
      before: current,
      after: null,
    });
  });
}

/** Brings a record back from the trash, checking that what it points at still exists. */
export async function restoreEntity<E extends VersionedEntity & { deletedAt: string | null }>(
  ctx: AppContext,
  principal: Principal,
  store: EntityStore<E>,
  id: string,
  hooks: {
    guard?: (trx: Kysely<Database>, current: E) => Promise<void>;
    after?: (trx: Kysely<Database>, restored: E, deletedAt: string) => Promise<void>;
  } = {},
): Promise<E> {
  return inTransaction(ctx, async (trx) => {
    const current = await loadVisible(trx, principal, store, id, { includeDeleted: true });
    const deletedAt = current.deletedAt;
    if (deletedAt === null) throw new DomainError('not_deleted', { entity: store.entityType });
    await hooks.guard?.(trx, current);
    const now = nowIso(ctx);
    const next: E = { ...current, deletedAt: null, version: current.version + 1, updatedAt: now };
    if (!(await store.save(trx, principal.tenantId, next, current.version))) {
      throw versionConflict(store.entityType);
    }
    await hooks.after?.(trx, next, deletedAt);
    await recordAudit(trx, ctx, principal, {
      entityType: store.entityType,
      entityId: id,
      action: 'restore',
      before: current,
      after: next,
    });
    return next;
  });
}
