import type { Account, CompanySize, ValueTier } from '../domain/accounts/account.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  accountDependents,
  listAccounts,
  toAccount,
  toAccountRow,
} from '../store/accounts.repo.js';
import type { AccountFilter } from '../store/accounts.repo.js';
import { setContactsDeletedWithAccount } from '../store/contacts.repo.js';
import type { Page } from '../store/pagination.js';
import { assertCanAssign, authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import {
  createEntity,
  getEntity,
  restoreEntity,
  softDeleteEntity,
  updateEntity,
} from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { detectOnSave } from './duplicates/detect.js';
import { assertNotMerged, explainMerged } from './duplicates/merged.js';
import { accountSubject } from './duplicates/subjects.js';
import {
  freshOwnership,
  recordEditedOwnership,
  reownedFields,
  resolveOwnership,
} from './ownership.js';
import { assertFilterReferences, assertNoCycle, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface AccountInput {
  readonly name: string;
  readonly parentId?: string | null;
  readonly industry?: string | null;
  readonly size?: CompanySize | null;
  readonly region?: string | null;
  readonly valueTier?: ValueTier | null;
  readonly creditCode?: string | null;
  readonly website?: string | null;
  readonly phone?: string | null;
  readonly address?: string | null;
  readonly notes?: string | null;
  readonly ownerId?: string | null;
  readonly poolId?: string | null;
  /** 静默期: no current need until then. */
  readonly silenceUntil?: string | null;
}

export type AccountPatch = Partial<AccountInput> & { readonly version: number };

export const accountStore = tableStore('account', 'accounts', toAccount, toAccountRow);

export const accountSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
  name: { key: 'name', column: 'name' },
} as const;

export async function createAccount(
  ctx: AppContext,
  principal: Principal,
  input: AccountInput,
): Promise<Account> {
  authorize(principal, 'accounts.write');
  return createEntity(
    ctx,
    principal,
    accountStore,
    async (trx, { id, now }) => {
      const ownership = resolveOwnership(input, null, principal.userId);
      await assertCanAssign(trx, principal, ownership.ownerId, 'record');
      await assertReferences(trx, principal, [
        { field: 'parentId', table: 'accounts', id: input.parentId },
        { field: 'ownerId', table: 'users', id: ownership.ownerId },
        { field: 'poolId', table: 'pools', id: ownership.poolId },
      ]);
      return {
        id,
        name: input.name,
        parentId: input.parentId ?? null,
        industry: input.industry ?? null,
        size: input.size ?? null,
        region: input.region ?? null,
        valueTier: input.valueTier ?? null,
        creditCode: input.creditCode ?? null,
        website: input.website ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        notes: input.notes ?? null,
        ...ownership,
        ...(await freshOwnership(trx, principal.tenantId, ownership.ownerId, now)),
        silenceUntil: input.silenceUntil ?? null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        version: 1,
      };
    },
    (trx, account) =>
      detectOnSave(ctx, trx, principal.tenantId, accountSubject(account), true).then(
        () => undefined,
      ),
  );
}

export async function updateAccount(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: AccountPatch,
): Promise<Account> {
  authorize(principal, 'accounts.write');
  return inTransaction(ctx, async (outer) => {
    const account = await updateAccountFields(ctx, principal, id, version, patch);
    await detectOnSave(ctx, outer, principal.tenantId, accountSubject(account), false);
    return account;
  });
}

function updateAccountFields(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
  patch: Omit<AccountPatch, 'version'>,
): Promise<Account> {
  return inTransaction(ctx, async (outer) => {
    let before: Account | undefined;
    const account = await updateEntity(
      ctx,
      principal,
      accountStore,
      id,
      version,
      async (trx, current, { now }) => {
        before = current;
        const ownership = resolveOwnership(patch, current, principal.userId);
        if (ownership.ownerId !== current.ownerId)
          await assertCanAssign(trx, principal, ownership.ownerId, 'record');
        await assertReferences(trx, principal, [
          { field: 'parentId', table: 'accounts', id: patch.parentId },
          { field: 'ownerId', table: 'users', id: patch.ownerId },
          { field: 'poolId', table: 'pools', id: patch.poolId },
        ]);
        if (patch.parentId !== undefined) {
          await assertNoCycle(trx, 'accounts', principal.tenantId, id, patch.parentId, 'parentId');
        }
        return {
          ...applyPatch(current, patch),
          ...ownership,
          ...(await reownedFields(trx, principal.tenantId, current, ownership, now)),
        };
      },
    );
    if (before) {
      await recordEditedOwnership(
        outer,
        ctx,
        principal,
        'account',
        before,
        account,
        account.updatedAt,
      );
    }
    return account;
  });
}

export async function getAccount(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Account> {
  return getEntity(ctx, principal, accountStore, id).catch((error: unknown) =>
    explainMerged(dbFor(ctx), principal, 'account', id, error),
  );
}

export async function listAccountsPage(
  ctx: AppContext,
  principal: Principal,
  filter: AccountFilter,
  list: ListInput<keyof typeof accountSorts>,
): Promise<Page<Account>> {
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'parentId', table: 'accounts', id: filter.parentId },
    { field: 'ownerId', table: 'users', id: filter.ownerId },
    { field: 'poolId', table: 'pools', id: filter.poolId },
  ]);
  return listAccounts(
    db,
    principal.tenantId,
    filter,
    pageQuery(list, accountSorts),
    await visibilityOf(db, principal),
  );
}

/**
 * An account with open deals or live subsidiaries stays: deleting it would orphan them.
 * Its contacts go to the trash with it and come back with it.
 */
export async function deleteAccount(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'accounts.delete');
  await softDeleteEntity(ctx, principal, accountStore, id, {
    guard: async (trx) => {
      const dependents = await accountDependents(trx, principal.tenantId, id);
      if (dependents.openOpportunities > 0 || dependents.childAccounts > 0) {
        throw new DomainError('has_dependents', {
          entity: 'account',
          dependents: `${dependents.openOpportunities} open opportunities, ${dependents.childAccounts} child accounts`,
        });
      }
    },
    after: (trx, deleted) =>
      setContactsDeletedWithAccount(
        trx,
        principal.tenantId,
        id,
        { from: null, to: deleted.deletedAt },
        deleted.updatedAt,
      ),
  });
}

export async function restoreAccount(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Account> {
  authorize(principal, 'accounts.delete');
  return restoreEntity(ctx, principal, accountStore, id, {
    guard: async (trx, current) => {
      await assertNotMerged(trx, principal, 'account', id);
      await assertReferences(trx, principal, [
        { field: 'parentId', table: 'accounts', id: current.parentId },
      ]);
    },
    after: async (trx, restored, deletedAt) => {
      await setContactsDeletedWithAccount(
        trx,
        principal.tenantId,
        id,
        { from: deletedAt, to: null },
        restored.updatedAt,
      );
      // Records created while it was in the trash were not compared with it.
      await detectOnSave(ctx, trx, principal.tenantId, accountSubject(restored), false);
    },
  });
}
