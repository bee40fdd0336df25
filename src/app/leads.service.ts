import type { Kysely } from 'kysely';
import type { CompanySize } from '../domain/accounts/account.js';
import type { Lead, LeadSource, LeadStatus, ScoredLead } from '../domain/leads/lead.js';
import { checkLeadEdit, checkNewLead } from '../domain/leads/qualification.js';
import type { LeadScore } from '../domain/leads/scoring.js';
import type { Money } from '../domain/money.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { saveLeadScore } from '../store/lead-scores.repo.js';
import { listLeads, toLead, toLeadRow } from '../store/leads.repo.js';
import type { LeadFilter } from '../store/leads.repo.js';
import type { Page } from '../store/pagination.js';
import type { Database } from '../store/schema.js';
import { assertCanAssign, authorize, visibilityOf } from './access.js';
import { recordLeadEvents } from './automation/capture.js';
import type { AppContext } from './context.js';
import {
  createEntity,
  getEntity,
  restoreEntity,
  softDeleteEntity,
  updateEntity,
} from './entity.js';
import { scoreOf } from './lead-scoring.service.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { detectOnSave } from './duplicates/detect.js';
import { assignNewRecord } from './experiments/assign.js';
import { assertNotMerged, explainMerged } from './duplicates/merged.js';
import { leadSubject } from './duplicates/subjects.js';
import {
  freshOwnership,
  recordEditedOwnership,
  reownedFields,
  resolveOwnership,
} from './ownership.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface LeadInput {
  readonly name: string;
  readonly company?: string | null;
  readonly title?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly industry?: string | null;
  readonly region?: string | null;
  readonly size?: CompanySize | null;
  readonly language?: string | null;
  readonly source: LeadSource;
  readonly campaign?: string | null;
  /** `converted` is refused here (qualification.ts): it is reached only by converting. */
  readonly status?: LeadStatus;
  readonly disqualifyReason?: string | null;
  readonly bantBudget?: Money | null;
  readonly bantAuthority?: string | null;
  readonly bantNeed?: string | null;
  readonly bantTimeline?: string | null;
  readonly ownerId?: string | null;
  readonly poolId?: string | null;
}

export type LeadPatch = Partial<LeadInput> & { readonly version: number };

export const leadStore = tableStore<'leads', ScoredLead>('lead', 'leads', toLead, toLeadRow);

export const leadSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
  name: { key: 'name', column: 'name' },
  score: { key: 'score', column: 'score' },
} as const;

/**
 * A new lead from `input`: owned, checked against the qualification rules (qualification.ts)
 * and scored. Web forms build theirs here too, so captured leads obey the same rules.
 */
export async function buildLead(
  trx: Kysely<Database>,
  principal: Principal,
  input: LeadInput,
  { id, now }: { id: string; now: string },
): Promise<{ lead: ScoredLead; score: LeadScore }> {
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
    language: input.language ?? null,
    source: input.source,
    campaign: input.campaign ?? null,
    status: input.status ?? 'new',
    disqualifyReason: input.disqualifyReason ?? null,
    bantBudget: input.bantBudget ?? null,
    bantAuthority: input.bantAuthority ?? null,
    bantNeed: input.bantNeed ?? null,
    bantTimeline: input.bantTimeline ?? null,
    ...ownership,
    ...(await freshOwnership(trx, principal.tenantId, ownership.ownerId, now)),
    convertedOpportunityId: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    version: 1,
  };
  checkNewLead(lead);
  const score = await scoreOf(trx, principal.tenantId, lead, now);
  return { lead: { ...lead, score: score.score }, score };
}

export async function createLead(
  ctx: AppContext,
  principal: Principal,
  input: LeadInput,
): Promise<ScoredLead> {
  authorize(principal, 'leads.write');
  let score: LeadScore | null = null;
  return createEntity(
    ctx,
    principal,
    leadStore,
    async (trx, meta) => {
      const built = await buildLead(trx, principal, input, meta);
      score = built.score;
      return built.lead;
    },
    async (trx, lead) => {
      if (score) await saveLeadScore(trx, principal.tenantId, lead.id, score, lead.createdAt);
      await detectOnSave(ctx, trx, principal.tenantId, leadSubject(lead), true);
      // It joins the running lead experiments it matches (their script or template).
      await assignNewRecord(
        trx,
        ctx,
        principal.tenantId,
        'leads',
        {
          id: lead.id,
          ownerId: lead.ownerId,
          pipelineId: null,
          stageId: null,
          source: lead.source,
        },
        lead.createdAt,
      );
      await recordLeadEvents(trx, ctx, principal.tenantId, null, lead);
    },
  );
}

export async function updateLead(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: LeadPatch,
): Promise<ScoredLead> {
  authorize(principal, 'leads.write');
  // The score is saved after the lead's own row, in the same transaction.
  return inTransaction(ctx, async (outer) => {
    let score: LeadScore | null = null;
    let before: ScoredLead | undefined;
    const lead = await updateEntity(
      ctx,
      principal,
      leadStore,
      id,
      version,
      async (trx, current, { now }) => {
        before = current;
        const next = await editedLead(trx, principal, current, patch, now);
        score = await scoreOf(trx, principal.tenantId, next, now);
        return { ...next, score: score.score };
      },
    );
    if (before) {
      await recordEditedOwnership(outer, ctx, principal, 'lead', before, lead, lead.updatedAt);
      await recordLeadEvents(outer, ctx, principal.tenantId, before, lead);
    }
    if (score) await saveLeadScore(outer, principal.tenantId, lead.id, score, lead.updatedAt);
    await detectOnSave(ctx, outer, principal.tenantId, leadSubject(lead), false);
    return lead;
  });
}

/** The lead as `patch` would leave it: ownership resolved, qualification rules checked. */
async function editedLead(
  trx: Kysely<Database>,
  principal: Principal,
  current: ScoredLead,
  patch: Omit<LeadPatch, 'version'>,
  now: string,
): Promise<ScoredLead> {
  const ownership = resolveOwnership(patch, current, principal.userId);
  if (ownership.ownerId !== current.ownerId)
    await assertCanAssign(trx, principal, ownership.ownerId, 'lead');
  await assertReferences(trx, principal, [
    { field: 'ownerId', table: 'users', id: patch.ownerId },
    { field: 'poolId', table: 'pools', id: patch.poolId },
  ]);
  return checkLeadEdit(current, {
    ...applyPatch(current, patch),
    ...ownership,
    ...(await reownedFields(trx, principal.tenantId, current, ownership, now)),
  });
}

export async function getLead(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<ScoredLead> {
  return getEntity(ctx, principal, leadStore, id).catch((error: unknown) =>
    explainMerged(dbFor(ctx), principal, 'lead', id, error),
  );
}

export async function listLeadsPage(
  ctx: AppContext,
  principal: Principal,
  filter: LeadFilter,
  list: ListInput<keyof typeof leadSorts>,
): Promise<Page<ScoredLead>> {
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
): Promise<ScoredLead> {
  authorize(principal, 'leads.delete');
  return restoreEntity(ctx, principal, leadStore, id, {
    guard: (trx) => assertNotMerged(trx, principal, 'lead', id),
    // Records created while it was in the trash were not compared with it.
    after: (trx, lead) =>
      detectOnSave(ctx, trx, principal.tenantId, leadSubject(lead), false).then(() => undefined),
  });
}
