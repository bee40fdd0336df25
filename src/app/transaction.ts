import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import { constraintViolation } from '../store/constraint-errors.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';

interface Unit {
  readonly root: Kysely<Database>;
  readonly trx: Kysely<Database>;
}

const currentUnit = new AsyncLocalStorage<Unit>();

/**
 * Runs `work` in a transaction, or inside the caller's transaction when one is already open
 * on the same database: an idempotent create wraps the create service and its idempotency
 * record in one unit of work, so a crash can never keep one without the other. A unique or
 * foreign-key violation that slipped past the service's own checks becomes a DomainError.
 */
export async function inTransaction<T>(
  ctx: AppContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const root = ctx.store.db;
  const unit = currentUnit.getStore();
  if (unit && unit.root === root) return work(unit.trx);
  try {
    return await root
      .transaction()
      .execute((trx) => currentUnit.run({ root, trx }, () => work(trx)));
  } catch (error) {
    throw constraintViolation(error) ?? error;
  }
}

/**
 * The handle to read with: the open transaction when called inside one (on SQLite a read
 * through the root handle would wait for that very transaction), else the pool.
 */
export function dbFor(ctx: AppContext): Kysely<Database> {
  const unit = currentUnit.getStore();
  return unit && unit.root === ctx.store.db ? unit.trx : ctx.store.db;
}

/** Whether a unit of work is open: work that must roll itself back needs its own. */
export function inOpenTransaction(ctx: AppContext): boolean {
  return currentUnit.getStore()?.root === ctx.store.db;
}
