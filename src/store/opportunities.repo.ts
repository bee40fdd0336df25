import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CurrencyCode } from '../domain/money.js';
import type {
  Opportunity,
  OpportunityProduct,
  OpportunityStatus,
  ProductCustomisation,
  ProductType,
} from '../domain/opportunities/opportunity.js';
import type { CustomValue } from '../domain/opportunities/custom-fields.js';
import { deadlineLevel } from './deadline-level.js';
import { hasTag, tagsFor } from './opportunity-tags.repo.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibleCondition } from './visibility.js';
import type { DealKind } from '../domain/lifecycle/deal-kind.js';
import type {
  Database,
  DealLineageColumns,
  OpportunitiesTable,
  OpportunityProductsTable,
} from './schema.js';
import { deletedCondition, matchesText } from './search.js';
import type { DeletedFilter } from './search.js';

function toProduct(row: Selectable<OpportunityProductsTable>): OpportunityProduct {
  return {
    id: row.id,
    name: row.name,
    productType: row.product_type as ProductType,
    customisation: row.customisation as ProductCustomisation,
    quantity: row.quantity,
    unitPriceMinor: row.unit_price_minor,
    discountPercent: row.discount_basis_points / 100,
    amountMinor: row.amount_minor,
  };
}

function customFieldsFromJson(value: unknown): Record<string, CustomValue> {
  const parsed = fromJsonColumn(value);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, CustomValue] =>
        entry[1] === null || ['string', 'number', 'boolean'].includes(typeof entry[1]),
    ),
  );
}

/** The lineage columns are read when the query selected them (every `selectAll` does). */
export function toOpportunity(
  row: Selectable<OpportunitiesTable> & Partial<Selectable<DealLineageColumns>>,
  products: readonly OpportunityProduct[],
  tags: readonly string[] = [],
): Opportunity {
  return {
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    primaryContactId: row.primary_contact_id,
    ownerId: row.owner_id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    status: row.status as OpportunityStatus,
    amount: { amountMinor: row.amount_minor, currency: row.currency as CurrencyCode },
    expectedCloseDate: row.expected_close_date,
    budget:
      row.budget_minor === null || row.budget_currency === null
        ? null
        : { amountMinor: row.budget_minor, currency: row.budget_currency as CurrencyCode },
    timeline: row.timeline,
    nextStep: row.next_step,
    nextStepDate: row.next_step_date,
    competitors: stringArrayFromJson(row.competitors),
    source: row.source,
    sourceLeadId: row.source_lead_id,
    dealKind: (row.deal_kind ?? 'new') as DealKind,
    originContractId: row.origin_contract_id ?? null,
    products,
    customFields: customFieldsFromJson(row.custom_fields),
    tags,
    deadlineAt: row.deadline_at,
    deadlineLevel: deadlineLevel(row.deadline_level),
    stageEnteredAt: row.stage_entered_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
}

/**
 * The row of an opportunity. The lineage columns are written only when the record carries
 * them, so a record built without (an import, the demo) gets the column defaults.
 */
export function toOpportunityRow(
  tenantId: string,
  opp: Opportunity,
): OpportunitiesTable & Partial<Insertable<DealLineageColumns>> {
  return {
    ...(opp.dealKind === undefined ? {} : { deal_kind: opp.dealKind }),
    ...(opp.originContractId === undefined ? {} : { origin_contract_id: opp.originContractId }),
    tenant_id: tenantId,
    id: opp.id,
    name: opp.name,
    account_id: opp.accountId,
    primary_contact_id: opp.primaryContactId,
    owner_id: opp.ownerId,
    pipeline_id: opp.pipelineId,
    stage_id: opp.stageId,
    status: opp.status,
    amount_minor: opp.amount.amountMinor,
    currency: opp.amount.currency,
    expected_close_date: opp.expectedCloseDate,
    budget_minor: opp.budget?.amountMinor ?? null,
    budget_currency: opp.budget?.currency ?? null,
    timeline: opp.timeline,
    next_step: opp.nextStep,
    next_step_date: opp.nextStepDate,
    competitors: toJsonColumn(opp.competitors),
    source: opp.source,
    source_lead_id: opp.sourceLeadId,
    stage_entered_at: opp.stageEnteredAt,
    closed_at: opp.closedAt,
    custom_fields: toJsonColumn(opp.customFields),
    deadline_at: opp.deadlineAt,
    deadline_level: opp.deadlineLevel,
    created_at: opp.createdAt,
    updated_at: opp.updatedAt,
    deleted_at: opp.deletedAt,
    version: opp.version,
  };
}

/** Products are owned by their opportunity: an update replaces the whole list. */
export async function replaceProducts(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  products: readonly OpportunityProduct[],
): Promise<void> {
  await db
    .deleteFrom('opportunity_products')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .execute();
  await insertProducts(db, tenantId, opportunityId, products);
}

/** The product lines of a new opportunity: nothing to replace, so no DELETE first. */
export async function insertProducts(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  products: readonly OpportunityProduct[],
): Promise<void> {
  if (products.length === 0) return;
  await db
    .insertInto('opportunity_products')
    .values(toProductRows(tenantId, opportunityId, products))
    .execute();
}

export function toProductRows(
  tenantId: string,
  opportunityId: string,
  products: readonly OpportunityProduct[],
): Insertable<OpportunityProductsTable>[] {
  return products.map((product, position) => ({
    tenant_id: tenantId,
    id: product.id,
    opportunity_id: opportunityId,
    position,
    name: product.name,
    product_type: product.productType,
    customisation: product.customisation,
    quantity: product.quantity,
    unit_price_minor: product.unitPriceMinor,
    discount_basis_points: Math.round(product.discountPercent * 100),
    amount_minor: product.amountMinor,
  }));
}

async function productsFor(
  db: Kysely<Database>,
  tenantId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, OpportunityProduct[]>> {
  const byOpportunity = new Map<string, OpportunityProduct[]>();
  if (opportunityIds.length === 0) return byOpportunity;
  const rows = await db
    .selectFrom('opportunity_products')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('opportunity_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byOpportunity.get(row.opportunity_id) ?? [];
    list.push(toProduct(row));
    byOpportunity.set(row.opportunity_id, list);
  }
  return byOpportunity;
}

export async function findOpportunity(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Opportunity | undefined> {
  const row = await db
    .selectFrom('opportunities')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const products = await productsFor(db, tenantId, [id]);
  const tags = await tagsFor(db, tenantId, [id]);
  return toOpportunity(row, products.get(id) ?? [], tags.get(id) ?? []);
}

export interface OpportunityFilter {
  readonly pipelineId?: string;
  readonly stageId?: string;
  readonly status?: OpportunityStatus;
  readonly ownerId?: string;
  readonly accountId?: string;
  readonly q?: string;
  readonly amountMin?: number;
  readonly amountMax?: number;
  readonly closeFrom?: string;
  readonly closeTo?: string;
  /** Deals carrying this tag (compared without regard to case). */
  readonly tag?: string;
  readonly dealKind?: DealKind;
  /** Any of these kinds (a contract's expansions: upsell and cross-sell). */
  readonly dealKinds?: readonly DealKind[];
  /** Deals grown from this contract (renewals and expansions). */
  readonly originContractId?: string;
  readonly deleted: DeletedFilter;
}

export async function listOpportunities(
  db: Kysely<Database>,
  tenantId: string,
  filter: OpportunityFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<Opportunity>> {
  let query = db.selectFrom('opportunities').selectAll().where('tenant_id', '=', tenantId);
  const visible = visibleCondition('opportunities', visibility);
  if (visible) query = query.where(visible);
  const deleted = deletedCondition('opportunities', filter.deleted);
  if (deleted) query = query.where(deleted);
  if (filter.pipelineId) query = query.where('pipeline_id', '=', filter.pipelineId);
  if (filter.stageId) query = query.where('stage_id', '=', filter.stageId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.amountMin !== undefined) query = query.where('amount_minor', '>=', filter.amountMin);
  if (filter.amountMax !== undefined) query = query.where('amount_minor', '<=', filter.amountMax);
  if (filter.closeFrom) query = query.where('expected_close_date', '>=', filter.closeFrom);
  if (filter.closeTo) query = query.where('expected_close_date', '<=', filter.closeTo);
  if (filter.q) query = query.where(matchesText('opportunities', ['name'], filter.q));
  if (filter.tag) query = query.where(hasTag(filter.tag));
  if (filter.dealKind) query = query.where('deal_kind', '=', filter.dealKind);
  if (filter.dealKinds) query = query.where('deal_kind', 'in', [...filter.dealKinds]);
  if (filter.originContractId)
    query = query.where('origin_contract_id', '=', filter.originContractId);
  const rows = await applyKeyset(query, 'opportunities', page).execute();
  const ids = rows.map((row) => row.id);
  const products = await productsFor(db, tenantId, ids);
  const tags = await tagsFor(db, tenantId, ids);
  return toPage(rows, page, (row) =>
    toOpportunity(row, products.get(row.id) ?? [], tags.get(row.id) ?? []),
  );
}

export interface StageSummaryRow {
  readonly stageId: string;
  readonly currency: string;
  readonly count: number;
  readonly amountMinor: number;
}

/** Live (not deleted) opportunities per stage and currency, for the board and the home page. */
export async function summariseByStage(
  db: Kysely<Database>,
  tenantId: string,
  pipelineId: string,
  visibility: Visibility,
): Promise<StageSummaryRow[]> {
  const visible = visibleCondition('opportunities', visibility);
  const rows = await db
    .selectFrom('opportunities')
    .$if(visible !== null, (query) => query.where(visible ?? sql<boolean>`1 = 1`))
    .select((eb) => [
      'stage_id',
      'currency',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('amount_minor').as('amount'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('pipeline_id', '=', pipelineId)
    .where('deleted_at', 'is', null)
    .groupBy(['stage_id', 'currency'])
    .execute();
  return rows.map((row) => ({
    stageId: row.stage_id,
    currency: row.currency,
    count: Number(row.count),
    amountMinor: Number(row.amount),
  }));
}
