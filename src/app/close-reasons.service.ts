import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import { defaultCloseReasons } from '../domain/opportunities/review.js';
import type { CloseOutcome, CloseReason } from '../domain/opportunities/review.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { bulkInsert } from '../store/bulk.repo.js';
import { listCloseReasons, toCloseReason, toCloseReasonRow } from '../store/reviews.repo.js';
import type { Database } from '../store/schema.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { createEntity, updateEntity } from './entity.js';
import { applyPatch, tableStore } from './table-store.js';
import { inTransaction } from './transaction.js';

export const closeReasonStore = tableStore(
  'close_reason',
  'close_reasons',
  toCloseReason,
  toCloseReasonRow,
);

export interface CloseReasonInput {
  readonly outcome: CloseOutcome;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly position?: number;
}

export type CloseReasonPatch = { readonly version: number } & Partial<
  Pick<CloseReason, 'nameZh' | 'nameEn' | 'position' | 'active'>
>;

/** The tenant's taxonomy, seeded with the defaults the first time it is needed. */
export async function closeReasons(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
): Promise<CloseReason[]> {
  const existing = await listCloseReasons(trx, tenantId);
  if (existing.length > 0) return existing;
  const now = nowIso(ctx);
  const seeded: CloseReason[] = defaultCloseReasons.map((reason, position) => ({
    ...reason,
    id: ctx.newId(),
    position,
    active: true,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  await bulkInsert(
    trx,
    'close_reasons',
    seeded.map((reason) => toCloseReasonRow(tenantId, reason)),
  );
  return seeded;
}

export async function listReasons(ctx: AppContext, principal: Principal): Promise<CloseReason[]> {
  return inTransaction(ctx, (trx) => closeReasons(trx, ctx, principal.tenantId));
}

/** Reasons in a review must be live entries of the taxonomy for that outcome. */
export async function assertReasons(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  outcome: CloseOutcome,
  keys: readonly string[],
): Promise<void> {
  const known = new Set(
    (await closeReasons(trx, ctx, tenantId))
      .filter((r) => r.outcome === outcome && r.active)
      .map((r) => r.key),
  );
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new DomainError(
      'validation_failed',
      {},
      unknown.map((key) => ({
        path: 'review/reasons',
        code: 'unknown_close_reason',
        message: `no ${outcome} reason "${key}"`,
      })),
    );
  }
}

export async function createCloseReason(
  ctx: AppContext,
  principal: Principal,
  input: CloseReasonInput,
): Promise<CloseReason> {
  authorize(principal, 'tenant.configure');
  return createEntity(ctx, principal, closeReasonStore, async (trx, { id, now }) => {
    const existing = await closeReasons(trx, ctx, principal.tenantId);
    if (existing.some((r) => r.outcome === input.outcome && r.key === input.key)) {
      throw new DomainError('duplicate', { field: 'key' });
    }
    return {
      id,
      outcome: input.outcome,
      key: input.key,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      position: input.position ?? existing.length,
      active: true,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
}

/** Reasons are retired (active: false), never deleted: old reviews still name them. */
export async function updateCloseReason(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: CloseReasonPatch,
): Promise<CloseReason> {
  authorize(principal, 'tenant.configure');
  return updateEntity(ctx, principal, closeReasonStore, id, version, (_trx, current) =>
    Promise.resolve(applyPatch(current, patch)),
  );
}
