import type { Account } from '../../domain/accounts/account.js';
import type { Contact } from '../../domain/accounts/contact.js';
import type { DuplicateEntityType, MatchSubject } from '../../domain/duplicates/match-keys.js';
import type { Lead } from '../../domain/leads/lead.js';

/*
 * What of each record duplicate detection reads: its identifying fields only. The
 * parameters are narrow so an import's drafts (no score, no ownership yet) fit as well.
 */
export const leadSubject = (
  lead: Pick<Lead, 'id' | 'name' | 'company' | 'email' | 'phone'>,
): MatchSubject => ({
  entityType: 'lead',
  id: lead.id,
  name: lead.name,
  company: lead.company,
  email: lead.email,
  phone: lead.phone,
});

export const accountSubject = (
  account: Pick<Account, 'id' | 'name' | 'creditCode' | 'website' | 'phone'>,
): MatchSubject => ({
  entityType: 'account',
  id: account.id,
  name: account.name,
  creditCode: account.creditCode,
  website: account.website,
  phone: account.phone,
});

export const contactSubject = (
  contact: Pick<Contact, 'id' | 'accountId' | 'name' | 'email' | 'phone'>,
): MatchSubject => ({
  entityType: 'contact',
  id: contact.id,
  accountId: contact.accountId,
  name: contact.name,
  email: contact.email,
  phone: contact.phone,
});

export const tableOf = { lead: 'leads', account: 'accounts', contact: 'contacts' } as const;
export type DuplicateTable = (typeof tableOf)[DuplicateEntityType];
