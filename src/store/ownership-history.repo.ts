import type { Kysely } from 'kysely';
import type { Lifecycle } from '../domain/pools/pool-rules.js';
import type { OwnershipAction } from '../domain/pools/transitions.js';
import type { Database } from './schema.js';

export type HeldEntity = 'lead' | 'account';

export interface OwnershipChange {
  readonly id: string;
  readonly entityType: HeldEntity;
  readonly entityId: string;
  readonly action: OwnershipAction;
  readonly fromOwnerId: string | null;
  readonly toOwnerId: string | null;
  readonly fromPoolId: string | null;
  readonly toPoolId: string | null;
  readonly fromLifecycle: Lifecycle;
  readonly toLifecycle: Lifecycle;
  readonly reason: string;
  readonly actorId: string | null;
  readonly at: string;
}

export async function insertOwnershipChange(
  db: Kysely<Database>,
  tenantId: string,
  change: OwnershipChange,
): Promise<void> {
  await db
    .insertInto('ownership_history')
    .values({
      tenant_id: tenantId,
      id: change.id,
      entity_type: change.entityType,
      entity_id: change.entityId,
      action: change.action,
      from_owner_id: change.fromOwnerId,
      to_owner_id: change.toOwnerId,
      from_pool_id: change.fromPoolId,
      to_pool_id: change.toPoolId,
      from_lifecycle: change.fromLifecycle,
      to_lifecycle: change.toLifecycle,
      reason: change.reason,
      actor_id: change.actorId,
      at: change.at,
    })
    .execute();
}

export async function ownershipHistory(
  db: Kysely<Database>,
  tenantId: string,
  entityType: HeldEntity,
  entityId: string,
): Promise<OwnershipChange[]> {
  const rows = await db
    .selectFrom('ownership_history')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    entityType: row.entity_type as HeldEntity,
    entityId: row.entity_id,
    action: row.action as OwnershipAction,
    fromOwnerId: row.from_owner_id,
    toOwnerId: row.to_owner_id,
    fromPoolId: row.from_pool_id,
    toPoolId: row.to_pool_id,
    fromLifecycle: row.from_lifecycle as Lifecycle,
    toLifecycle: row.to_lifecycle as Lifecycle,
    reason: row.reason,
    actorId: row.actor_id,
    at: row.at,
  }));
}

/** When `userId` last gave this record up (released, or lost it to a recycle or transfer). */
export async function lastGivenUpAt(
  db: Kysely<Database>,
  tenantId: string,
  entityId: string,
  userId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('ownership_history')
    .select('at')
    .where('tenant_id', '=', tenantId)
    .where('entity_id', '=', entityId)
    .where('from_owner_id', '=', userId)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}
