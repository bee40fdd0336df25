import type { Kysely } from 'kysely';
import { DomainError, notFound, versionConflict } from '../domain/errors.js';
import { planConversion } from '../domain/leads/conversion.js';
import type { ConversionPlan, ConversionRequest } from '../domain/leads/conversion.js';
import type { ScoredLead } from '../domain/leads/lead.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { findLeadConversion, insertLeadConversion } from '../store/lead-conversions.repo.js';
import type { LeadConversionRecord } from '../store/lead-conversions.repo.js';
import type { Database } from '../store/schema.js';
import { authorize } from './access.js';
import { createAccount } from './accounts.service.js';
import { contactStore, createContact } from './contacts.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity, updateEntity } from './entity.js';
import { leadStore } from './leads.service.js';
import { createOpportunity, updateOpportunity } from './opportunities.service.js';
import { opportunityStore } from './opportunity-store.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

export interface ConversionInput extends ConversionRequest {
  /** The lead version the caller saw (optimistic concurrency). */
  readonly version: number;
}

export interface LeadConversion {
  readonly lead: ScoredLead;
  readonly accountId: string;
  readonly contactId: string | null;
  readonly opportunityId: string;
  readonly created: LeadConversionRecord['created'];
  readonly convertedAt: string;
  readonly convertedBy: string | null;
}

const asResult = (lead: ScoredLead, record: LeadConversionRecord): LeadConversion => ({
  lead,
  accountId: record.accountId,
  contactId: record.contactId,
  opportunityId: record.opportunityId,
  created: record.created,
  convertedAt: record.convertedAt,
  convertedBy: record.convertedBy,
});

/**
 * A lead converted before this feature (demo data, imports) has no conversion record: its
 * opportunity still says which account and contact it became.
 */
async function earlierConversion(
  trx: Kysely<Database>,
  tenantId: string,
  lead: ScoredLead,
): Promise<LeadConversionRecord> {
  const record = await findLeadConversion(trx, tenantId, lead.id);
  if (record) return record;
  const deal = lead.convertedOpportunityId
    ? await opportunityStore.load(trx, tenantId, lead.convertedOpportunityId)
    : undefined;
  if (!deal) throw notFound('lead_conversion');
  return {
    id: lead.id,
    leadId: lead.id,
    accountId: deal.accountId,
    contactId: deal.primaryContactId,
    opportunityId: deal.id,
    created: { account: false, contact: false, opportunity: false },
    convertedBy: null,
    convertedAt: lead.updatedAt,
  };
}

/** Ids the caller names must be records they can see, before anything is written. */
async function assertLinksVisible(
  trx: Kysely<Database>,
  principal: Principal,
  input: ConversionRequest,
): Promise<void> {
  await assertReferences(trx, principal, [
    { field: 'accountId', table: 'accounts', id: input.accountId },
    { field: 'contactId', table: 'contacts', id: input.contactId },
    { field: 'opportunityId', table: 'opportunities', id: input.opportunityId },
    { field: 'ownerId', table: 'users', id: input.ownerId },
  ]);
}

/** The account the lead lands in: linked, the linked opportunity's, or created now. */
async function settleAccount(
  ctx: AppContext,
  principal: Principal,
  trx: Kysely<Database>,
  plan: ConversionPlan,
): Promise<{ id: string; created: boolean }> {
  if (plan.opportunity.kind === 'link') {
    const deal = await opportunityStore.load(trx, principal.tenantId, plan.opportunity.id);
    if (!deal) throw new DomainError('reference_not_found', { field: 'opportunityId' });
    if (deal.status !== 'open') throw new DomainError('opportunity_closed');
    if (plan.account.kind === 'link' && plan.account.id !== deal.accountId)
      throw new DomainError('reference_mismatch', { field: 'accountId', other: 'opportunityId' });
    return { id: deal.accountId, created: false };
  }
  if (plan.account.kind === 'link') return { id: plan.account.id, created: false };
  if (plan.account.kind === 'of_opportunity')
    throw new DomainError('reference_not_found', { field: 'opportunityId' });
  const account = await createAccount(ctx, principal, plan.account.draft);
  return { id: account.id, created: true };
}

async function settleContact(
  ctx: AppContext,
  principal: Principal,
  trx: Kysely<Database>,
  plan: ConversionPlan,
  accountId: string,
): Promise<{ id: string | null; created: boolean }> {
  switch (plan.contact.kind) {
    case 'none':
      return { id: null, created: false };
    case 'link': {
      const contact = await contactStore.load(trx, principal.tenantId, plan.contact.id);
      if (contact?.accountId !== accountId)
        throw new DomainError('reference_mismatch', { field: 'contactId', other: 'accountId' });
      return { id: contact.id, created: false };
    }
    case 'create': {
      const contact = await createContact(ctx, principal, { ...plan.contact.draft, accountId });
      return { id: contact.id, created: true };
    }
  }
}

/** Creates the deal in its pipeline's first stage, or links the lead to an open one. */
async function settleOpportunity(
  ctx: AppContext,
  principal: Principal,
  plan: ConversionPlan,
  lead: ScoredLead,
  accountId: string,
  contactId: string | null,
): Promise<{ id: string; created: boolean }> {
  if (plan.opportunity.kind === 'create') {
    const { pipelineId, amount, ...draft } = plan.opportunity.draft;
    const deal = await createOpportunity(ctx, principal, {
      ...draft,
      ...(pipelineId ? { pipelineId } : {}),
      ...(amount ? { amount } : {}),
      accountId,
      primaryContactId: contactId,
    });
    return { id: deal.id, created: true };
  }
  const deal = await getEntity(ctx, principal, opportunityStore, plan.opportunity.id);
  // A deal keeps the lead it came from; one that has none gets this one (and its contact).
  const patch = {
    ...(deal.sourceLeadId === null ? { sourceLeadId: lead.id } : {}),
    ...(deal.primaryContactId === null && contactId !== null
      ? { primaryContactId: contactId }
      : {}),
  };
  if (Object.keys(patch).length > 0)
    await updateOpportunity(ctx, principal, deal.id, { version: deal.version, ...patch });
  return { id: deal.id, created: false };
}

/** What a converted lead became (404 while it is not converted). */
export async function getLeadConversion(
  ctx: AppContext,
  principal: Principal,
  leadId: string,
): Promise<LeadConversion> {
  const lead = await getEntity(ctx, principal, leadStore, leadId);
  if (lead.status !== 'converted') throw notFound('lead_conversion');
  return asResult(lead, await earlierConversion(dbFor(ctx), principal.tenantId, lead));
}

/** The ids a converted lead became, for the 409 a second conversion answers. */
const conversionDetails = (result: LeadConversion) => ({
  conversion: {
    accountId: result.accountId,
    contactId: result.contactId,
    opportunityId: result.opportunityId,
    convertedAt: result.convertedAt,
  },
});

/**
 * Converts a lead (L2O) in one transaction: account, contact and opportunity created or
 * linked as planned, the lead marked converted and linked to its deal, each write audited.
 * Anything failing half-way leaves nothing behind. A retry with the same Idempotency-Key
 * replays the first answer (the HTTP shell); any other attempt on a converted lead is a
 * 409 that names what it became, so a second deal is never created by accident.
 */
export async function convertLead(
  ctx: AppContext,
  principal: Principal,
  leadId: string,
  { version, ...request }: ConversionInput,
): Promise<LeadConversion> {
  authorize(principal, 'leads.write');
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const lead = await getEntity(ctx, principal, leadStore, leadId);
    if (lead.status === 'converted') {
      const earlier = asResult(lead, await earlierConversion(trx, principal.tenantId, lead));
      throw new DomainError('lead_converted', {}, [], conversionDetails(earlier));
    }
    if (lead.version !== version) throw versionConflict('lead');
    await assertLinksVisible(trx, principal, request);
    const plan = planConversion(lead, request, principal.userId);
    const account = await settleAccount(ctx, principal, trx, plan);
    const contact = await settleContact(ctx, principal, trx, plan, account.id);
    const deal = await settleOpportunity(ctx, principal, plan, lead, account.id, contact.id);
    const converted = await updateEntity(
      ctx,
      principal,
      leadStore,
      leadId,
      version,
      (_trx, current) =>
        Promise.resolve({
          ...current,
          status: 'converted' as const,
          convertedOpportunityId: deal.id,
          // A converted lead is done: no follow-up deadline left to chase or recycle it by.
          deadlineAt: null,
          deadlineLevel: 0 as const,
        }),
      { action: 'convert' },
    );
    const record: LeadConversionRecord = {
      id: ctx.newId(),
      leadId,
      accountId: account.id,
      contactId: contact.id,
      opportunityId: deal.id,
      created: { account: account.created, contact: contact.created, opportunity: deal.created },
      convertedBy: principal.userId,
      convertedAt: nowIso(ctx),
    };
    await insertLeadConversion(trx, principal.tenantId, record);
    return asResult(converted, record);
  });
}
