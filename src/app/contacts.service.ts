import type { Attitude, Contact, DecisionRole } from '../domain/accounts/contact.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listContacts, toContact, toContactRow } from '../store/contacts.repo.js';
import type { ContactFilter } from '../store/contacts.repo.js';
import type { Page } from '../store/pagination.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { assertCanAssign, authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import {
  createEntity,
  getEntity,
  restoreEntity,
  softDeleteEntity,
  updateEntity,
} from './entity.js';
import { detectOnSave } from './duplicates/detect.js';
import { assertNotMerged, explainMerged } from './duplicates/merged.js';
import { contactSubject } from './duplicates/subjects.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertFilterReferences, assertNoCycle, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface ContactInput {
  readonly accountId: string;
  readonly name: string;
  readonly title?: string | null;
  readonly department?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly decisionRole?: DecisionRole | null;
  readonly attitude?: Attitude;
  readonly reportsToId?: string | null;
  readonly ownerId?: string | null;
  readonly notes?: string | null;
  /** 静默期: not to be contacted before then. */
  readonly silenceUntil?: string | null;
}

export type ContactPatch = Partial<ContactInput> & { readonly version: number };

export const contactStore = tableStore('contact', 'contacts', toContact, toContactRow);

export const contactSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
  name: { key: 'name', column: 'name' },
} as const;

/** The org chart is drawn per account, so a contact reports to someone at the same company. */
async function assertSameAccount(
  trx: Kysely<Database>,
  tenantId: string,
  reportsToId: string | null,
  accountId: string,
): Promise<void> {
  if (reportsToId === null) return;
  const boss = await contactStore.load(trx, tenantId, reportsToId);
  if (boss && boss.accountId !== accountId) {
    throw new DomainError('reference_mismatch', { field: 'reportsToId', other: 'accountId' });
  }
}

export async function createContact(
  ctx: AppContext,
  principal: Principal,
  input: ContactInput,
): Promise<Contact> {
  authorize(principal, 'contacts.write');
  return createEntity(
    ctx,
    principal,
    contactStore,
    async (trx, { id, now }) => {
      await assertCanAssign(trx, principal, input.ownerId, 'record');
      await assertReferences(trx, principal, [
        { field: 'accountId', table: 'accounts', id: input.accountId },
        { field: 'reportsToId', table: 'contacts', id: input.reportsToId },
        { field: 'ownerId', table: 'users', id: input.ownerId },
      ]);
      await assertSameAccount(trx, principal.tenantId, input.reportsToId ?? null, input.accountId);
      return {
        id,
        accountId: input.accountId,
        name: input.name,
        title: input.title ?? null,
        department: input.department ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        decisionRole: input.decisionRole ?? null,
        attitude: input.attitude ?? 'unknown',
        reportsToId: input.reportsToId ?? null,
        ownerId: input.ownerId === undefined ? principal.userId : input.ownerId,
        notes: input.notes ?? null,
        silenceUntil: input.silenceUntil ?? null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        version: 1,
      };
    },
    (trx, contact) =>
      detectOnSave(ctx, trx, principal.tenantId, contactSubject(contact), true).then(
        () => undefined,
      ),
  );
}

export async function updateContact(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: ContactPatch,
): Promise<Contact> {
  authorize(principal, 'contacts.write');
  return inTransaction(ctx, async (outer) => {
    const contact = await updateContactFields(ctx, principal, id, version, patch);
    await detectOnSave(ctx, outer, principal.tenantId, contactSubject(contact), false);
    return contact;
  });
}

function updateContactFields(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
  patch: Omit<ContactPatch, 'version'>,
): Promise<Contact> {
  return updateEntity(ctx, principal, contactStore, id, version, async (trx, current) => {
    if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
      await assertCanAssign(trx, principal, patch.ownerId, 'record');
    }
    await assertReferences(trx, principal, [
      { field: 'accountId', table: 'accounts', id: patch.accountId },
      { field: 'reportsToId', table: 'contacts', id: patch.reportsToId },
      { field: 'ownerId', table: 'users', id: patch.ownerId },
    ]);
    const next = applyPatch(current, patch);
    // Moving a contact to another company drops a reports-to link that no longer fits.
    const reportsToId =
      patch.accountId !== undefined &&
      patch.accountId !== current.accountId &&
      patch.reportsToId === undefined
        ? null
        : next.reportsToId;
    await assertSameAccount(trx, principal.tenantId, reportsToId, next.accountId);
    await assertNoCycle(trx, 'contacts', principal.tenantId, id, reportsToId, 'reportsToId');
    return { ...next, reportsToId };
  });
}

export async function getContact(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Contact> {
  return getEntity(ctx, principal, contactStore, id).catch((error: unknown) =>
    explainMerged(dbFor(ctx), principal, 'contact', id, error),
  );
}

export async function listContactsPage(
  ctx: AppContext,
  principal: Principal,
  filter: ContactFilter,
  list: ListInput<keyof typeof contactSorts>,
): Promise<Page<Contact>> {
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'accountId', table: 'accounts', id: filter.accountId },
    { field: 'ownerId', table: 'users', id: filter.ownerId },
  ]);
  return listContacts(
    db,
    principal.tenantId,
    filter,
    pageQuery(list, contactSorts),
    await visibilityOf(db, principal),
  );
}

export async function deleteContact(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'contacts.delete');
  await softDeleteEntity(ctx, principal, contactStore, id);
}

export async function restoreContact(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Contact> {
  authorize(principal, 'contacts.delete');
  return restoreEntity(ctx, principal, contactStore, id, {
    guard: async (trx, current) => {
      await assertNotMerged(trx, principal, 'contact', id);
      await assertReferences(trx, principal, [
        { field: 'accountId', table: 'accounts', id: current.accountId },
      ]);
    },
    // Records created while it was in the trash were not compared with it.
    after: async (trx, restored) => {
      await detectOnSave(ctx, trx, principal.tenantId, contactSubject(restored), false);
    },
  });
}
