import type { CompanySize } from '../domain/accounts/account.js';
import { DomainError } from '../domain/errors.js';
import type { Lead, LeadSource, LeadStatus } from '../domain/leads/lead.js';
import type { Money } from '../domain/money.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listLeads, toLead, toLeadRow } from '../store/leads.repo.js';
import type { LeadFilter } from '../store/leads.repo.js';
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
import { resolveOwnership } from './ownership.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor } from './transaction.js';

/** `converted` is reached only by converting the lead, never by editing its status. */
export type EditableLeadStatus = Exclude<LeadStatus, 'converted'>;

export interface LeadInput {
  readonly name: string;
  readonly company?: string | null;
  readonly title?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly industry?: string | null;
  readonly region?: string | null;
  readonly size?: CompanySize | null;
  readonly source: LeadSource;
  readonly campaign?: string | null;
  readonly status?: EditableLeadStatus;
  readonly disqualifyReason?: string | null;
  readonly bantBudget?: Money | null;
  readonly bantAuthority?: string | null;
  readonly bantNeed?: string | null;
  readonly bantTimeline?: string | null;
  readonly ownerId?: string | null;
  readonly poolId?: string | null;
}

export type LeadPatch = Partial<LeadInput> & { readonly version: number };

export const leadStore = tableStore('lead', 'leads', toLead, toLeadRow);

export const leadSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
  name: { key: 'name', column: 'name' },
} as const;

/** Disqualifying is a decision the team learns from, so it always carries its reason. */
function assertDisqualifyReason(lead: Pick<Lead, 'status' | 'disqualifyReason'>): void {
  if (lead.status === 'disqualified' && !lead.disqualifyReason?.trim()) {
    throw new DomainError('validation_failed', {}, [
      { path: 'disqualifyReason', code: 'required', message: 'a disqualified lead needs a reason' },
    ]);
  }
}

export async function createLead(
  ctx: AppContext,
  principal: Principal,
  input: LeadInput,
): Promise<Lead> {
  authorize(principal, 'leads.write');
  return createEntity(ctx, principal, leadStore, async (trx, { id, now }) => {
    const ownership = resolveOwnership(input, null, principal.userId);
    await assertCanAssign(trx, principal, ownership.ownerId, 'lead');
    await assertReferences(trx, principal, [
      { field: 'ownerId', table: 'users', id: ownership.ownerId },
      { field: 'poolId', table: 'pools', id: ownership.poolId },
    ]);
    const lead: Lead = {
      id,
      name: input.name,
      company: input.company ?? null,
      title: input.title ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      industry: input.industry ?? null,
      region: input.region ?? null,
      size: input.size ?? null,
      source: input.source,
      campaign: input.campaign ?? null,
      status: input.status ?? 'new',
      disqualifyReason: input.disqualifyReason ?? null,
      bantBudget: input.bantBudget ?? null,
      bantAuthority: input.bantAuthority ?? null,
      bantNeed: input.bantNeed ?? null,
      bantTimeline: input.bantTimeline ?? null,
      ...ownership,
      convertedOpportunityId: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      version: 1,
    };
    assertDisqualifyReason(lead);
    return lead;
  });
}

export async function updateLead(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: LeadPatch,
): Promise<Lead> {
  authorize(principal, 'leads.write');
  return updateEntity(ctx, principal, leadStore, id, version, async (trx, current) => {
    const ownership = resolveOwnership(patch, current, principal.userId);
    if (ownership.ownerId !== current.ownerId)
      await assertCanAssign(trx, principal, ownership.ownerId, 'lead');
    await assertReferences(trx, principal, [
      { field: 'ownerId', table: 'users', id: patch.ownerId },
      { field: 'poolId', table: 'pools', id: patch.poolId },
    ]);
    const next = { ...applyPatch(current, patch), ...ownership };
    assertDisqualifyReason(next);
    return next;
  });
}

export async function getLead(ctx: AppContext, principal: Principal, id: string): Promise<Lead> {
  return getEntity(ctx, principal, leadStore, id);
}

export async function listLeadsPage(
  ctx: AppContext,
  principal: Principal,
  filter: LeadFilter,
  list: ListInput<keyof typeof leadSorts>,
): Promise<Page<Lead>> {
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'ownerId', table: 'users', id: filter.ownerId },
    { field: 'poolId', table: 'pools', id: filter.poolId },
  ]);
  return listLeads(
    db,
    principal.tenantId,
    filter,
    pageQuery(list, leadSorts),
    await visibilityOf(db, principal),
  );
}

export async function deleteLead(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  authorize(principal, 'leads.delete');
  await softDeleteEntity(ctx, principal, leadStore, id);
}

export async function restoreLead(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Lead> {
  authorize(principal, 'leads.delete');
  return restoreEntity(ctx, principal, leadStore, id);
}
