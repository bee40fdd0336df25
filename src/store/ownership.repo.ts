import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface OwnershipMove {
  readonly table: 'leads' | 'accounts' | 'contacts' | 'opportunities' | 'tasks';
  readonly ids: readonly string[];
}

/**
 * Everything a user still holds that must not be orphaned when they leave: live leads,
 * accounts and contacts they own, open opportunities they own, open tasks assigned to them.
 * Closed deals stay theirs: they are history and credit, not work.
 */
export async function heldBy(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<OwnershipMove[]> {
  const ids = async (query: Promise<{ id: string }[]>) => (await query).map((row) => row.id);
  return [
    {
      table: 'leads',
      ids: await ids(
        db
          .selectFrom('leads')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('owner_id', '=', userId)
          .where('deleted_at', 'is', null)
          .execute(),
      ),
    },
    {
      table: 'accounts',
      ids: await ids(
        db
          .selectFrom('accounts')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('owner_id', '=', userId)
          .where('deleted_at', 'is', null)
          .execute(),
      ),
    },
    {
      table: 'contacts',
      ids: await ids(
        db
          .selectFrom('contacts')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('owner_id', '=', userId)
          .where('deleted_at', 'is', null)
          .execute(),
      ),
    },
    {
      table: 'opportunities',
      ids: await ids(
        db
          .selectFrom('opportunities')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('owner_id', '=', userId)
          .where('status', '=', 'open')
          .where('deleted_at', 'is', null)
          .execute(),
      ),
    },
    {
      table: 'tasks',
      ids: await ids(
        db
          .selectFrom('tasks')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('assignee_id', '=', userId)
          .where('status', '=', 'open')
          .where('deleted_at', 'is', null)
          .execute(),
      ),
    },
  ];
}

/** Hands records to a new owner (or, for leads and accounts, a pool), bumping versions. */
export async function moveOwnership(
  db: Kysely<Database>,
  tenantId: string,
  move: OwnershipMove,
  to: {
    ownerId: string | null;
    poolId: string | null;
    /** Leads and accounts: the new holding's follow-up clock (none in a pool). */
    ownedSince?: string | null;
    deadlineAt?: string | null;
  },
  now: string,
): Promise<void> {
  if (move.ids.length === 0) return;
  const ownerId = to.ownerId;
  if (move.table === 'tasks' || move.table === 'opportunities') {
    // Deals and tasks need a person: the service refuses a transfer without one.
    if (ownerId === null) throw new Error(`${move.table} need a new owner`);
  }
  if (move.table === 'tasks') {
    await db
      .updateTable('tasks')
      .set((eb) => ({
        assignee_id: ownerId ?? undefined,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', move.ids)
      .execute();
    return;
  }
  if (move.table === 'leads' || move.table === 'accounts') {
    await db
      .updateTable(move.table)
      .set((eb) => ({
        owner_id: to.ownerId,
        pool_id: to.poolId,
        owned_since: to.ownedSince ?? null,
        deadline_at: to.deadlineAt ?? null,
        deadline_level: 0,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', move.ids)
      .execute();
    return;
  }
  if (move.table === 'opportunities') {
    await db
      .updateTable('opportunities')
      .set((eb) => ({
        owner_id: ownerId ?? undefined,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', move.ids)
      .execute();
    return;
  }
  await db
    .updateTable('contacts')
    .set((eb) => ({ owner_id: ownerId, updated_at: now, version: eb('version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', move.ids)
    .execute();
}
