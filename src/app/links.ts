import { DomainError } from '../domain/errors.js';
import type { RecordLinks } from '../domain/activities/activity.js';
import type { Reference } from './references.js';

export interface LinkInput {
  readonly leadId?: string | null;
  readonly opportunityId?: string | null;
  readonly accountId?: string | null;
  readonly contactId?: string | null;
}

export function linkReferences(links: LinkInput): Reference[] {
  return [
    { field: 'leadId', table: 'leads', id: links.leadId },
    { field: 'opportunityId', table: 'opportunities', id: links.opportunityId },
    { field: 'accountId', table: 'accounts', id: links.accountId },
    { field: 'contactId', table: 'contacts', id: links.contactId },
  ];
}

/** An activity or task belongs somewhere: at least one of lead, opportunity, account, contact. */
export function assertLinked(links: RecordLinks): void {
  if (!links.leadId && !links.opportunityId && !links.accountId && !links.contactId) {
    throw new DomainError('validation_failed', {}, [
      {
        path: 'opportunityId',
        code: 'link_required',
        message: 'link a lead, opportunity, account or contact',
      },
    ]);
  }
}

export function linksFrom(input: LinkInput): RecordLinks {
  return {
    leadId: input.leadId ?? null,
    opportunityId: input.opportunityId ?? null,
    accountId: input.accountId ?? null,
    contactId: input.contactId ?? null,
  };
}
