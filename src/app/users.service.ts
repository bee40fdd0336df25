import type { Grant } from '../domain/access/permissions.js';
import { DomainError } from '../domain/errors.js';
import { passwordIssues } from '../domain/tenancy/password-policy.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import { normaliseEmail } from '../domain/tenancy/user.js';
import type { Role, User } from '../domain/tenancy/user.js';
import type { Page } from '../store/pagination.js';
import { findRow } from '../store/rows.repo.js';
import { findUserRowByEmail, listUsers, toUser, toUserRow } from '../store/users.repo.js';
import type { UserFilter } from '../store/users.repo.js';
import type { EntityStore } from './entity.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { createEntity, getEntity, updateEntity } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { hashPassword } from './passwords.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { applyPatch } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';
import { saveVersioned, insertRow } from '../store/rows.repo.js';

export interface UserInput {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly teamId?: string | null;
  readonly locale?: Locale | null;
  readonly grants?: readonly Grant[];
  readonly capacity?: number | null;
  readonly languages?: readonly string[];
  /** Omitted for users who will only use API tokens, or who get a reset link later. */
  readonly password?: string;
}

export interface UserPatch {
  readonly version: number;
  readonly name?: string;
  readonly role?: Role;
  readonly teamId?: string | null;
  readonly locale?: Locale | null;
  readonly grants?: readonly Grant[];
  readonly capacity?: number | null;
  readonly languages?: readonly string[];
  /** On leave until then (assignment skips them); null when back. */
  readonly awayUntil?: string | null;
}

/**
 * Users keep their password hash beside the public record; the store reads it back on
 * save so an ordinary profile edit never needs (or clears) the hash.
 */
export const userStore: EntityStore<User> = {
  entityType: 'user',
  load: async (db, tenantId, id) => {
    const row = await findRow(db, 'users', tenantId, id);
    return row && toUser(row);
  },
  insert: (db, tenantId, user) => insertRow(db, 'users', toUserRow(tenantId, user, null)),
  save: async (db, tenantId, user, expectedVersion) => {
    const row = await findRow(db, 'users', tenantId, user.id);
    return saveVersioned(
      db,
      'users',
      toUserRow(tenantId, user, row?.password_hash ?? null),
      expectedVersion,
    );
  },
};

export const userSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  name: { key: 'name', column: 'name' },
  email: { key: 'email', column: 'email' },
} as const;

export async function createUser(
  ctx: AppContext,
  principal: Principal,
  input: UserInput,
): Promise<User> {
  authorize(principal, 'users.manage');
  const email = normaliseEmail(input.email);
  if (input.password !== undefined) {
    const issues = passwordIssues(input.password, email);
    if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
  }
  // Hash before the transaction: argon2 is deliberately slow and must not hold a lock.
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return inTransaction(ctx, async () => {
    const user = await createEntity(ctx, principal, userStore, async (trx, { id, now }) => {
      await assertReferences(trx, principal, [
        { field: 'teamId', table: 'teams', id: input.teamId },
      ]);
      if (await findUserRowByEmail(trx, principal.tenantId, email)) {
        throw new DomainError('duplicate', { field: 'email' });
      }
      return {
        id,
        email,
        name: input.name,
        role: input.role,
        teamId: input.teamId ?? null,
        locale: input.locale ?? null,
        status: 'active' as const,
        grants: input.grants ?? [],
        capacity: input.capacity ?? null,
        awayUntil: null,
        languages: input.languages ?? [],
        lastAssignedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
    });
    if (passwordHash !== null)
      await setPasswordHash(ctx, principal.tenantId, user.id, passwordHash);
    return user;
  });
}

export async function setPasswordHash(
  ctx: AppContext,
  tenantId: string,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await dbFor(ctx)
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

export async function updateUser(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: UserPatch,
): Promise<User> {
  authorize(principal, 'users.manage');
  return updateEntity(ctx, principal, userStore, id, version, async (trx, current) => {
    await assertReferences(trx, principal, [{ field: 'teamId', table: 'teams', id: patch.teamId }]);
    return applyPatch(current, patch);
  });
}

export async function getUser(ctx: AppContext, principal: Principal, id: string): Promise<User> {
  return getEntity(ctx, principal, userStore, id);
}

export async function listUsersPage(
  ctx: AppContext,
  principal: Principal,
  filter: UserFilter,
  list: ListInput<keyof typeof userSorts>,
): Promise<Page<User>> {
  await assertFilterReferences(dbFor(ctx), principal, [
    { field: 'teamId', table: 'teams', id: filter.teamId },
  ]);
  return listUsers(dbFor(ctx), principal.tenantId, filter, pageQuery(list, userSorts));
}

export async function findUserByEmail(
  ctx: AppContext,
  principal: Principal,
  email: string,
): Promise<User | undefined> {
  const row = await findUserRowByEmail(dbFor(ctx), principal.tenantId, normaliseEmail(email));
  return row && toUser(row);
}
