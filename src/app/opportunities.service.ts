import { moveDealTeam } from './deal-team.service.js';
import type { Kysely } from 'kysely';
import { DomainError, notFound, referenceNotFound } from '../domain/errors.js';
import { lineageIssues } from '../domain/lifecycle/deal-kind.js';
import type { DealKind, DealLineage } from '../domain/lifecycle/deal-kind.js';
import { findLineageContract } from '../store/lifecycle.repo.js';
import type { CurrencyCode, Money } from '../domain/money.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { priceProductLines } from '../domain/opportunities/products.js';
import type { ProductLineInput } from '../domain/opportunities/products.js';
import type { CustomValue } from '../domain/opportunities/custom-fields.js';
import { normaliseTags } from '../domain/opportunities/tags.js';
import { validateCustomValues } from './custom-fields.service.js';
import { syncDiscountApproval } from './discount-approvals.js';
import { pipelineOpenTo } from './pipeline-access.js';
import type { Pipeline, Stage } from '../domain/pipeline/pipeline.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { dealChangesBetween } from '../domain/opportunities/deal-changes.js';
import { insertDealChanges } from '../store/deal-changes.repo.js';
import { listOpportunities } from '../store/opportunities.repo.js';
import type { OpportunityFilter } from '../store/opportunities.repo.js';
import type { Page } from '../store/pagination.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import type { Database } from '../store/schema.js';
import { findTenantById } from '../store/tenants.repo.js';
import { assertCanAssign, authorize, visibilityOf } from './access.js';
import { assignNewRecord, dealStageDeadline } from './experiments/assign.js';
import { recordDealEvents } from './automation/capture.js';
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
import { opportunityStore } from './opportunity-store.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { openHistoryEntry } from './stage-moves.service.js';
import { applyPatch } from './table-store.js';
import { dbFor } from './transaction.js';

export interface OpportunityFields {
  readonly name: string;
  readonly accountId: string;
  readonly primaryContactId?: string | null;
  readonly ownerId?: string;
  readonly amount?: Money;
  readonly expectedCloseDate?: string | null;
  readonly budget?: Money | null;
  readonly timeline?: string | null;
  readonly nextStep?: string | null;
  readonly nextStepDate?: string | null;
  readonly competitors?: readonly string[];
  readonly source?: string | null;
  readonly sourceLeadId?: string | null;
  readonly products?: readonly ProductLineInput[];
  /** Tenant-defined fields by key; in an update, keys not sent keep their value. */
  readonly customFields?: Readonly<Record<string, CustomValue>>;
  /** Replaces the deal's tag set (normalised: trimmed, unique by lower case, at most 20). */
  readonly tags?: readonly string[];
}

export interface OpportunityInput extends OpportunityFields {
  /** Defaults to the tenant's default pipeline and its first stage. */
  readonly pipelineId?: string;
  readonly stageId?: string;
  /** Set on create only (default `new`); see domain/lifecycle/deal-kind.ts. */
  readonly dealKind?: DealKind;
  readonly originContractId?: string | null;
}

/** Stage and pipeline change only through a stage move, so history is always complete. */
export type OpportunityPatch = Partial<OpportunityFields> & { readonly version: number };

const withoutNulls = (values: Readonly<Record<string, CustomValue>>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));

export const opportunitySorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  updatedAt: { key: 'updatedAt', column: 'updated_at' },
  name: { key: 'name', column: 'name' },
  amount: { key: 'amount', column: 'amount_minor' },
  expectedCloseDate: {
    key: 'expectedCloseDate',
    column: 'expected_close_date',
    nullAs: '9999-12-31',
  },
} as const;

/**
 * The pipeline and stage a new deal starts in: by default the tenant's default pipeline
 * and its first stage. A pipeline restricted to teams is unknown to everyone else.
 */
async function resolvePipelineAndStage(
  trx: Kysely<Database>,
  principal: Principal,
  input: OpportunityInput,
): Promise<{ pipeline: Pipeline; stage: Stage }> {
  const pipelines = await loadPipelines(trx, principal.tenantId, {
    ...(input.pipelineId ? { ids: [input.pipelineId] } : {}),
    includeArchived: false,
  });
  const pipeline = input.pipelineId ? pipelines[0] : pipelines.find((p) => p.isDefault);
  if (!pipeline || !(await pipelineOpenTo(trx, principal, pipeline))) {
    throw new DomainError('reference_not_found', { field: 'pipelineId' });
  }
  const stage = input.stageId
    ? pipeline.stages.find((s) => s.id === input.stageId)
    : pipeline.stages.find((s) => s.kind === 'open');
  if (!stage) throw new DomainError('stage_not_in_pipeline', { field: 'stageId' });
  return { pipeline, stage };
}

/** The new deal's kind and origin contract, checked against the contract's account. */
async function checkedLineage(
  trx: Kysely<Database>,
  tenantId: string,
  input: OpportunityInput,
): Promise<DealLineage> {
  const lineage: DealLineage = {
    dealKind: input.dealKind ?? 'new',
    originContractId: input.originContractId ?? null,
  };
  if (lineage.originContractId === null) return lineage;
  const origin = await findLineageContract(trx, tenantId, lineage.originContractId);
  if (!origin) throw referenceNotFound('originContractId');
  const issues = lineageIssues(lineage, input.accountId, origin);
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
  return lineage;
}

async function defaultCurrency(trx: Kysely<Database>, tenantId: string): Promise<CurrencyCode> {
  const tenant = await findTenantById(trx, tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant.defaultCurrency;
}

/** Products and amount must agree on the currency; without an amount, the products sum it. */
function priceOpportunity(
  fields: Pick<OpportunityFields, 'amount' | 'products'>,
  fallbackCurrency: CurrencyCode,
  newId: () => string,
): { amount: Money; products: Opportunity['products'] } {
  const { products, totalMinor } = priceProductLines(fields.products ?? [], newId);
  const amount = fields.amount ?? { amountMinor: totalMinor, currency: fallbackCurrency };
  return { amount, products };
}

export async function createOpportunity(
  ctx: AppContext,
  principal: Principal,
  input: OpportunityInput,
): Promise<Opportunity> {
  authorize(principal, 'opportunities.write');
  return createEntity(
    ctx,
    principal,
    opportunityStore,
    async (trx, { id, now }) => {
      const ownerId = input.ownerId ?? principal.userId;
      await assertCanAssign(trx, principal, ownerId, 'record');
      if (!ownerId)
        throw new DomainError('validation_failed', {}, [
          { path: 'ownerId', code: 'required', message: 'required' },
        ]);
      await assertReferences(trx, principal, [
        { field: 'accountId', table: 'accounts', id: input.accountId },
        { field: 'primaryContactId', table: 'contacts', id: input.primaryContactId },
        { field: 'ownerId', table: 'users', id: ownerId },
        { field: 'sourceLeadId', table: 'leads', id: input.sourceLeadId },
      ]);
      const lineage = await checkedLineage(trx, principal.tenantId, input);
      const { pipeline, stage } = await resolvePipelineAndStage(trx, principal, input);
      await validateCustomValues(trx, principal.tenantId, input.customFields ?? {});
      // The tenant's currency is needed only when the products must price the deal.
      const currency = input.amount?.currency ?? (await defaultCurrency(trx, principal.tenantId));
      const { amount, products } = priceOpportunity(input, currency, ctx.newId);
      // It joins the running experiments it matches; a cadence variant sets its first deadline.
      await assignNewRecord(
        trx,
        ctx,
        principal.tenantId,
        'opportunities',
        { id, ownerId, pipelineId: pipeline.id, stageId: stage.id, source: input.source ?? null },
        now,
      );
      const opportunity: Opportunity = {
        id,
        name: input.name,
        accountId: input.accountId,
        primaryContactId: input.primaryContactId ?? null,
        ownerId,
        pipelineId: pipeline.id,
        stageId: stage.id,
        status: stage.kind,
        amount,
        expectedCloseDate: input.expectedCloseDate ?? null,
        budget: input.budget ?? null,
        timeline: input.timeline ?? null,
        nextStep: input.nextStep ?? null,
        nextStepDate: input.nextStepDate ?? null,
        competitors: input.competitors ?? [],
        source: input.source ?? null,
        sourceLeadId: input.sourceLeadId ?? null,
        ...lineage,
        products,
        customFields: withoutNulls(input.customFields ?? {}),
        tags: normaliseTags(input.tags ?? []),
        // The stage's follow-up cadence sets the first deadline (closed deals have none).
        deadlineAt: await dealStageDeadline(trx, principal.tenantId, id, stage, ctx.clock.now()),
        deadlineLevel: 0,
        stageEnteredAt: now,
        closedAt: stage.kind === 'open' ? null : now,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        version: 1,
      };
      return opportunity;
    },
    async (trx, opportunity) => {
      await openHistoryEntry(trx, ctx, principal, opportunity, null, null);
      if (opportunity.products.length > 0)
        await syncDiscountApproval(trx, ctx, principal, opportunity);
      await recordDealEvents(trx, ctx, principal.tenantId, null, opportunity);
    },
  );
}

export async function updateOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, products: productLines, customFields, ...patch }: OpportunityPatch,
): Promise<Opportunity> {
  authorize(principal, 'opportunities.write');
  return updateEntity(ctx, principal, opportunityStore, id, version, async (trx, current, meta) => {
    const next = await patchedOpportunity(trx, ctx, principal, current, {
      patch,
      productLines,
      customFields,
    });
    // Same transaction as the save: a refused or stale update leaves no change row behind.
    await insertDealChanges(
      trx,
      principal.tenantId,
      dealChangesBetween(current, next, { at: meta.now, by: principal.userId }),
      ctx.newId,
    );
    // A new owner takes over the owner seat and the old owner's credit (deal-team.service).
    await moveDealTeam(trx, ctx, principal, {
      opportunityId: id,
      fromOwnerId: current.ownerId,
      toOwnerId: next.ownerId,
    });
    await recordDealEvents(trx, ctx, principal.tenantId, current, next);
    // New lines may need (or no longer need) a discount sign-off (docs/approvals.md).
    if (productLines !== undefined) await syncDiscountApproval(trx, ctx, principal, next);
    return next;
  });
}

/** The opportunity a PATCH asks for: checked references, merged fields, re-priced products. */
async function patchedOpportunity(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  current: Opportunity,
  {
    patch,
    productLines,
    customFields,
  }: {
    patch: Partial<Omit<OpportunityFields, 'products' | 'customFields'>>;
    productLines: OpportunityFields['products'];
    customFields: OpportunityFields['customFields'];
  },
): Promise<Opportunity> {
  if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
    await assertCanAssign(trx, principal, patch.ownerId, 'record');
  }
  await assertReferences(trx, principal, [
    { field: 'accountId', table: 'accounts', id: patch.accountId },
    { field: 'primaryContactId', table: 'contacts', id: patch.primaryContactId },
    { field: 'ownerId', table: 'users', id: patch.ownerId },
    { field: 'sourceLeadId', table: 'leads', id: patch.sourceLeadId },
  ]);
  await validateCustomValues(trx, principal.tenantId, customFields ?? {});
  const next = {
    ...applyPatch(current, patch),
    customFields: withoutNulls({ ...current.customFields, ...customFields }),
    tags: patch.tags === undefined ? current.tags : normaliseTags(patch.tags),
  };
  if (productLines === undefined) {
    // Product prices are in the deal's currency; a new currency needs re-priced products.
    if (next.amount.currency !== current.amount.currency && current.products.length > 0) {
      throw new DomainError('currency_mismatch', {
        left: next.amount.currency,
        right: current.amount.currency,
      });
    }
    return next;
  }
  const priced = priceOpportunity(
    { products: productLines, ...(patch.amount ? { amount: patch.amount } : {}) },
    current.amount.currency,
    ctx.newId,
  );
  return { ...next, ...priced };
}

export async function getOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Opportunity> {
  authorize(principal, 'opportunities.read');
  return getEntity(ctx, principal, opportunityStore, id);
}

export async function listOpportunitiesPage(
  ctx: AppContext,
  principal: Principal,
  filter: OpportunityFilter,
  list: ListInput<keyof typeof opportunitySorts>,
): Promise<Page<Opportunity>> {
  authorize(principal, 'opportunities.read');
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'pipelineId', table: 'pipelines', id: filter.pipelineId },
    { field: 'stageId', table: 'stages', id: filter.stageId },
    { field: 'ownerId', table: 'users', id: filter.ownerId },
    { field: 'accountId', table: 'accounts', id: filter.accountId },
    { field: 'originContractId', table: 'contracts', id: filter.originContractId },
  ]);
  return listOpportunities(
    db,
    principal.tenantId,
    filter,
    pageQuery(list, opportunitySorts),
    await visibilityOf(db, principal),
  );
}

export async function deleteOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'opportunities.delete');
  await softDeleteEntity(ctx, principal, opportunityStore, id);
}

export async function restoreOpportunity(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Opportunity> {
  authorize(principal, 'opportunities.delete');
  return restoreEntity(ctx, principal, opportunityStore, id, {
    guard: (trx, current) =>
      assertReferences(trx, principal, [
        { field: 'accountId', table: 'accounts', id: current.accountId },
      ]),
  });
}
