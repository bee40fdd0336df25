import type { CompanySize } from '../accounts/account.js';
import { DomainError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import type { Money } from '../money.js';
import type { Lead, LeadSource } from './lead.js';

/**
 * Lead conversion (L2O), decided as data: which account, contact and opportunity the lead
 * becomes, created from the lead's own data or linked to records that exist. The service
 * carries the plan out in one transaction.
 */
export interface ConversionRequest {
  /** Link this account; omitted: create one from the lead's company (or the opportunity's). */
  readonly accountId?: string;
  readonly accountName?: string;
  /** Link this contact (of the account); omitted: create one from the lead unless told not to. */
  readonly contactId?: string;
  readonly createContact?: boolean;
  /** Convert into this existing opportunity instead of creating one. */
  readonly opportunityId?: string;
  readonly opportunityName?: string;
  readonly pipelineId?: string;
  readonly amount?: Money;
  readonly expectedCloseDate?: string;
  /** Owner of what is created; default: the lead's owner, else the converting user. */
  readonly ownerId?: string;
}

export interface AccountDraft {
  readonly name: string;
  readonly industry: string | null;
  readonly region: string | null;
  readonly size: CompanySize | null;
  readonly ownerId: string;
}

export interface ContactDraft {
  readonly name: string;
  readonly title: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly ownerId: string;
}

export interface OpportunityDraft {
  readonly name: string;
  readonly pipelineId: string | undefined;
  readonly amount: Money | undefined;
  readonly expectedCloseDate: string | null;
  readonly budget: Money | null;
  readonly timeline: string | null;
  readonly source: LeadSource;
  readonly sourceLeadId: string;
  readonly ownerId: string;
}

export interface ConversionPlan {
  readonly account:
    | { readonly kind: 'link'; readonly id: string }
    | { readonly kind: 'create'; readonly draft: AccountDraft }
    /** The account of the opportunity the lead is converted into. */
    | { readonly kind: 'of_opportunity' };
  readonly contact:
    | { readonly kind: 'link'; readonly id: string }
    | { readonly kind: 'create'; readonly draft: ContactDraft }
    | { readonly kind: 'none' };
  readonly opportunity:
    | { readonly kind: 'link'; readonly id: string }
    | { readonly kind: 'create'; readonly draft: OpportunityDraft };
}

/** Fields that describe a new opportunity make no sense when linking an existing one. */
const newOpportunityFields = [
  'opportunityName',
  'pipelineId',
  'amount',
  'expectedCloseDate',
] as const;

const issue = (path: string, code: string, message: string): FieldIssue => ({
  path,
  code,
  message,
});

/**
 * Plans the conversion of `lead` as asked. A disqualified lead is refused (re-open it
 * first); so is a request that both links an opportunity and describes a new one, or one
 * that would leave what it creates without an owner.
 */
export function planConversion(
  lead: Lead,
  request: ConversionRequest,
  actingUserId: string | null,
): ConversionPlan {
  if (lead.status === 'disqualified') throw new DomainError('lead_disqualified');
  const issues: FieldIssue[] = [];
  if (request.opportunityId !== undefined) {
    for (const field of newOpportunityFields)
      if (request[field] !== undefined)
        issues.push(
          issue(field, 'conflicts', 'only for a new opportunity, not with opportunityId'),
        );
  }
  if (request.contactId !== undefined && request.createContact === false)
    issues.push(
      issue('createContact', 'conflicts', 'contactId links a contact; omit createContact'),
    );
  if (request.accountId !== undefined && request.accountName !== undefined)
    issues.push(issue('accountName', 'conflicts', 'only for a new account, not with accountId'));
  const ownerId = request.ownerId ?? lead.ownerId ?? actingUserId;
  if (ownerId === null)
    issues.push(issue('ownerId', 'required', 'the lead has no owner: name one'));
  if (issues.length > 0 || ownerId === null) throw new DomainError('validation_failed', {}, issues);

  const company = lead.company?.trim() ? lead.company.trim() : null;
  return {
    account:
      request.accountId !== undefined
        ? { kind: 'link', id: request.accountId }
        : request.opportunityId !== undefined
          ? { kind: 'of_opportunity' }
          : {
              kind: 'create',
              draft: {
                name: request.accountName ?? company ?? lead.name,
                industry: lead.industry,
                region: lead.region,
                size: lead.size,
                ownerId,
              },
            },
    contact:
      request.contactId !== undefined
        ? { kind: 'link', id: request.contactId }
        : request.createContact === false
          ? { kind: 'none' }
          : {
              kind: 'create',
              draft: {
                name: lead.name,
                title: lead.title,
                email: lead.email,
                phone: lead.phone,
                ownerId,
              },
            },
    opportunity:
      request.opportunityId !== undefined
        ? { kind: 'link', id: request.opportunityId }
        : {
            kind: 'create',
            draft: {
              name: request.opportunityName ?? company ?? lead.name,
              pipelineId: request.pipelineId,
              // The budget the lead stated is the best first guess of the deal's size.
              amount: request.amount ?? lead.bantBudget ?? undefined,
              expectedCloseDate: request.expectedCloseDate ?? null,
              budget: lead.bantBudget,
              timeline: lead.bantTimeline,
              source: lead.source,
              sourceLeadId: lead.id,
              ownerId,
            },
          },
  };
}
