import type { Kysely, Selectable } from 'kysely';
import type { Delegation } from '../domain/approvals/delegation.js';
import { defaultApprovalPolicy } from '../domain/approvals/policy.js';
import type { ApprovalPolicy } from '../domain/approvals/policy.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { ApprovalDelegationsTable, Database } from './schema.js';

const POLICY_ID = 'default';

export interface StoredPolicy {
  readonly policy: ApprovalPolicy;
  /** 0 while the tenant still runs on the default (no row yet). */
  readonly version: number;
  readonly updatedAt: string | null;
}

/** The tenant's approval policy, or the default when an admin never set one. */
export async function loadApprovalPolicy(
  db: Kysely<Database>,
  tenantId: string,
): Promise<StoredPolicy> {
  const row = await db
    .selectFrom('approval_policies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', POLICY_ID)
    .executeTakeFirst();
  if (!row) return { policy: defaultApprovalPolicy, version: 0, updatedAt: null };
  return {
    policy: fromJsonColumn(row.policy) as ApprovalPolicy,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Writes the policy if the stored version is still `expectedVersion` (0: none yet). */
export async function saveApprovalPolicy(
  db: Kysely<Database>,
  tenantId: string,
  policy: ApprovalPolicy,
  expectedVersion: number,
  now: string,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('approval_policies')
      .values({
        tenant_id: tenantId,
        id: POLICY_ID,
        policy: toJsonColumn(policy),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await db
    .updateTable('approval_policies')
    .set({ policy: toJsonColumn(policy), updated_at: now, version: expectedVersion + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', POLICY_ID)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

function toDelegation(row: Selectable<ApprovalDelegationsTable>): Delegation {
  return {
    userId: row.id,
    delegateId: row.delegate_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function findDelegation(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<Delegation | undefined> {
  const row = await db
    .selectFrom('approval_delegations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row && toDelegation(row);
}

/** Leaves in force at `now` across the tenant (a handful of rows at most). */
export async function activeDelegations(
  db: Kysely<Database>,
  tenantId: string,
  now: string,
): Promise<Delegation[]> {
  const rows = await db
    .selectFrom('approval_delegations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .execute();
  return rows.map(toDelegation);
}

/** Inserts or replaces the user's delegation if the stored version is `expectedVersion`. */
export async function saveDelegation(
  db: Kysely<Database>,
  tenantId: string,
  delegation: Delegation,
  expectedVersion: number,
): Promise<boolean> {
  const row = {
    delegate_id: delegation.delegateId,
    starts_at: delegation.startsAt,
    ends_at: delegation.endsAt,
    updated_at: delegation.updatedAt,
    version: delegation.version,
  };
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('approval_delegations')
      .values({
        tenant_id: tenantId,
        id: delegation.userId,
        created_at: delegation.createdAt,
        ...row,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await db
    .updateTable('approval_delegations')
    .set(row)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', delegation.userId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function deleteDelegation(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('approval_delegations')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}
