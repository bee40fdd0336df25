import type { Kysely, Selectable } from 'kysely';
import type { Attitude, Contact, DecisionRole } from '../domain/accounts/contact.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibleCondition } from './visibility.js';
import type { ContactsTable, Database } from './schema.js';
import { deletedCondition, matchesText } from './search.js';
import type { DeletedFilter } from './search.js';

export function toContact(row: Selectable<ContactsTable>): Contact {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    title: row.title,
    department: row.department,
    email: row.email,
    phone: row.phone,
    decisionRole: row.decision_role as DecisionRole | null,
    attitude: row.attitude as Attitude,
    reportsToId: row.reports_to_id,
    ownerId: row.owner_id,
    notes: row.notes,
    silenceUntil: row.silence_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
}

export function toContactRow(tenantId: string, contact: Contact): ContactsTable {
  return {
    tenant_id: tenantId,
    id: contact.id,
    account_id: contact.accountId,
    name: contact.name,
    title: contact.title,
    department: contact.department,
    email: contact.email,
    phone: contact.phone,
    decision_role: contact.decisionRole,
    attitude: contact.attitude,
    reports_to_id: contact.reportsToId,
    owner_id: contact.ownerId,
    notes: contact.notes,
    silence_until: contact.silenceUntil,
    created_at: contact.createdAt,
    updated_at: contact.updatedAt,
    deleted_at: contact.deletedAt,
    version: contact.version,
  };
}

export interface ContactFilter {
  readonly accountId?: string;
  readonly decisionRole?: DecisionRole;
  readonly ownerId?: string;
  readonly q?: string;
  readonly deleted: DeletedFilter;
}

export async function listContacts(
  db: Kysely<Database>,
  tenantId: string,
  filter: ContactFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<Contact>> {
  let query = db.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId);
  const visible = visibleCondition('contacts', visibility);
  if (visible) query = query.where(visible);
  const deleted = deletedCondition('contacts', filter.deleted);
  if (deleted) query = query.where(deleted);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.decisionRole) query = query.where('decision_role', '=', filter.decisionRole);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.q) query = query.where(matchesText('contacts', ['name', 'email', 'phone'], filter.q));
  const rows = await applyKeyset(query, 'contacts', page).execute();
  return toPage(rows, page, toContact);
}

/**
 * Contacts go with their account: deleting an account soft-deletes its live contacts with
 * the same timestamp, and restoring it brings back exactly those.
 */
export async function setContactsDeletedWithAccount(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
  stamp: { from: string | null; to: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set((eb) => ({ deleted_at: stamp.to, updated_at: now, version: eb('version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where((eb) =>
      stamp.from === null ? eb('deleted_at', 'is', null) : eb('deleted_at', '=', stamp.from),
    )
    .execute();
}
